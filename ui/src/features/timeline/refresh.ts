/**
 * Keeping the cached timeline in step with the library while assets arrive and get processed:
 * the month buckets are refetched, then every loaded month whose count no longer matches its
 * bucket (an upload landed in it, or processing moved an asset to the month its EXIF date says).
 */
import type { QueryClient } from "@tanstack/react-query";
import { timelineKeys, type BucketsResponse, type MonthColumns } from "./api";

/** Refetches the buckets, the months `also`, and the loaded months whose counts changed. */
export async function refreshChangedMonths(client: QueryClient, also: readonly string[] = []): Promise<void> {
  const bucketsKey = timelineKeys.buckets();
  const refetched = also.map((month) => client.invalidateQueries({ queryKey: timelineKeys.month(month) }));
  const watched = client.getQueryCache().find({ queryKey: bucketsKey, exact: true })?.isActive() ?? false;
  if (!watched) {
    // No timeline on screen: mark it all stale so the next visit loads fresh data.
    await Promise.all([...refetched, client.invalidateQueries({ queryKey: timelineKeys.all, refetchType: "none" })]);
    return;
  }
  await Promise.all([...refetched, client.invalidateQueries({ queryKey: bucketsKey, exact: true })]);
  const buckets = client.getQueryData<BucketsResponse>(bucketsKey)?.buckets ?? [];
  const counts = new Map(buckets.map((bucket) => [bucket.month, bucket.count]));
  const skip = new Set(also);
  const changed = client
    .getQueriesData<MonthColumns>({ queryKey: ["timeline", "month"] })
    .filter(([, data]) => data && !skip.has(data.month) && counts.get(data.month) !== data.ids.length)
    .map(([key]) => key);
  await Promise.all(changed.map((queryKey) => client.invalidateQueries({ queryKey, exact: true })));
}
