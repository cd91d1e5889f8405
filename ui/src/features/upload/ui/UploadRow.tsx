/** One file in the upload panel: name, folder, size, progress, state or error, retry and cancel. */
import { memo } from "react";
import { Box, CircularProgress, IconButton, LinearProgress, Tooltip, Typography } from "@mui/material";
import CheckCircle from "@mui/icons-material/CheckCircle";
import ContentCopyOutlined from "@mui/icons-material/ContentCopyOutlined";
import ErrorOutline from "@mui/icons-material/ErrorOutlineOutlined";
import Close from "@mui/icons-material/Close";
import Replay from "@mui/icons-material/Replay";
import RemoveCircleOutline from "@mui/icons-material/CancelOutlined";
import ScheduleOutlined from "@mui/icons-material/ScheduleOutlined";
import { useTranslation } from "react-i18next";
import { FINAL_PHASES, type UploadItem } from "../model";
import { folderOf } from "./files";
import { formatBytes, percent } from "./format";
import { rowStatus } from "./summary";

export const ROW_HEIGHT = 60;

function PhaseIcon({ item }: { item: UploadItem }) {
  const size = 20;
  switch (item.phase) {
    case "done":
      return <CheckCircle color="success" sx={{ fontSize: size }} />;
    case "duplicate":
      return <ContentCopyOutlined color="info" sx={{ fontSize: size }} />;
    case "failed":
      return <ErrorOutline color="error" sx={{ fontSize: size }} />;
    case "cancelled":
      return <RemoveCircleOutline color="disabled" sx={{ fontSize: size }} />;
    case "queued":
      return <ScheduleOutlined color="action" sx={{ fontSize: size }} />;
    default:
      return <CircularProgress size={size - 4} thickness={5} aria-hidden />;
  }
}

export interface UploadRowProps {
  item: UploadItem;
  /** Offset from the top of the list (rows are positioned by the virtualiser). */
  top: number;
  onRetry(id: string): void;
  onCancel(id: string): void;
}

export const UploadRow = memo(function UploadRow({ item, top, onRetry, onCancel }: UploadRowProps) {
  const { t, i18n } = useTranslation("upload");
  const locale = i18n.resolvedLanguage ?? "en";
  const folder = folderOf(item.relativePath);
  const moving = item.phase === "uploading" || item.phase === "finalizing";
  const progress = percent(item.bytesSent, item.size);
  const status = item.phase === "uploading" ? t("phase.uploadingPercent", { percent: progress }) : rowStatus(t, item, locale);
  const retryable = item.phase === "failed" && item.error?.retryable !== false;
  return (
    <Box
      role="listitem"
      data-testid="upload-row"
      data-phase={item.phase}
      data-id={item.id}
      style={{ transform: `translateY(${top}px)` }}
      sx={{
        position: "absolute",
        top: 0,
        left: 0,
        right: 0,
        height: ROW_HEIGHT,
        display: "flex",
        alignItems: "center",
        gap: 1.5,
        px: 2,
      }}
    >
      <Box sx={{ width: 24, display: "flex", justifyContent: "center", flexShrink: 0 }}>
        <PhaseIcon item={item} />
      </Box>
      <Box sx={{ flex: 1, minWidth: 0 }}>
        <Typography variant="body2" noWrap title={item.relativePath} sx={{ fontWeight: 500 }}>
          {item.name}
        </Typography>
        <Typography
          variant="caption"
          component="div"
          noWrap
          color={item.phase === "failed" ? "error" : "text.secondary"}
          title={item.phase === "failed" ? [status, item.error?.message].filter(Boolean).join(" — ") : undefined}
        >
          {(item.phase === "failed"
            ? [status, folder, formatBytes(item.size, locale)]
            : [folder, formatBytes(item.size, locale), status, item.resumed ? t("resumed") : ""]
          )
            .filter(Boolean)
            .join(" · ")}
        </Typography>
        {moving && (
          <LinearProgress
            variant="determinate"
            value={progress}
            aria-label={t("fileProgress", { name: item.name })}
            sx={{ position: "absolute", left: 52, right: 16, bottom: 4, height: 3, borderRadius: 2 }}
          />
        )}
      </Box>
      {retryable && (
        <Tooltip title={t("retry")}>
          <IconButton size="small" aria-label={t("retryOne", { name: item.name })} onClick={() => onRetry(item.id)}>
            <Replay fontSize="small" />
          </IconButton>
        </Tooltip>
      )}
      {!FINAL_PHASES.has(item.phase) && (
        <Tooltip title={t("cancel")}>
          <IconButton size="small" aria-label={t("cancelOne", { name: item.name })} onClick={() => onCancel(item.id)}>
            <Close fontSize="small" />
          </IconButton>
        </Tooltip>
      )}
    </Box>
  );
});
