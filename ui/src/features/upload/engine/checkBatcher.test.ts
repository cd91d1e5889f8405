import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CheckBatcher } from "./checkBatcher";
import type { KnownHash } from "./uploadsApi";

const sha = (n: number) => n.toString(16).padStart(64, "0");

describe("CheckBatcher", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("collects hashes for the window and asks once", async () => {
    const fetchKnown = vi.fn(
      async (hashes: string[]): Promise<KnownHash[]> =>
        hashes.filter((h) => h === sha(2)).map((h) => ({ sha256: h, asset_id: "a2", status: "ready" })),
    );
    const batcher = new CheckBatcher(fetchKnown, 200, 1000);
    const answers = [1, 2, 3].map((n) => batcher.check(sha(n)));
    expect(fetchKnown).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(200);
    expect(fetchKnown).toHaveBeenCalledTimes(1);
    expect(fetchKnown.mock.calls[0][0]).toEqual([sha(1), sha(2), sha(3)]);
    expect(await Promise.all(answers)).toEqual([
      undefined,
      { sha256: sha(2), asset_id: "a2", status: "ready" },
      undefined,
    ]);
  });

  it("sends at most 1,000 hashes a request and does not wait once a batch is full", async () => {
    const fetchKnown = vi.fn(async (): Promise<KnownHash[]> => []);
    const batcher = new CheckBatcher(fetchKnown, 200, 1000);
    const answers = Array.from({ length: 2500 }, (_, n) => batcher.check(sha(n)));
    expect(fetchKnown).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(200);
    expect(fetchKnown.mock.calls.map((call) => (call as unknown as string[][])[0].length)).toEqual([
      1000, 1000, 500,
    ]);
    await Promise.all(answers);
  });

  it("asks once for a hash two files share", async () => {
    const fetchKnown = vi.fn(async (hashes: string[]) =>
      hashes.map((h): KnownHash => ({ sha256: h, asset_id: "x", status: "uploading" })),
    );
    const batcher = new CheckBatcher(fetchKnown, 50);
    const both = Promise.all([batcher.check(sha(7)), batcher.check(sha(7))]);
    await vi.advanceTimersByTimeAsync(50);
    expect(fetchKnown.mock.calls[0][0]).toEqual([sha(7)]);
    expect((await both).map((k) => k?.status)).toEqual(["uploading", "uploading"]);
  });

  it("answers unknown when the check fails, so create decides", async () => {
    const batcher = new CheckBatcher(() => Promise.reject(new Error("503")), 10);
    const answer = batcher.check(sha(1));
    await vi.advanceTimersByTimeAsync(10);
    expect(await answer).toBeUndefined();
  });
});
