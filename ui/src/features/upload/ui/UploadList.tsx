/**
 * The panel's rows, virtualised: only the rows in view (plus a few) are in the DOM, so 10,000
 * files scroll as smoothly as ten. Rows have a fixed height; nothing is measured.
 */
import { useRef } from "react";
import { Box, Typography } from "@mui/material";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useTranslation } from "react-i18next";
import type { UploadItem } from "../model";
import { ROW_HEIGHT, UploadRow } from "./UploadRow";

/** Visible height of the list: up to this many rows, then it scrolls. */
const VISIBLE_ROWS = 5.5;

export interface UploadListProps {
  items: readonly UploadItem[];
  onRetry(id: string): void;
  onCancel(id: string): void;
  /** Rows at most this high in total (phones give it less room). */
  maxHeight?: number;
}

export function UploadList({ items, onRetry, onCancel, maxHeight = ROW_HEIGHT * VISIBLE_ROWS }: UploadListProps) {
  const { t } = useTranslation("upload");
  const scroller = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the list re-renders with its virtualiser
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => items[index]!.id,
    overscan: 6,
  });
  if (items.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary" sx={{ px: 2, py: 2 }}>
        {t("filter.empty")}
      </Typography>
    );
  }
  return (
    <Box
      ref={scroller}
      tabIndex={0}
      aria-label={t("list")}
      data-testid="upload-list"
      sx={{
        height: Math.min(items.length * ROW_HEIGHT, maxHeight),
        overflowY: "auto",
        overscrollBehavior: "contain",
        "&:focus-visible": { outline: 2, outlineColor: "primary.main", outlineOffset: -2 },
      }}
    >
      <Box role="list" sx={{ height: virtualizer.getTotalSize(), position: "relative" }}>
        {virtualizer.getVirtualItems().map((row) => (
          <UploadRow key={row.key} item={items[row.index]!} top={row.start} onRetry={onRetry} onCancel={onCancel} />
        ))}
      </Box>
    </Box>
  );
}
