import { afterEach, describe, expect, it, vi } from "vitest";
import type { ReactNode } from "react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { renderHook, waitFor } from "@testing-library/react";
import * as timelineApi from "../api";
import type { MonthColumns } from "../api";
import { usePendingRefresh } from "./useTimeline";

function month(name: string, processing: MonthColumns["processing"]): MonthColumns {
  const n = processing.length;
  return {
    month: name,
    ids: processing.map((_, i) => `${name}-${i}`),
    ratios: Array(n).fill(1),
    local_dates: Array(n).fill(`${name}-01`),
    types: Array(n).fill("photo"),
    duration_ms: Array(n).fill(null),
    is_favorite: Array(n).fill(false),
    thumbhash: Array(n).fill(null),
    thumb_urls: Array(n).fill(null),
    processing,
  };
}

function setup(months: (MonthColumns | undefined)[]) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const invalidate = vi.spyOn(client, "invalidateQueries");
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>{children}</QueryClientProvider>
  );
  const hook = renderHook(({ data }) => usePendingRefresh(data), { wrapper, initialProps: { data: months } });
  return { client, invalidate, hook };
}

afterEach(() => vi.useRealTimers());

describe("usePendingRefresh", () => {
  it("does not poll /jobs when nothing loaded is pending", async () => {
    const jobs = vi.spyOn(timelineApi, "fetchJobs");
    setup([month("2026-01", ["done", "failed"])]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(jobs).not.toHaveBeenCalled();
  });

  it("refetches the months with pending assets once the work is done", async () => {
    const jobs = vi
      .spyOn(timelineApi, "fetchJobs")
      .mockResolvedValueOnce({ pending: 2, running: 1, failed: 0 })
      .mockResolvedValue({ pending: 0, running: 0, failed: 0 });
    const { invalidate, client } = setup([month("2026-02", ["pending", "done"]), month("2026-01", ["done"])]);
    await waitFor(() => expect(jobs).toHaveBeenCalledTimes(1));
    expect(invalidate).not.toHaveBeenCalled();
    await client.refetchQueries({ queryKey: ["jobs"] });
    await waitFor(() =>
      expect(invalidate).toHaveBeenCalledWith({ queryKey: ["timeline", "month", "2026-02"] }),
    );
    expect(invalidate).not.toHaveBeenCalledWith({ queryKey: ["timeline", "month", "2026-01"] });
  });
});
