import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { initI18n } from "./i18n";
import { startEarlyTimeline } from "./features/timeline/early";

// The library is the first screen of most visits (and of every desktop start): its first data
// and its code are requested now, beside the app's own start, not once the router has started.
if (window.location.pathname === "/") {
  startEarlyTimeline();
  void import("./features/timeline/TimelinePage");
}
initI18n();
createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
