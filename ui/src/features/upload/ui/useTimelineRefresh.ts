/**
 * New uploads appear in the timeline as they finalize: at most every REFRESH_MS (2 s) the month
 * buckets are refetched and the loaded months whose counts changed are refetched with them.
 * Thumbnails (and moves to the month of the EXIF date) then arrive through the timeline's own
 * polling of months with pending items.
 */
import { useEffect } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { refreshChangedMonths } from "../../timeline/refresh";
import type { UploadController } from "../model";

export const REFRESH_MS = 2000;

/** Subscribes to finalized assets and refreshes the timeline, throttled. */
export function useTimelineRefresh(controller: UploadController | null): void {
  const client = useQueryClient();
  useEffect(() => {
    if (!controller) return;
    let timer: number | undefined;
    let last = 0;
    const run = () => {
      timer = undefined;
      last = Date.now();
      void refreshChangedMonths(client);
    };
    const unsubscribe = controller.onAssetFinalized(() => {
      if (timer !== undefined) return;
      timer = window.setTimeout(run, Math.max(0, last + REFRESH_MS - Date.now()));
    });
    return () => {
      unsubscribe();
      if (timer !== undefined) window.clearTimeout(timer);
    };
  }, [controller, client]);
}
