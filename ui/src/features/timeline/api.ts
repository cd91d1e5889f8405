/**
 * The timeline API (SPEC §4b): month buckets for the full scroll height, then one month at a
 * time in columnar form, and /jobs for polling while assets are pending.
 */
import { api, unwrap, type Schemas } from "../../api/client";
import { takeEarlyBuckets, takeEarlyMonth } from "./early";

export type TimelineBucket = Schemas["MonthBucketOut"];
export type BucketsResponse = Schemas["TimelineBucketsOut"];
/** One month, arrays of equal length in timeline order (newest first). */
export type MonthColumns = Schemas["TimelineMonthOut"];
export type ProcessingState = MonthColumns["processing"][number];
export type AssetType = MonthColumns["types"][number];
export type JobCounts = Schemas["JobsOut"];

export async function fetchBuckets(signal?: AbortSignal): Promise<BucketsResponse> {
  const early = await takeEarlyBuckets();
  return early ?? unwrap(api.GET("/api/v1/timeline/buckets", { signal }));
}

export async function fetchMonth(month: string, signal?: AbortSignal): Promise<MonthColumns> {
  const early = await takeEarlyMonth(month);
  return early ?? unwrap(api.GET("/api/v1/timeline/buckets/{month}", { params: { path: { month } }, signal }));
}

export function fetchJobs(signal?: AbortSignal): Promise<JobCounts> {
  return unwrap(api.GET("/api/v1/jobs", { signal }));
}

export const timelineKeys = {
  all: ["timeline"] as const,
  buckets: () => ["timeline", "buckets"] as const,
  month: (month: string) => ["timeline", "month", month] as const,
  jobs: () => ["jobs"] as const,
};
