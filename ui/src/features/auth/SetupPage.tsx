import { Outlet } from "react-router";

/** Placeholder, to be replaced by the feature's real page. */
export default function SetupPage() {
  return (
    <div>
      SetupPage
      <Outlet />
    </div>
  );
}
