/**
 * The trash ("/trash"): the same justified grid, grouped by the day items were deleted, each
 * day saying how long ago and when it will be purged; restore, delete forever and empty the
 * trash (both confirmed); selection with the bulk bar; the viewer on top (`photos/:id`).
 */
import { useCallback, useEffect, useMemo, useRef, useState, type MouseEvent } from "react";
import { Outlet, useMatch, useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { Box, Button, Typography } from "@mui/material";
import DeleteForever from "@mui/icons-material/DeleteForever";
import DeleteSweep from "@mui/icons-material/DeleteSweep";
import RestoreFromTrash from "@mui/icons-material/RestoreFromTrash";
import { useQueryClient } from "@tanstack/react-query";
import { AssetSequenceContext, type AssetSequence } from "../viewer/sequence";
import { BulkBar, type BulkAction } from "../selection/BulkBar";
import { useSelection } from "../selection/useSelection";
import { useBulkMutation } from "../selection/actions";
import { sliceBetween } from "../selection/model";
import { useToast } from "../../components/toasts";
import { dayLabel, localDateKey } from "../timeline/dates";
import { defaultLayoutOptions, layoutSection, type DayHeaderBox, type SectionLayout } from "../timeline/layout";
import { JustifiedGrid, type GridSection } from "../timeline/grid/JustifiedGrid";
import { Tile, type TileLabels } from "../timeline/grid/Tile";
import { DayHeader } from "../timeline/grid/DayHeader";
import { TimelineError, TimelineLoading } from "../timeline/TimelineStates";
import { trashKeys } from "./api";
import { deletedDay, retentionOf } from "./retention";
import { useEmptyTrash, useTrashItems } from "./useTrash";
import { ConfirmDialog } from "./ConfirmDialog";

type Confirm = { kind: "purge"; ids: string[] } | { kind: "empty" } | null;

export default function TrashPage() {
  const { t, i18n } = useTranslation("trash");
  const { t: tt } = useTranslation("timeline");
  const { t: ts } = useTranslation("selection");
  const language = i18n.resolvedLanguage ?? i18n.language ?? "en";
  const navigate = useNavigate();
  const client = useQueryClient();
  const toast = useToast();
  const viewerId = useMatch("/trash/photos/:id")?.params.id ?? null;
  const [today] = useState(() => localDateKey(new Date()));
  const [width, setWidth] = useState(0);
  const options = useMemo(() => defaultLayoutOptions(width || 1024), [width]);
  const trash = useTrashItems();
  const { items } = trash;
  const order = useMemo(() => items.map((item) => item.id), [items]);
  const days = useMemo(() => items.map((item) => deletedDay(item)), [items]);
  const layout = useMemo(
    () => layoutSection(items.map((item) => (item.width && item.height ? item.width / item.height : 1)), days, options),
    [items, days, options],
  );
  const sections = useMemo<GridSection[]>(
    () => (items.length ? [{ key: "trash", count: items.length, layout, estimate: layout.height }] : []),
    [items.length, layout],
  );

  const allIds = useCallback(() => order, [order]);
  const selection = useSelection({ allIds, keyboard: !viewerId });
  const latest = useRef({ selection, order });
  useEffect(() => {
    latest.current = { selection, order };
  });
  const between = useCallback((anchor: string, id: string) => sliceBetween(latest.current.order, anchor, id), []);
  const onOpen = useCallback(
    (id: string, event: MouseEvent) => {
      if (event.ctrlKey || event.metaKey || event.button !== 0) return;
      event.preventDefault();
      const current = latest.current.selection;
      if (current.selecting) {
        if (event.shiftKey) void current.extend(id, between);
        else current.toggle(id);
        return;
      }
      navigate(`/trash/photos/${id}`);
    },
    [navigate, between],
  );
  const onToggle = useCallback(
    (id: string, event: MouseEvent) => {
      event.preventDefault();
      event.stopPropagation();
      const current = latest.current.selection;
      if (event.shiftKey && current.selection.anchor) void current.extend(id, between);
      else current.toggle(id);
    },
    [between],
  );

  // A thumbnail that fails (its signed URL expired) refetches the trash, at most every 30 s.
  const refreshedAt = useRef(0);
  const onThumbError = useCallback(() => {
    if (Date.now() - refreshedAt.current < 30_000) return;
    refreshedAt.current = Date.now();
    void client.invalidateQueries({ queryKey: trashKeys.all });
  }, [client]);

  const labels = useMemo<TileLabels>(
    () => ({
      select: ts("select"),
      deselect: ts("deselect"),
      favorite: tt("favorite"),
      pending: tt("pending"),
      failed: tt("failed"),
      video: tt("video"),
    }),
    [tt, ts],
  );
  const words = useMemo(() => ({ today: tt("today"), yesterday: tt("yesterday") }), [tt]);
  const retentionText = useCallback(
    (day: string) => {
      const { ago, left } = retentionOf(day, today);
      return {
        deleted: ago === 0 ? t("deletedToday") : t("deletedAgo", { count: ago }),
        purge: t("purgedIn", { count: left }),
      };
    },
    [t, today],
  );

  const selected = selection.selection.ids;
  const renderItem = (_s: number, i: number, box: SectionLayout) => {
    const item = items[i];
    const type = item.type === "video" ? "video" : "photo";
    const captured = dayLabel(item.local_date ?? item.captured_at.slice(0, 10), today, language, words);
    const { deleted, purge } = retentionText(days[i]);
    return (
      <Tile
        key={item.id}
        id={item.id}
        x={box.xs[i]}
        y={box.ys[i]}
        w={box.ws[i]}
        h={box.hs[i]}
        href={`/trash/photos/${item.id}`}
        alt={`${tt(type)}, ${captured}`}
        thumbUrl={item.thumb_url}
        thumbhash={item.thumbhash ?? null}
        processing={item.processing.state}
        type={type}
        durationMs={item.duration_ms}
        favorite={item.is_favorite}
        selected={selected.has(item.id)}
        selecting={selection.selecting}
        captionTitle={`${item.original_filename} — ${deleted} — ${purge}`}
        labels={labels}
        onOpen={onOpen}
        onToggle={onToggle}
        onThumbError={onThumbError}
      />
    );
  };
  const renderHeader = (_s: number, header: DayHeaderBox) => {
    const ids = order.slice(header.start, header.end);
    const allSelected = selection.selecting && ids.every((id) => selected.has(id));
    const { deleted, purge } = retentionText(header.day);
    return (
      <DayHeader
        key={`h:${header.day}`}
        x={header.x}
        top={header.top}
        width={header.width}
        height={options.headerHeight}
        label={deleted}
        detail={purge}
        allSelected={allSelected}
        selecting={selection.selecting}
        toggleLabel={ts(allSelected ? "deselectDay" : "selectDay", { day: deleted })}
        onToggle={() => selection.toggleGroup(ids)}
      />
    );
  };
  const stickyLabel = useCallback(
    (_s: number, header: DayHeaderBox) => {
      const { deleted, purge } = retentionText(header.day);
      return (
        <Box sx={{ fontSize: 14, fontWeight: 600 }}>
          {deleted} <Box component="span" sx={{ fontWeight: 400, color: "text.secondary" }}>· {purge}</Box>
        </Box>
      );
    },
    [retentionText],
  );

  const bulk = useBulkMutation();
  const emptyMutation = useEmptyTrash();
  const [confirm, setConfirm] = useState<Confirm>(null);
  const restore = async (ids: string[]) => {
    try {
      const result = await bulk.mutateAsync({ action: "restore", ids });
      selection.clear();
      toast.show(t("restored", { count: result.done.length }), { severity: "success" });
    } catch (error) {
      toast.error(error);
    }
  };
  const purge = async (ids: string[]) => {
    try {
      const result = await bulk.mutateAsync({ action: "purge", ids });
      selection.clear();
      toast.show(t("purged", { count: result.done.length }), { severity: "success" });
    } catch (error) {
      toast.error(error);
    }
    setConfirm(null);
  };
  const empty = async () => {
    try {
      const result = await emptyMutation.mutateAsync();
      selection.clear();
      toast.show(t("purged", { count: result.purged }), { severity: "success" });
    } catch (error) {
      toast.error(error);
    }
    setConfirm(null);
  };
  const actions: BulkAction[] = [
    { key: "restore", label: t("restore"), icon: <RestoreFromTrash />, onRun: () => void restore([...selected]), disabled: bulk.isPending },
    {
      key: "purge",
      label: t("deleteForever"),
      icon: <DeleteForever />,
      destructive: true,
      onRun: () => setConfirm({ kind: "purge", ids: [...selected] }),
      disabled: bulk.isPending,
    },
  ];

  const sequence = useMemo<AssetSequence>(
    () => ({
      neighbours: (id) => {
        const index = order.indexOf(id);
        return {
          prev: index > 0 ? order[index - 1] : null,
          next: index >= 0 && index < order.length - 1 ? order[index + 1] : null,
        };
      },
      hrefFor: (id) => `/trash/photos/${id}`,
      closeHref: "/trash",
      mode: "trash",
      onChanged: () => {
        void client.invalidateQueries({ queryKey: trashKeys.all });
        void client.invalidateQueries({ queryKey: ["timeline"] });
      },
    }),
    [order, client],
  );

  let body;
  if (trash.status === "pending") body = <TimelineLoading />;
  else if (trash.status === "error") body = <TimelineError error={trash.error} onRetry={() => void trash.refetch()} />;
  else if (items.length === 0)
    body = (
      <Box data-testid="trash-empty" sx={{ flex: 1, display: "flex", flexDirection: "column", alignItems: "center", justifyContent: "center", gap: 1, p: 3, textAlign: "center" }}>
        <DeleteSweep sx={{ fontSize: 64, color: "text.secondary" }} />
        <Typography variant="h6" component="p">{t("empty")}</Typography>
        <Typography color="text.secondary">{t("emptyHint", { count: 30 })}</Typography>
      </Box>
    );
  else
    body = (
      <JustifiedGrid
        sections={sections}
        headerHeight={options.headerHeight}
        onWidthChange={setWidth}
        onRangeChange={noop}
        renderItem={renderItem}
        renderHeader={renderHeader}
        stickyLabel={stickyLabel}
      />
    );

  return (
    <AssetSequenceContext.Provider value={sequence}>
      <Box sx={{ position: "relative", flex: 1, minHeight: 0, display: "flex", flexDirection: "column" }}>
        {selection.selecting && <BulkBar count={selection.count} actions={actions} onClear={selection.clear} />}
        <Box sx={{ display: "flex", alignItems: "center", gap: 1, px: 2, minHeight: 56, flexShrink: 0, flexWrap: "wrap" }}>
          <Typography variant="h6" component="h1" sx={{ flex: 1 }}>
            {t("title")}
          </Typography>
          {items.length > 0 && (
            <>
              <Typography color="text.secondary" sx={{ display: { xs: "none", sm: "block" } }}>
                {t("count", { count: items.length })}
              </Typography>
              <Button color="error" startIcon={<DeleteSweep />} onClick={() => setConfirm({ kind: "empty" })} data-testid="empty-trash">
                {t("emptyTrash")}
              </Button>
            </>
          )}
        </Box>
        {body}
      </Box>
      <ConfirmDialog
        open={confirm !== null}
        title={confirm?.kind === "empty" ? t("emptyTitle") : t("purgeTitle", { count: confirm?.kind === "purge" ? confirm.ids.length : 0 })}
        body={confirm?.kind === "empty" ? t("emptyBody", { count: items.length }) : t("purgeBody")}
        confirmLabel={confirm?.kind === "empty" ? t("emptyTrash") : t("deleteForever")}
        busy={bulk.isPending || emptyMutation.isPending}
        onClose={() => setConfirm(null)}
        onConfirm={() => void (confirm?.kind === "purge" ? purge(confirm.ids) : empty())}
      />
      <Outlet />
    </AssetSequenceContext.Provider>
  );
}

function noop() {}
