/** Asks before the page is closed or reloaded while files are still being uploaded. */
import { useEffect, useSyncExternalStore } from "react";
import type { UploadController, UploadSnapshot } from "../model";
import { useControllerStore } from "./context";

const isActive = (snapshot: UploadSnapshot) => snapshot.active;

export function useLeaveWarning(controller: UploadController | null): void {
  const [subscribe, read] = useControllerStore(controller, isActive);
  const active = useSyncExternalStore(subscribe, read);
  useEffect(() => {
    if (!active) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older Chromium versions show the prompt only when returnValue is set.
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [active]);
}
