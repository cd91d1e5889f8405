import { Outlet } from "react-router";

/** Placeholder guards (owned by the auth work): render children for now. */
export function RequireSession() {
  return <Outlet />;
}

export function RequireNoSession() {
  return <Outlet />;
}
