import { afterEach, describe, expect, it, vi } from "vitest";
import type { ReactNode } from "react";
import { QueryClient, QueryClientProvider, QueryObserver } from "@tanstack/react-query";
import { renderHook } from "@testing-library/react";
import { timelineKeys, type BucketsResponse, type MonthColumns } from "../../timeline/api";
import { FakeUploadController, fakeItem } from "./fakeController";
import { REFRESH_MS, refreshTimeline, useTimelineRefresh } from "./useTimelineRefresh";

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

function clientWithTimeline() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData(timelineKeys.buckets(), buckets({ "2026-11": 2, "2026-10": 2 }));
  client.setQueryData(timelineKeys.month("2026-11"), month("2026-11", 2));
  client.setQueryData(timelineKeys.month("2026-10"), month("2026-10", 2));
  return client;
}

afterEach(() => vi.useRealTimers());

describe("refreshTimeline", () => {
  it("refetches the buckets and only the loaded months whose counts changed", async () => {
    const client = clientWithTimeline();
    const fetchBuckets = vi.fn(async () => buckets({ "2026-11": 3, "2026-10": 2 }));
    const observer = new QueryObserver(client, { queryKey: timelineKeys.buckets(), queryFn: fetchBuckets, staleTime: Infinity });
    const stop = observer.subscribe(() => {});
    const invalidate = vi.spyOn(client, "invalidateQueries");
    await refreshTimeline(client);
    expect(fetchBuckets).toHaveBeenCalledTimes(1);
    const keys = invalidate.mock.calls.map(([filters]) => filters?.queryKey);
    expect(keys).toEqual([timelineKeys.buckets(), timelineKeys.month("2026-11")]);
    expect(client.getQueryState(timelineKeys.month("2026-10"))?.isInvalidated).toBe(false);
    stop();
  });

  it("only marks the timeline stale when no timeline is on screen", async () => {
    const client = clientWithTimeline();
    await refreshTimeline(client);
    expect(client.getQueryState(timelineKeys.buckets())?.isInvalidated).toBe(true);
    expect(client.getQueryState(timelineKeys.month("2026-10"))?.isInvalidated).toBe(true);
    expect(client.getQueryState(timelineKeys.buckets())?.fetchStatus).toBe("idle");
  });
});

describe("useTimelineRefresh", () => {
  it("refreshes at most once per REFRESH_MS however many files finalize", async () => {
    vi.useFakeTimers();
    const client = clientWithTimeline();
    const invalidate = vi.spyOn(client, "invalidateQueries").mockResolvedValue();
    const controller = new FakeUploadController(["a", "b", "c", "d"].map((id) => fakeItem(id, { phase: "uploading" })));
    const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
    const { unmount } = renderHook(() => useTimelineRefresh(controller), { wrapper });

    controller.finalize("a");
    controller.finalize("b");
    await vi.advanceTimersByTimeAsync(10);
    expect(invalidate).toHaveBeenCalledTimes(1);
    controller.finalize("c");
    await vi.advanceTimersByTimeAsync(REFRESH_MS / 2);
    expect(invalidate).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(REFRESH_MS);
    expect(invalidate).toHaveBeenCalledTimes(2);
    unmount();
    controller.finalize("d");
    await vi.advanceTimersByTimeAsync(REFRESH_MS * 2);
    expect(invalidate).toHaveBeenCalledTimes(2);
  });
});
