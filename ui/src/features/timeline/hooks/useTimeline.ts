/**
 * The timeline's data: the month buckets (full height at once), the months near the viewport
 * (TanStack Query; a month scrolled past before it loaded is aborted through the query's
 * AbortSignal when its observer goes away), their layouts, and polling of /jobs while any
 * loaded asset is still being processed.
 */
import { useEffect, useMemo, useRef, useState } from "react";
import { useQueries, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { fetchBuckets, fetchJobs, fetchMonth, timelineKeys, type MonthColumns, type TimelineBucket } from "../api";
import { refreshChangedMonths } from "../refresh";
import { estimateSectionHeight, layoutSection, type LayoutOptions, type SectionLayout } from "../layout";
import type { GridSection } from "../grid/JustifiedGrid";

/**
 * Layouts by the month's `ratios` array: a refetch (new signed URLs, a favourite changed)
 * keeps that array's identity through TanStack's structural sharing, so the layout stays.
 */
const layouts = new WeakMap<number[], { key: string; dates: string[]; layout: SectionLayout }>();
/** Months larger than this are laid out in a task of their own, not during a render. */
const DEFERRED_LAYOUT_ITEMS = 3000;

function optionsKey(options: LayoutOptions): string {
  return `${options.width}:${options.rowHeight}:${options.gap}:${options.headerHeight}:${options.dayGap}`;
}

function cachedLayout(data: MonthColumns, options: LayoutOptions): SectionLayout | null {
  const cached = layouts.get(data.ratios);
  return cached && cached.key === optionsKey(options) && cached.dates === data.local_dates ? cached.layout : null;
}

/** The layout of a month's data for the given options, computed once per data. */
export function monthLayout(data: MonthColumns, options: LayoutOptions): SectionLayout {
  const cached = cachedLayout(data, options);
  if (cached) return cached;
  const layout = layoutSection(data.ratios, data.local_dates, options);
  layouts.set(data.ratios, { key: optionsKey(options), dates: data.local_dates, layout });
  return layout;
}

/** The layout when it is cheap or already known; null for a big month not laid out yet. */
function layoutIfReady(data: MonthColumns, options: LayoutOptions): SectionLayout | null {
  const cached = cachedLayout(data, options);
  if (cached) return cached;
  return data.ids.length <= DEFERRED_LAYOUT_ITEMS ? monthLayout(data, options) : null;
}

const positions = new WeakMap<MonthColumns, Map<string, number>>();

/** Index of an id within a month's data (memoised per data object). */
export function indexInMonth(data: MonthColumns, id: string): number {
  let map = positions.get(data);
  if (!map) {
    map = new Map();
    data.ids.forEach((each, index) => map!.set(each, index));
    positions.set(data, map);
  }
  return map.get(id) ?? -1;
}

export function monthQuery(month: string) {
  return {
    queryKey: timelineKeys.month(month),
    queryFn: ({ signal }: { signal: AbortSignal }) => fetchMonth(month, signal),
    staleTime: 5 * 60_000,
    gcTime: 30 * 60_000,
  };
}

export interface TimelineData {
  buckets: TimelineBucket[];
  total: number;
  status: "pending" | "error" | "success";
  error: unknown;
  refetch(): void;
  /** Loaded month data by index in `buckets` (undefined when not loaded). */
  months: (MonthColumns | undefined)[];
  sections: GridSection[];
}

function isLoaded(client: QueryClient, month: string): boolean {
  return client.getQueryData(timelineKeys.month(month)) !== undefined;
}

/** Timeline data for the months `wanted` (by index) plus every month already loaded. */
export function useTimeline(options: LayoutOptions, wanted: readonly number[]): TimelineData {
  const client = useQueryClient();
  const bucketsQuery = useQuery({ queryKey: timelineKeys.buckets(), queryFn: ({ signal }) => fetchBuckets(signal) });
  const buckets = useMemo(() => bucketsQuery.data?.buckets ?? [], [bucketsQuery.data]);

  const wantedSet = new Set(wanted);
  const observed = buckets.filter((bucket, index) => wantedSet.has(index) || isLoaded(client, bucket.month));
  // Month data in bucket order; structurally shared, so the array keeps its identity until a month changes.
  const months = useQueries({
    queries: observed.map((bucket) => monthQuery(bucket.month)),
    combine: (list) => {
      const byMonth = new Map(observed.map((bucket, index) => [bucket.month, list[index]?.data]));
      return buckets.map((bucket) => byMonth.get(bucket.month));
    },
  });

  // Big months are laid out one per task after their data arrived, so parsing, laying out
  // and rendering never add up to one long task.
  const [laidOut, setLaidOut] = useState(0);
  useEffect(() => {
    const waiting = months.find((data) => data && !layoutIfReady(data, options));
    if (!waiting) return;
    const timer = window.setTimeout(() => {
      monthLayout(waiting, options);
      setLaidOut((count) => count + 1);
    }, 0);
    return () => window.clearTimeout(timer);
  }, [months, options, laidOut]);

  const sections = useMemo<GridSection[]>(
    () =>
      buckets.map((bucket, index) => {
        const data = months[index];
        return {
          key: bucket.month,
          count: bucket.count,
          layout: data ? layoutIfReady(data, options) : null,
          estimate: estimateSectionHeight(bucket.count, options),
        };
      }),
    // `laidOut` changes when a deferred layout lands in the (module-level) layout cache.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [buckets, months, options, laidOut],
  );

  usePendingRefresh(months);

  return {
    buckets,
    total: bucketsQuery.data?.total ?? 0,
    status: bucketsQuery.status,
    error: bucketsQuery.error,
    refetch: () => void bucketsQuery.refetch(),
    months,
    sections,
  };
}

/**
 * Poll /jobs while any loaded asset is pending; as work finishes, refetch the months with
 * pending assets, the buckets, and the months whose counts changed.
 */
export function usePendingRefresh(months: (MonthColumns | undefined)[]) {
  const client = useQueryClient();
  const pendingMonths = useMemo(
    () => months.filter((data): data is MonthColumns => !!data && data.processing.includes("pending")).map((d) => d.month),
    [months],
  );
  const jobs = useQuery({
    queryKey: timelineKeys.jobs(),
    queryFn: ({ signal }) => fetchJobs(signal),
    enabled: pendingMonths.length > 0,
    refetchInterval: 2000,
    staleTime: 0,
  });
  const outstanding = jobs.data ? jobs.data.pending + jobs.data.running : null;
  const last = useRef<number | null>(null);
  useEffect(() => {
    if (outstanding === null) return;
    const before = last.current;
    last.current = outstanding;
    // Work finished since the last poll (or was already done at the first one).
    const finished = before === null ? outstanding === 0 : outstanding < before;
    if (!finished) return;
    // Processing may move an asset to another month (its EXIF date): the buckets follow too.
    void refreshChangedMonths(client, pendingMonths);
  }, [outstanding, pendingMonths, client]);
}
