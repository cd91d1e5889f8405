/**
 * The timeline API (SPEC §4b): month buckets for the full scroll height, then one month at a
 * time in columnar form. Typed by hand from the SPEC until the generated schema has them.
 */
import { ApiError, createAuthFetch } from "../../api/http";

export interface TimelineBucket {
  /** "YYYY-MM" */
  month: string;
  count: number;
}

export interface BucketsResponse {
  buckets: TimelineBucket[];
  total: number;
}

export type ProcessingState = "pending" | "done" | "failed";
export type AssetType = "photo" | "video";

/** One month, arrays of equal length in timeline order (newest first). */
export interface MonthColumns {
  month: string;
  ids: string[];
  ratios: number[];
  local_dates: string[];
  types: AssetType[];
  duration_ms: (number | null)[];
  is_favorite: boolean[];
  thumbhash: (string | null)[];
  thumb_urls: (string | null)[];
  processing: ProcessingState[];
}

export interface JobCounts {
  pending: number;
  running: number;
  failed: number;
}

const authFetch = createAuthFetch();

async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await authFetch(path, { signal, headers: { Accept: "application/json" } });
  if (!response.ok) throw await ApiError.fromResponse(response);
  return (await response.json()) as T;
}

export function fetchBuckets(signal?: AbortSignal): Promise<BucketsResponse> {
  return getJson<BucketsResponse>("/api/v1/timeline/buckets", signal);
}

export function fetchMonth(month: string, signal?: AbortSignal): Promise<MonthColumns> {
  return getJson<MonthColumns>(`/api/v1/timeline/buckets/${encodeURIComponent(month)}`, signal);
}

export function fetchJobs(signal?: AbortSignal): Promise<JobCounts> {
  return getJson<JobCounts>("/api/v1/jobs", signal);
}

export const timelineKeys = {
  all: ["timeline"] as const,
  buckets: () => ["timeline", "buckets"] as const,
  month: (month: string) => ["timeline", "month", month] as const,
  jobs: () => ["jobs"] as const,
};
