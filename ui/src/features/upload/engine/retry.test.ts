import { describe, expect, it, vi } from "vitest";
import { ApiError } from "../../../api/http";
import { backoffDelay, isRetryable, statusOf, withRetry } from "./retry";

const apiError = (status: number, retryAfter?: number) =>
  new ApiError(status, `http_${status}`, "x", undefined, retryAfter);
const xhrError = (status: number) => Object.assign(new Error("Non 2xx"), { source: { status } });

describe("isRetryable", () => {
  it("retries network failures, 408, 429 and 5xx, not other 4xx or aborts", () => {
    expect(isRetryable(new TypeError("Failed to fetch"))).toBe(true);
    expect(isRetryable(xhrError(0))).toBe(true);
    expect(isRetryable(xhrError(503))).toBe(true);
    expect(isRetryable(apiError(500))).toBe(true);
    expect(isRetryable(apiError(429))).toBe(true);
    expect(isRetryable(apiError(408))).toBe(true);
    expect(isRetryable(apiError(415))).toBe(false);
    expect(isRetryable(apiError(404))).toBe(false);
    expect(isRetryable(xhrError(403))).toBe(false);
    expect(isRetryable(new DOMException("stop", "AbortError"))).toBe(false);
  });

  it("reads the status from API errors and from Uppy's XHR errors", () => {
    expect(statusOf(apiError(409))).toBe(409);
    expect(statusOf(xhrError(502))).toBe(502);
    expect(statusOf(new Error("plain"))).toBeUndefined();
  });
});

describe("backoffDelay", () => {
  const policy = { attempts: 6, baseDelayMs: 100, maxDelayMs: 1000 };

  it("doubles the window per retry within [window/2, window] and caps it", () => {
    expect(backoffDelay(1, policy, () => 0)).toBe(50);
    expect(backoffDelay(1, policy, () => 1)).toBe(100);
    expect(backoffDelay(3, policy, () => 0)).toBe(200);
    expect(backoffDelay(3, policy, () => 1)).toBe(400);
    expect(backoffDelay(10, policy, () => 1)).toBe(1000);
  });

  it("waits at least a 429's Retry-After", () => {
    expect(backoffDelay(1, policy, () => 0, apiError(429, 7))).toBe(7000);
  });
});

describe("withRetry", () => {
  const policy = { attempts: 3, baseDelayMs: 10, maxDelayMs: 100 };

  it("repeats a 503 until it succeeds, sleeping between tries", async () => {
    const task = vi.fn().mockRejectedValueOnce(apiError(503)).mockResolvedValueOnce("ok");
    const sleep = vi.fn().mockResolvedValue(undefined);
    await expect(withRetry(task, { policy, sleep, random: () => 0 })).resolves.toBe("ok");
    expect(task).toHaveBeenCalledTimes(2);
    expect(sleep).toHaveBeenCalledWith(5, undefined);
  });

  it("does not repeat a 4xx", async () => {
    const task = vi.fn().mockRejectedValue(apiError(415));
    const sleep = vi.fn().mockResolvedValue(undefined);
    await expect(withRetry(task, { policy, sleep })).rejects.toMatchObject({ status: 415 });
    expect(task).toHaveBeenCalledTimes(1);
    expect(sleep).not.toHaveBeenCalled();
  });

  it("gives up after the last attempt with the last error", async () => {
    const task = vi.fn().mockRejectedValue(xhrError(0));
    const sleep = vi.fn().mockResolvedValue(undefined);
    await expect(withRetry(task, { policy, sleep })).rejects.toMatchObject({ message: "Non 2xx" });
    expect(task).toHaveBeenCalledTimes(3);
    expect(sleep).toHaveBeenCalledTimes(2);
  });
});
