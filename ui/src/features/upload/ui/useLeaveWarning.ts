/** Asks before the page is closed or reloaded while files are still being uploaded. */
import { useEffect, useSyncExternalStore } from "react";
import type { UploadController } from "../model";

const never = () => () => {};
const inactive = () => false;

export function useLeaveWarning(controller: UploadController | null): void {
  const active = useSyncExternalStore(
    controller ? controller.subscribe : never,
    controller ? () => controller.getSnapshot().active : inactive,
  );
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
