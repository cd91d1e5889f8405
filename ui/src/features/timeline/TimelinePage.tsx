import { Outlet } from "react-router";

/** Placeholder, to be replaced by the feature's real page. */
export default function TimelinePage() {
  return (
    <div>
      TimelinePage
      <Outlet />
    </div>
  );
}
