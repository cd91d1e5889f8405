import { afterEach, describe, expect, it, vi } from "vitest";
import type { ReactNode } from "react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { renderHook } from "@testing-library/react";
import { FakeUploadController, fakeItem } from "./fakeController";
import { REFRESH_MS, useTimelineRefresh } from "./useTimelineRefresh";

afterEach(() => vi.useRealTimers());

describe("useTimelineRefresh", () => {
  it("refreshes at most once per REFRESH_MS however many files finalize", async () => {
    vi.useFakeTimers();
    const client = new QueryClient();
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
