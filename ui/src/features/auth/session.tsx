/** The session: who is signed in (TanStack Query), silent refresh before expiry, and sign-out. */
import { useEffect } from "react";
import { useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { onSessionEnded, onTokensIssued, refreshSession } from "../../api/http";
import { applyUserLocale } from "./locale";
import { fetchSessionUser, sessionKey, signOut, type SessionUser } from "./api";

const EXPIRY_KEY = "mediabox.accessExpiresAt";
/** Refresh this long before the access token expires (or at 80 % of a short lifetime). */
const REFRESH_MARGIN_MS = 60_000;

export function useSession() {
  const query = useQuery({ queryKey: sessionKey, queryFn: fetchSessionUser, staleTime: Infinity });
  return { user: query.data ?? null, isPending: query.isPending, error: query.error };
}

/** Store the signed-in user after a sign-in and apply the language they chose. */
export function useSetSessionUser() {
  const queryClient = useQueryClient();
  return (user: SessionUser) => {
    queryClient.setQueryData(sessionKey, user);
    applyUserLocale(user.locale);
  };
}

/** Forget the session: the guards show sign-in, and no other user's data stays cached. */
function dropSession(queryClient: QueryClient) {
  window.localStorage.removeItem(EXPIRY_KEY);
  queryClient.setQueryData(sessionKey, null);
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== "auth" });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signOut,
    // Signed out locally even when the server could not be told (it expires on its own).
    onSettled: () => dropSession(queryClient),
  });
}

export function delayUntilRefresh(expiresAt: number, now: number, lifetimeMs: number): number {
  const margin = Math.min(REFRESH_MARGIN_MS, lifetimeMs * 0.2);
  return Math.max(0, expiresAt - margin - now);
}

/**
 * Keeps the session alive and in sync: refreshes the tokens shortly before `expires_in` runs
 * out, drops the cached user when the session ends (the guards then show /login), and applies
 * the user's stored language. Rendered once inside the QueryClientProvider.
 */
export function SessionKeeper() {
  const queryClient = useQueryClient();
  const { user } = useSession();
  const signedIn = !!user;
  const locale = user?.locale;

  useEffect(() => onSessionEnded(() => dropSession(queryClient)), [queryClient]);

  useEffect(
    () =>
      onTokensIssued((expiresIn) => {
        window.localStorage.setItem(EXPIRY_KEY, String(Date.now() + expiresIn * 1000));
        window.dispatchEvent(new Event("mediabox:tokens"));
      }),
    [],
  );

  useEffect(() => {
    if (!signedIn) return;
    let timer: number | undefined;
    const schedule = () => {
      window.clearTimeout(timer);
      const expiresAt = Number(window.localStorage.getItem(EXPIRY_KEY));
      if (!expiresAt) return;
      const lifetime = Math.max(expiresAt - Date.now(), 0);
      timer = window.setTimeout(async () => {
        if (!(await refreshSession())) dropSession(queryClient);
      }, delayUntilRefresh(expiresAt, Date.now(), lifetime));
    };
    schedule();
    window.addEventListener("mediabox:tokens", schedule);
    return () => {
      window.clearTimeout(timer);
      window.removeEventListener("mediabox:tokens", schedule);
    };
  }, [signedIn, queryClient]);

  useEffect(() => applyUserLocale(locale), [locale]);
  return null;
}
