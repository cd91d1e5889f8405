/**
 * New uploads appear in the timeline as they finalize: at most every REFRESH_MS the month
 * buckets are refetched and the loaded months whose counts changed are refetched with them.
 * Thumbnails then arrive through the timeline's own polling of months with pending items.
 */
import { useEffect } from "react";
import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { timelineKeys, type BucketsResponse, type MonthColumns } from "../../timeline/api";
import type { UploadController } from "../model";

export const REFRESH_MS = 1500;

/** Refetches the buckets, then every loaded month whose asset count no longer matches. */
export async function refreshTimeline(client: QueryClient): Promise<void> {
  const bucketsKey = timelineKeys.buckets();
  const watched = client.getQueryCache().find({ queryKey: bucketsKey })?.isActive() ?? false;
  if (!watched) {
    // No timeline on screen: mark it all stale so the next visit loads fresh data.
    await client.invalidateQueries({ queryKey: timelineKeys.all, refetchType: "none" });
    return;
  }
  await client.invalidateQueries({ queryKey: bucketsKey, exact: true });
  const buckets = client.getQueryData<BucketsResponse>(bucketsKey)?.buckets ?? [];
  const counts = new Map(buckets.map((bucket) => [bucket.month, bucket.count]));
  const changed = client
    .getQueriesData<MonthColumns>({ queryKey: ["timeline", "month"] })
    .filter(([, data]) => data && counts.get(data.month) !== data.ids.length)
    .map(([key]) => key);
  await Promise.all(changed.map((queryKey) => client.invalidateQueries({ queryKey, exact: true })));
}

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
      void refreshTimeline(client);
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
