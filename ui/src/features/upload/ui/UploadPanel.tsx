/**
 * The upload panel: a card at the bottom right on wide screens, a bottom sheet on phones.
 * Header (summary, collapse, close), overall progress, the resume banner, totals, a filter,
 * the virtualised list of files and the bulk actions. The counts are mirrored in data
 * attributes for the end-to-end tests (SPEC §7a).
 */
import { useCallback, useId, useMemo, useState } from "react";
import { Box, Button, Chip, IconButton, LinearProgress, Paper, Tooltip, Typography, useMediaQuery } from "@mui/material";
import CloudUploadOutlined from "@mui/icons-material/CloudUploadOutlined";
import Close from "@mui/icons-material/Close";
import ExpandLess from "@mui/icons-material/ExpandLess";
import ExpandMore from "@mui/icons-material/ExpandMore";
import { useTranslation } from "react-i18next";
import { FINAL_PHASES, type UploadItem, type UploadPhase } from "../model";
import { useUpload, useUploadSnapshot } from "./context";
import { formatCount, percent } from "./format";
import { ResumeBanner } from "./ResumeBanner";
import { summaryText } from "./summary";
import { UploadList } from "./UploadList";
import { ROW_HEIGHT } from "./UploadRow";
import { UploadStats } from "./UploadStats";
import { useAnnouncement } from "./useAnnouncement";

export const PHONE_QUERY = "(max-width: 600px)";

type Filter = "all" | "active" | "failed" | "finished";
const FILTERS: readonly Filter[] = ["all", "active", "failed", "finished"];
const FINISHED: ReadonlySet<UploadPhase> = new Set(["done", "duplicate", "cancelled"]);

const matches: Record<Filter, (item: UploadItem) => boolean> = {
  all: () => true,
  active: (item) => !FINAL_PHASES.has(item.phase),
  failed: (item) => item.phase === "failed",
  finished: (item) => FINISHED.has(item.phase),
};

const hidden = {
  position: "absolute",
  width: 1,
  height: 1,
  overflow: "hidden",
  clip: "rect(0 0 0 0)",
  whiteSpace: "nowrap",
} as const;

export function UploadPanel() {
  const { t, i18n } = useTranslation("upload");
  const locale = i18n.resolvedLanguage ?? "en";
  const { controller, openFilePicker, openFolderPicker, scanning, uploadButton } = useUpload();
  const snapshot = useUploadSnapshot();
  const { items, totals, pendingResume, active } = snapshot;
  const phone = useMediaQuery(PHONE_QUERY, { noSsr: true });
  const headingId = useId();
  const [collapsed, setCollapsed] = useState(false);
  const [filter, setFilter] = useState<Filter>("all");
  /** The rows there were when the panel was closed; it opens again when a new one comes. */
  const [closedWith, setClosedWith] = useState<ReadonlySet<string> | null>(null);

  const counts = useMemo(() => {
    const result = { all: items.length, active: 0, failed: 0, finished: 0, retryable: 0 };
    for (const item of items) {
      if (matches.active(item)) result.active += 1;
      else if (item.phase === "failed") {
        result.failed += 1;
        if (item.error?.retryable !== false) result.retryable += 1;
      } else result.finished += 1;
    }
    return result;
  }, [items]);
  const kinds = [counts.active, counts.failed, counts.finished].filter((count) => count > 0).length;
  const showFilter = kinds > 1;
  const shownFilter = filter !== "all" && counts[filter] === 0 ? "all" : filter;
  const shown = useMemo(
    () => (shownFilter === "all" ? items : items.filter(matches[shownFilter])),
    [items, shownFilter],
  );

  const summary = summaryText(t, snapshot, locale);
  // Nothing to say before the first file: an idle page's live region stays empty.
  const announcement = useAnnouncement(items.length > 0 ? summary : "", active);
  const retry = useCallback((id: string) => controller?.retry(id), [controller]);
  const cancel = useCallback((id: string) => controller?.cancel(id), [controller]);

  const lastId = items.length > 0 ? items[items.length - 1]!.id : undefined;
  const reopened = closedWith !== null && lastId !== undefined && !closedWith.has(lastId);
  const hasContent = items.length > 0 || pendingResume.length > 0;
  const visible = scanning !== null || reopened || (closedWith === null && hasContent);
  // The live region outlives the panel: screen readers announce changes of a region that was
  // already there, not the text of one that just appeared.
  const liveRegion = (
    <Box role="status" aria-live="polite" sx={hidden} data-testid="upload-announcement">
      {announcement}
    </Box>
  );
  if (!visible) {
    return (
      <>
        {liveRegion}
        {null}
      </>
    );
  }

  const close = () => {
    controller?.clearFinished();
    setClosedWith(new Set(items.map((item) => item.id)));
    setFilter("all");
    // The panel goes: focus must not fall back to the page's start.
    uploadButton.current?.focus();
  };
  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === "Escape" && !collapsed) {
      event.stopPropagation();
      setCollapsed(true);
    }
  };
  const finished = totals.done + totals.duplicates;
  const overall = totals.bytesTotal > 0 ? percent(totals.bytesSent, totals.bytesTotal) : active ? undefined : 100;

  return (
    <>
      {liveRegion}
      <Paper
        component="section"
        role="region"
        aria-labelledby={headingId}
        elevation={8}
        data-testid="upload-panel"
        data-total={totals.total}
        data-done={finished}
        data-uploaded={totals.done}
        data-duplicates={totals.duplicates}
        data-failed={totals.failed}
        data-active={active ? "true" : "false"}
        data-collapsed={collapsed ? "true" : "false"}
        onKeyDown={onKeyDown}
        sx={{
          overflow: "hidden",
          display: "flex",
          flexDirection: "column",
          ...(phone
            ? { borderRadius: "16px 16px 0 0", maxHeight: "80dvh" }
            : { width: 420, borderRadius: 3, maxHeight: "calc(100dvh - 96px)" }),
        }}
      >
        <Box sx={{ display: "flex", alignItems: "center", gap: 1, pl: 2, pr: 1, py: 1, minHeight: 56 }}>
          <CloudUploadOutlined color={totals.failed > 0 && !active ? "error" : "primary"} aria-hidden />
          <Box sx={{ flex: 1, minWidth: 0 }}>
            <Typography
              id={headingId}
              component="h2"
              variant="subtitle1"
              sx={{
                fontWeight: 600,
                lineHeight: 1.3,
                display: "-webkit-box",
                WebkitLineClamp: 2,
                WebkitBoxOrient: "vertical",
                overflow: "hidden",
              }}
            >
              {summary}
            </Typography>
            {(scanning !== null || (collapsed && active)) && (
              <Typography variant="caption" color="text.secondary" noWrap component="p">
                {scanning !== null
                  ? t("reading", { count: scanning, n: formatCount(scanning, locale) })
                  : t("percentDone", { percent: overall ?? 0 })}
              </Typography>
            )}
          </Box>
          <Tooltip title={collapsed ? t("panel.expand") : t("panel.collapse")}>
            <IconButton
              aria-label={collapsed ? t("panel.expand") : t("panel.collapse")}
              aria-expanded={!collapsed}
              onClick={() => setCollapsed((value) => !value)}
              data-testid="upload-collapse"
            >
              {collapsed ? <ExpandLess /> : <ExpandMore />}
            </IconButton>
          </Tooltip>
          {!active && scanning === null && (
            <Tooltip title={t("panel.close")}>
              <IconButton aria-label={t("panel.close")} onClick={close} data-testid="upload-close">
                <Close />
              </IconButton>
            </Tooltip>
          )}
        </Box>
        {totals.total > 0 && (
          <LinearProgress
            variant={overall === undefined ? "indeterminate" : "determinate"}
            value={overall}
            color={totals.failed > 0 && !active ? "error" : "primary"}
            aria-label={t("overallProgress")}
            sx={{ height: 4 }}
          />
        )}
        {!collapsed && (
          <Box sx={{ display: "flex", flexDirection: "column", minHeight: 0, overflowY: "auto" }}>
            {pendingResume.length > 0 && (
              <ResumeBanner
                pending={pendingResume}
                onPick={openFilePicker}
                onPickFolder={openFolderPicker}
                onDiscard={() => controller?.forgetPending()}
              />
            )}
            {totals.total > 0 && <UploadStats totals={totals} active={active} />}
            {showFilter && (
              <Box role="group" aria-label={t("filter.label")} sx={{ display: "flex", gap: 0.75, px: 2, pb: 1, flexWrap: "wrap" }}>
                {FILTERS.filter((each) => each === "all" || counts[each] > 0).map((each) => (
                  <Chip
                    key={each}
                    size="small"
                    label={`${t(`filter.${each}`)} ${formatCount(counts[each], locale)}`}
                    color={each === "failed" ? "error" : "default"}
                    variant={shownFilter === each ? "filled" : "outlined"}
                    aria-pressed={shownFilter === each}
                    onClick={() => setFilter(each)}
                    data-testid={`upload-filter-${each}`}
                  />
                ))}
              </Box>
            )}
            {items.length > 0 && (
              <Box sx={{ borderTop: 1, borderColor: "divider" }}>
                <UploadList
                  items={shown}
                  onRetry={retry}
                  onCancel={cancel}
                  maxHeight={phone ? ROW_HEIGHT * 4.5 : undefined}
                />
              </Box>
            )}
            {(counts.retryable > 0 || active || counts.finished > 0) && (
              <Box sx={{ display: "flex", gap: 1, px: 1.5, py: 1, flexWrap: "wrap", borderTop: 1, borderColor: "divider" }}>
                {counts.retryable > 0 && (
                  <Button size="small" onClick={() => controller?.retryAllFailed()} data-testid="upload-retry-all">
                    {t("retryAll")}
                  </Button>
                )}
                {active && (
                  <Button size="small" color="inherit" onClick={() => controller?.cancelAll()} data-testid="upload-cancel-all">
                    {t("cancelAll")}
                  </Button>
                )}
                <Box sx={{ flex: 1 }} />
                {counts.finished > 0 && (
                  <Button
                    size="small"
                    color="inherit"
                    onClick={() => controller?.clearFinished()}
                    data-testid="upload-clear-finished"
                  >
                    {t("clearFinished")}
                  </Button>
                )}
              </Box>
            )}
          </Box>
        )}
      </Paper>
    </>
  );
}
