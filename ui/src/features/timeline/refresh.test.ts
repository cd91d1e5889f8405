import { describe, expect, it, vi } from "vitest";
import { QueryClient, QueryObserver } from "@tanstack/react-query";
import { timelineKeys, type BucketsResponse, type MonthColumns } from "./api";
import { refreshChangedMonths } from "./refresh";

function month(name: string, count: number): MonthColumns {
  return {
    month: name,
    ids: Array.from({ length: count }, (_, i) => `${name}-${i}`),
    ratios: Array(count).fill(1),
    local_dates: Array(count).fill(`${name}-01`),
    types: Array(count).fill("photo"),
    duration_ms: Array(count).fill(null),
    is_favorite: Array(count).fill(false),
    thumbhash: Array(count).fill(null),
    thumb_urls: Array(count).fill(null),
    processing: Array(count).fill("done"),
  };
}

function buckets(counts: Record<string, number>): BucketsResponse {
  const list = Object.entries(counts).map(([name, count]) => ({ month: name, count }));
  return { buckets: list, total: list.reduce((sum, each) => sum + each.count, 0) } as BucketsResponse;
}

/** A client holding buckets and three loaded months, the buckets watched by a timeline. */
function timelineOnScreen(next: BucketsResponse) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData(timelineKeys.buckets(), buckets({ "2026-11": 2, "2026-10": 2, "2023-04": 1 }));
  for (const [name, count] of [["2026-11", 2], ["2026-10", 2], ["2023-04", 1]] as const) {
    client.setQueryData(timelineKeys.month(name), month(name, count));
  }
  const fetchBuckets = vi.fn(async () => next);
  const observer = new QueryObserver(client, { queryKey: timelineKeys.buckets(), queryFn: fetchBuckets, staleTime: Infinity });
  const stop = observer.subscribe(() => {});
  const invalidate = vi.spyOn(client, "invalidateQueries");
  const invalidated = () => invalidate.mock.calls.map(([filters]) => filters?.queryKey);
  return { client, fetchBuckets, invalidated, stop };
}

describe("refreshChangedMonths", () => {
  it("refetches the buckets and only the loaded months whose counts changed", async () => {
    const { client, fetchBuckets, invalidated, stop } = timelineOnScreen(buckets({ "2026-11": 3, "2026-10": 2, "2023-04": 1 }));
    await refreshChangedMonths(client);
    expect(fetchBuckets).toHaveBeenCalledTimes(1);
    expect(invalidated()).toEqual([timelineKeys.buckets(), timelineKeys.month("2026-11")]);
    expect(client.getQueryState(timelineKeys.month("2026-10"))?.isInvalidated).toBe(false);
    stop();
  });

  it("follows an asset that processing moved to the month of its EXIF date", async () => {
    // Uploaded today (pending), then dated 2023-04 by its EXIF: today's month shrinks, April grows.
    const { client, invalidated, stop } = timelineOnScreen(buckets({ "2026-11": 1, "2026-10": 2, "2023-04": 2 }));
    await refreshChangedMonths(client, ["2026-11"]);
    expect(invalidated()).toEqual([
      timelineKeys.month("2026-11"),
      timelineKeys.buckets(),
      timelineKeys.month("2023-04"),
    ]);
    stop();
  });

  it("only marks the timeline stale when no timeline is on screen", async () => {
    const client = new QueryClient();
    client.setQueryData(timelineKeys.buckets(), buckets({ "2026-11": 2 }));
    client.setQueryData(timelineKeys.month("2026-11"), month("2026-11", 2));
    await refreshChangedMonths(client);
    expect(client.getQueryState(timelineKeys.buckets())?.isInvalidated).toBe(true);
    expect(client.getQueryState(timelineKeys.month("2026-11"))?.isInvalidated).toBe(true);
    expect(client.getQueryState(timelineKeys.buckets())?.fetchStatus).toBe("idle");
  });
});
