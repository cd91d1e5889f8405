/**
 * The timeline ("/"): every month's height from the buckets at once, months loading as they
 * near the viewport, justified rows by day, a scrubber, selection with the bulk bar, and the
 * viewer on top (child route `photos/:id`) with the timeline order for ←/→.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type MouseEvent } from "react";
import { Outlet, useMatch, useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { useQueryClient } from "@tanstack/react-query";
import { Box } from "@mui/material";
import { AssetSequenceContext, type AssetSequence } from "../viewer/sequence";
import { BulkBar } from "../selection/BulkBar";
import { useSelection } from "../selection/useSelection";
import { useLibraryBulkActions } from "../selection/useLibraryBulkActions";
import { useShareBulkActions } from "../shares/useShareBulkActions";
import { useAlbumBulkActions } from "../albums/useAlbumBulkActions";
import { useTagBulkActions } from "../tags/useTagBulkActions";
import { useSession } from "../auth/session";
import { timelineKeys } from "./api";
import { startEarlyTimeline } from "./early";
import { dayLabel, localDateKey, monthLabel } from "./dates";
import { defaultLayoutOptions, type DayHeaderBox, type SectionLayout } from "./layout";
import { JustifiedGrid, type JustifiedGridHandle, type SectionRange } from "./grid/JustifiedGrid";
import { Tile, type TileLabels } from "./grid/Tile";
import { DayHeader } from "./grid/DayHeader";
import type { ScrubberMonth } from "./grid/Scrubber";
import { monthQuery, useTimeline } from "./hooks/useTimeline";
import { idsBetween, neighboursOf, positionOf } from "./sequence";
import { TimelineEmpty, TimelineError, TimelineLoading } from "./TimelineStates";

startEarlyTimeline();

function rangeIndices(range: SectionRange): number[] {
  const out: number[] = [];
  for (const band of [range.visible, range.preload]) {
    if (!band) continue;
    for (let i = band[0]; i <= band[1]; i++) out.push(i);
  }
  return out;
}

export default function TimelinePage() {
  const { t, i18n } = useTranslation("timeline");
  const { t: ts } = useTranslation("selection");
  const language = i18n.resolvedLanguage ?? i18n.language ?? "en";
  const navigate = useNavigate();
  const client = useQueryClient();
  const { user } = useSession();
  const viewerId = useMatch("/photos/:id")?.params.id ?? null;
  const [today] = useState(() => localDateKey(new Date()));
  const [width, setWidth] = useState(0);
  const options = useMemo(() => defaultLayoutOptions(width || 1024), [width]);
  const [range, setRange] = useState<SectionRange>({ visible: null, preload: null });
  const [extra, setExtra] = useState<number[]>([]);
  const wanted = useMemo(() => [...rangeIndices(range), ...extra], [range, extra]);
  const timeline = useTimeline(options, wanted);
  const { months, buckets, sections } = timeline;
  const gridRef = useRef<JustifiedGridHandle>(null);

  const allIds = useCallback(() => months.flatMap((data) => data?.ids ?? []), [months]);
  const selection = useSelection({ allIds, keyboard: !viewerId });

  /** Shift+click range in timeline order, loading any month in between first. */
  const between = useCallback(
    async (anchor: string, id: string) => {
      const a = positionOf(months, anchor);
      const b = positionOf(months, id);
      if (!a || !b) return [id];
      const full = [...months];
      for (let m = Math.min(a.month, b.month); m <= Math.max(a.month, b.month); m++) {
        if (!full[m] && buckets[m]) full[m] = await client.fetchQuery(monthQuery(buckets[m].month));
      }
      return idsBetween(full, a, b);
    },
    [months, buckets, client],
  );

  const latest = useRef({ selection, between, months, buckets });
  useEffect(() => {
    latest.current = { selection, between, months, buckets };
  });
  const onOpen = useCallback(
    (id: string, event: MouseEvent) => {
      if (event.ctrlKey || event.metaKey || event.button !== 0) return;
      event.preventDefault();
      const { selection: current, between: range } = latest.current;
      if (current.selecting) {
        if (event.shiftKey) void current.extend(id, range);
        else current.toggle(id);
        return;
      }
      navigate(`/photos/${id}`);
    },
    [navigate],
  );
  // A thumbnail that fails (its signed URL expired) refetches its month, at most every 30 s.
  const refreshed = useRef(new Map<string, number>());
  const onThumbError = useCallback(
    (id: string) => {
      const position = positionOf(latest.current.months, id);
      const month = position && latest.current.buckets[position.month]?.month;
      if (!month) return;
      const now = Date.now();
      if (now - (refreshed.current.get(month) ?? 0) < 30_000) return;
      refreshed.current.set(month, now);
      void client.invalidateQueries({ queryKey: timelineKeys.month(month) });
    },
    [client],
  );
  const onToggle = useCallback((id: string, event: MouseEvent) => {
    event.preventDefault();
    event.stopPropagation();
    const { selection: current, between: range } = latest.current;
    if (event.shiftKey && current.selection.anchor) void current.extend(id, range);
    else current.toggle(id);
  }, []);

  const labels = useMemo<TileLabels>(
    () => ({
      select: ts("select"),
      deselect: ts("deselect"),
      favorite: t("favorite"),
      pending: t("pending"),
      failed: t("failed"),
      video: t("video"),
    }),
    [t, ts],
  );
  const words = useMemo(() => ({ today: t("today"), yesterday: t("yesterday") }), [t]);
  const labelOf = useCallback((day: string) => dayLabel(day, today, language, words), [today, language, words]);

  const selected = selection.selection.ids;
  const renderItem = (s: number, i: number, layout: SectionLayout) => {
    const data = months[s]!;
    const id = data.ids[i];
    const type = data.types[i] === "video" ? "video" : "photo";
    return (
      <Tile
        key={id}
        id={id}
        x={layout.xs[i]}
        y={layout.ys[i]}
        w={layout.ws[i]}
        h={layout.hs[i]}
        href={`/photos/${id}`}
        alt={`${t(type)}, ${labelOf(data.local_dates[i])}`}
        thumbUrl={data.thumb_urls[i]}
        thumbhash={data.thumbhash[i]}
        processing={data.processing[i]}
        type={type}
        durationMs={data.duration_ms[i]}
        favorite={data.is_favorite[i]}
        selected={selected.has(id)}
        selecting={selection.selecting}
        labels={labels}
        onOpen={onOpen}
        onToggle={onToggle}
        onThumbError={onThumbError}
      />
    );
  };
  const renderHeader = (s: number, header: DayHeaderBox) => {
    const data = months[s]!;
    const ids = data.ids.slice(header.start, header.end);
    const allSelected = selection.selecting && ids.every((id) => selected.has(id));
    const label = labelOf(header.day);
    return (
      <DayHeader
        key={`h:${header.day}`}
        x={header.x}
        top={header.top}
        width={header.width}
        height={options.headerHeight}
        label={label}
        allSelected={allSelected}
        selecting={selection.selecting}
        toggleLabel={ts(allSelected ? "deselectDay" : "selectDay", { day: label })}
        onToggle={() => selection.toggleGroup(ids)}
      />
    );
  };
  const stickyLabel = useCallback(
    (_s: number, header: DayHeaderBox) => <Box sx={{ fontSize: 14, fontWeight: 600 }}>{labelOf(header.day)}</Box>,
    [labelOf],
  );
  const scrubber = useMemo<ScrubberMonth[]>(
    () =>
      buckets.map((bucket) => ({
        key: bucket.month,
        count: bucket.count,
        label: monthLabel(bucket.month, language),
        year: bucket.month.slice(0, 4),
      })),
    [buckets, language],
  );

  // The viewer: neighbours in timeline order; load the adjacent month when it is needed.
  const counts = useMemo(() => buckets.map((bucket) => bucket.count), [buckets]);
  const missing = viewerId ? neighboursOf(months, counts, viewerId).missing : [];
  const missingKey = missing.join();
  useEffect(() => {
    if (!missingKey) return;
    const indices = missingKey.split(",").map(Number);
    let cancelled = false;
    void Promise.all(indices.map((m) => client.prefetchQuery(monthQuery(buckets[m].month)))).then(() => {
      if (!cancelled) setExtra(indices);
    });
    return () => {
      cancelled = true;
    };
  }, [missingKey, buckets, client]);

  const revealed = useRef<string | null>(null);
  useEffect(() => {
    if (!viewerId || revealed.current === viewerId) return;
    const position = positionOf(months, viewerId);
    if (!position) return;
    revealed.current = viewerId;
    gridRef.current?.revealItem(position.month, position.index);
  }, [viewerId, months]);

  const sequence = useMemo<AssetSequence>(
    () => ({
      neighbours: (id) => {
        const { prev, next } = neighboursOf(months, counts, id);
        return { prev, next };
      },
      hrefFor: (id) => `/photos/${id}`,
      closeHref: "/",
      mode: "library",
      onChanged: (id) => {
        const position = positionOf(months, id);
        if (position) void client.invalidateQueries({ queryKey: timelineKeys.month(buckets[position.month].month) });
        void client.invalidateQueries({ queryKey: timelineKeys.buckets() });
      },
    }),
    [months, counts, buckets, client],
  );

  const libraryActions = useLibraryBulkActions(selected, selection.clear);
  const [shareActions, shareDialog] = useShareBulkActions(selected);
  const [albumActions, albumDialog] = useAlbumBulkActions(selected, selection.clear);
  const [tagActions, tagDialog] = useTagBulkActions(selected);
  const actions = useMemo(
    () => [...libraryActions, ...albumActions, ...tagActions, ...shareActions],
    [libraryActions, albumActions, tagActions, shareActions],
  );

  let body;
  if (timeline.status === "pending") body = <TimelineLoading />;
  else if (timeline.status === "error") body = <TimelineError error={timeline.error} onRetry={timeline.refetch} />;
  else if (timeline.total === 0) body = <TimelineEmpty email={user?.email} />;
  else
    body = (
      <JustifiedGrid
        ref={gridRef}
        sections={sections}
        headerHeight={options.headerHeight}
        onWidthChange={setWidth}
        onRangeChange={setRange}
        renderItem={renderItem}
        renderHeader={renderHeader}
        stickyLabel={stickyLabel}
        scrubber={scrubber}
      />
    );

  return (
    <AssetSequenceContext.Provider value={sequence}>
      <Box sx={{ position: "relative", flex: 1, minHeight: 0, display: "flex", flexDirection: "column" }}>
        {selection.selecting && <BulkBar count={selection.count} actions={actions} onClear={selection.clear} />}
        {shareDialog}
        {albumDialog}
        {tagDialog}
        {body}
      </Box>
      <Outlet />
    </AssetSequenceContext.Provider>
  );
}
