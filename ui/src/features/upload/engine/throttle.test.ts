import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { throttle } from "./throttle";

describe("throttle", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("runs at once when idle, then at most once per interval with a trailing call", () => {
    const fn = vi.fn();
    const run = throttle(fn, 250, () => Date.now());
    run();
    expect(fn).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 100; i += 1) run();
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(249);
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(1000);
    expect(fn).toHaveBeenCalledTimes(2);
  });

  it("publishes about 4 times a second under a stream of events", () => {
    const fn = vi.fn();
    const run = throttle(fn, 250, () => Date.now());
    for (let ms = 0; ms < 2000; ms += 5) {
      run();
      vi.advanceTimersByTime(5);
    }
    expect(fn.mock.calls.length).toBeGreaterThanOrEqual(8);
    expect(fn.mock.calls.length).toBeLessThanOrEqual(9);
  });

  it("flush runs a pending call now; cancel drops it", () => {
    const fn = vi.fn();
    const run = throttle(fn, 250, () => Date.now());
    run();
    run();
    run.flush();
    expect(fn).toHaveBeenCalledTimes(2);
    run();
    run.cancel();
    vi.advanceTimersByTime(1000);
    expect(fn).toHaveBeenCalledTimes(2);
  });
});
