/** The auth API: first-run state, sign-in, sign-up, sign-out and the signed-in user. */
import { api, unwrap, type Schemas } from "../../api/client";
import {
  ACCESS_CSRF_COOKIE,
  ApiError,
  hasSessionCookies,
  noteTokensIssued,
  readCookie,
  refreshSession,
} from "../../api/http";
import type { Language } from "../../i18n";

/** The signed-in user (with the interface language they chose). */
export type SessionUser = Schemas["UserOut"];
export type SetupState = Schemas["SetupOut"];

export const sessionKey = ["auth", "me"] as const;
export const setupKey = ["auth", "setup"] as const;

export function fetchSetupState(): Promise<SetupState> {
  return unwrap(api.GET("/api/v1/auth/setup"));
}

/**
 * The current user, or null when signed out. Without the session's CSRF cookies there is no
 * session, so no request is made (no 401 in the console); with only the refresh cookie left
 * (the access token expired) the session is refreshed first.
 */
export async function fetchSessionUser(): Promise<SessionUser | null> {
  if (!hasSessionCookies()) return null;
  if (!readCookie(ACCESS_CSRF_COOKIE) && !(await refreshSession())) return null;
  try {
    return (await unwrap(api.GET("/api/v1/auth/me"))) as SessionUser;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export async function signIn(email: string, password: string): Promise<SessionUser> {
  const tokens = await unwrap(api.POST("/api/v1/auth/login", { body: { email, password } }));
  noteTokensIssued(tokens.expires_in);
  return tokens.user as SessionUser;
}

/**
 * First run: create the owner, sign in, and keep the language the setup was done in as the
 * owner's (a new account's stored language is the server's default otherwise).
 */
export async function createOwner(
  email: string,
  password: string,
  displayName: string,
  locale: Language,
): Promise<SessionUser> {
  await unwrap(
    api.POST("/api/v1/auth/register", {
      body: { email, password, display_name: displayName },
    }),
  );
  const user = await signIn(email, password);
  if (user.locale === locale) return user;
  try {
    return await unwrap(api.PATCH("/api/v1/auth/me", { body: { display_name: null, locale } }));
  } catch {
    return user;
  }
}

/** End this session on the server; an expired access token is refreshed first (logout needs it). */
export async function signOut(): Promise<void> {
  if (!readCookie(ACCESS_CSRF_COOKIE) && !(await refreshSession())) return;
  await unwrap(api.POST("/api/v1/auth/logout"));
}
