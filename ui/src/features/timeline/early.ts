/**
 * The first screen's data, requested as soon as the timeline's code loads (in parallel with
 * the session check) instead of after it: the buckets, then the newest month, then the first
 * screen's thumbnails (requested with the month's data rather than once the grid is laid out,
 * about 0.25 s later on a slow machine; the tiles' images then come from the page's image
 * cache). Plain fetch, so a signed-out visitor's 401 just means "no head start". Each answer
 * is used once.
 */
import { hasSessionCookies } from "../../api/http";
import type { BucketsResponse, MonthColumns } from "./api";

/** About the first screen of a large display; a phone's first screen takes fewer. */
export const PRELOADED_THUMBNAILS = 24;

let buckets: Promise<BucketsResponse | null> | null = null;
let firstMonth: { month: string; data: Promise<MonthColumns | null> } | null = null;

async function getOrNull<T>(path: string): Promise<T | null> {
  try {
    const response = await fetch(path, { credentials: "same-origin", headers: { Accept: "application/json" } });
    return response.ok ? ((await response.json()) as T) : null;
  } catch {
    return null;
  }
}

export function startEarlyTimeline(): void {
  if (buckets || typeof window === "undefined" || window.location.pathname !== "/") return;
  if (!hasSessionCookies()) return; // a signed-out visitor: no request, no 401 in the console
  buckets = getOrNull<BucketsResponse>("/api/v1/timeline/buckets");
  void buckets.then((answer) => {
    const month = answer?.buckets[0]?.month;
    if (!month) return;
    const data = getOrNull<MonthColumns>(`/api/v1/timeline/buckets/${month}`);
    firstMonth = { month, data };
    void data.then(preloadThumbnails);
  });
}

export function preloadThumbnails(month: MonthColumns | null): void {
  for (const url of month?.thumb_urls.slice(0, PRELOADED_THUMBNAILS) ?? []) {
    if (!url) continue;
    const image = new Image();
    image.decoding = "async";
    image.src = url;
  }
}

export function takeEarlyBuckets(): Promise<BucketsResponse | null> | null {
  const answer = buckets;
  buckets = Promise.resolve(null);
  return answer;
}

export function takeEarlyMonth(month: string): Promise<MonthColumns | null> | null {
  if (!firstMonth || firstMonth.month !== month) return null;
  const answer = firstMonth.data;
  firstMonth = null;
  return answer;
}
