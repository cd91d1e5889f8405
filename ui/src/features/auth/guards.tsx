/** Route guards: the app needs a session; /setup and /login need none. */
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Navigate, Outlet, useLocation, type Location } from "react-router";
import { FullPageError, FullPageLoader } from "../../components/FullPageStatus";
import { fetchSetupState, setupKey } from "./api";
import { useSession } from "./session";

export interface FromState {
  from?: Pick<Location, "pathname" | "search" | "hash">;
}

/** Renders the app when signed in; otherwise sends to /setup (no account yet) or /login. */
export function RequireSession() {
  const { t } = useTranslation();
  const { user, isPending, error } = useSession();
  const location = useLocation();
  const setup = useQuery({
    queryKey: setupKey,
    queryFn: fetchSetupState,
    enabled: !isPending && !user && !error,
  });
  if (isPending) return <FullPageLoader />;
  if (error) {
    return <FullPageError message={t("errors.network")} onRetry={() => window.location.reload()} />;
  }
  if (user) return <Outlet />;
  if (setup.isPending && !setup.isError) return <FullPageLoader />;
  if (setup.data?.setup_required) return <Navigate to="/setup" replace />;
  const from: FromState["from"] = {
    pathname: location.pathname,
    search: location.search,
    hash: location.hash,
  };
  return <Navigate to="/login" replace state={location.pathname === "/" ? undefined : { from }} />;
}

/** Renders /setup and /login when signed out; a signed-in visitor goes back where they came from. */
export function RequireNoSession() {
  const { user, isPending } = useSession();
  const location = useLocation();
  if (isPending) return <FullPageLoader />;
  if (user) {
    const from = (location.state as FromState | null)?.from;
    return <Navigate to={from ?? "/"} replace />;
  }
  return <Outlet />;
}
