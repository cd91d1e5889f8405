/** When a failed request is worth repeating, and how long to wait before the next try. */
import { ApiError } from "../../../api/http";

export interface RetryPolicy {
  /** Tries in all, the first one included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 500, maxDelayMs: 15_000 };

/** An HTTP status read from the errors our API client, Uppy's XHRs and fetch throw. */
export function statusOf(error: unknown): number | undefined {
  if (error instanceof ApiError) return error.status;
  const source = (error as { source?: { status?: unknown } } | null)?.source;
  if (source && typeof source.status === "number") return source.status;
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === "number" ? status : undefined;
}

/** Network failures (no status, or XHR status 0), 408, 429 and 5xx are worth another try. */
export function isRetryable(error: unknown): boolean {
  if (isAbort(error)) return false;
  const status = statusOf(error);
  if (status === undefined || status === 0) return true;
  return status === 408 || status === 429 || status >= 500;
}

export function isAbort(error: unknown): boolean {
  return (error as { name?: unknown } | null)?.name === "AbortError";
}

/**
 * Exponential back-off with "equal jitter": half the window fixed, half random, so many
 * clients failing together do not retry in lock-step. A 429's Retry-After wins when longer.
 */
export function backoffDelay(
  retryNumber: number,
  policy: RetryPolicy = DEFAULT_RETRY,
  random: () => number = Math.random,
  error?: unknown,
): number {
  const window = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retryNumber - 1));
  const delay = window / 2 + (random() * window) / 2;
  const retryAfter = error instanceof ApiError ? error.retryAfter : undefined;
  return retryAfter !== undefined ? Math.max(delay, retryAfter * 1000) : delay;
}

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const sleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new DOMException("Aborted", "AbortError"));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    function onAbort() {
      clearTimeout(timer);
      reject(new DOMException("Aborted", "AbortError"));
    }
    signal?.addEventListener("abort", onAbort, { once: true });
  });

/** Run `task` until it succeeds, fails for good, or runs out of tries. */
export async function withRetry<T>(
  task: () => Promise<T>,
  options: { policy?: RetryPolicy; sleep?: Sleep; signal?: AbortSignal; random?: () => number } = {},
): Promise<T> {
  const policy = options.policy ?? DEFAULT_RETRY;
  const wait = options.sleep ?? sleep;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await task();
    } catch (error) {
      if (attempt >= policy.attempts || !isRetryable(error) || options.signal?.aborted) throw error;
      await wait(backoffDelay(attempt, policy, options.random, error), options.signal);
    }
  }
}
