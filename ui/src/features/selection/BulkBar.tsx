/**
 * The bar shown while something is selected, over the top of the page (which must be
 * `position: relative`), so the grid under it does not move: the count and a list of actions. Pages pass
 * their actions as a list, so later features (albums, tags, download, share) append theirs.
 */
import type { ReactNode } from "react";
import { Box, Button, IconButton, Paper, Tooltip, Typography, useMediaQuery } from "@mui/material";
import Close from "@mui/icons-material/Close";
import { useTranslation } from "react-i18next";

export interface BulkAction {
  key: string;
  label: string;
  icon: ReactNode;
  onRun(): void;
  disabled?: boolean;
  /** Shown as "danger" (e.g. delete forever). */
  destructive?: boolean;
}

interface Props {
  count: number;
  actions: BulkAction[];
  onClear(): void;
}

export function BulkBar({ count, actions, onClear }: Props) {
  const { t } = useTranslation("selection");
  const compact = useMediaQuery("(max-width:700px)");
  return (
    <Paper
      data-testid="bulk-bar"
      role="toolbar"
      aria-label={t("toolbar")}
      elevation={3}
      square
      sx={{
        position: "absolute",
        top: 0,
        left: 0,
        right: 0,
        display: "flex",
        alignItems: "center",
        gap: 1,
        px: 1,
        py: 0.5,
        minHeight: 56,
        zIndex: 4,
      }}
    >
      <IconButton onClick={onClear} aria-label={t("clear")}>
        <Close />
      </IconButton>
      <Typography data-testid="bulk-count" sx={{ flex: 1, fontWeight: 600, whiteSpace: "nowrap" }} aria-live="polite">
        {t("count", { count })}
      </Typography>
      <Box sx={{ display: "flex", gap: 0.5 }}>
        {actions.map((action) =>
          compact ? (
            <Tooltip key={action.key} title={action.label}>
              <span>
                <IconButton
                  aria-label={action.label}
                  onClick={action.onRun}
                  disabled={action.disabled}
                  color={action.destructive ? "error" : "default"}
                  data-action={action.key}
                >
                  {action.icon}
                </IconButton>
              </span>
            </Tooltip>
          ) : (
            <Button
              key={action.key}
              startIcon={action.icon}
              onClick={action.onRun}
              disabled={action.disabled}
              color={action.destructive ? "error" : "inherit"}
              data-action={action.key}
            >
              {action.label}
            </Button>
          ),
        )}
      </Box>
    </Paper>
  );
}
