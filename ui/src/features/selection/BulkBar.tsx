/**
 * The bar shown while something is selected, over the top of the page (which must be
 * `position: relative`), so the grid under it does not move: the count and a list of actions. Pages pass
 * their actions as a list, so later features (albums, tags, download, share) append theirs.
 * The actions carry their labels while they all fit beside the count (which depends on the
 * width and the language). When they do not, and always on a phone, they are icons with
 * tooltips; the icons that do not fit either go into a "More actions" menu, so every action
 * stays reachable at any width.
 */
import { useLayoutEffect, useRef, useState, type ReactNode } from "react";
import {
  Box,
  Button,
  IconButton,
  ListItemIcon,
  ListItemText,
  Menu,
  MenuItem,
  Paper,
  Tooltip,
  Typography,
  useMediaQuery,
} from "@mui/material";
import Close from "@mui/icons-material/Close";
import MoreVert from "@mui/icons-material/MoreVert";
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

const ICON_WIDTH = 44; // an IconButton (40 px) and the gap after it
const SLACK = 24; // the bar's padding and the gap after the count

/** The room beside the count and the width the labelled actions take (both measured; the
 * list says with `data-labelled` whether it shows labels now, so only then is it measured;
 * it is measured again whenever the bar or the list changes size). */
function useRoom(deps: unknown[]) {
  const bar = useRef<HTMLDivElement>(null);
  const counter = useRef<HTMLSpanElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const [room, setRoom] = useState(Number.POSITIVE_INFINITY);
  const [needed, setNeeded] = useState(0);
  useLayoutEffect(() => {
    const measure = () => {
      if (!bar.current || !counter.current || !list.current) return;
      if (list.current.dataset.labelled === "true") setNeeded(list.current.scrollWidth);
      const right = bar.current.getBoundingClientRect().right;
      const width = right - counter.current.getBoundingClientRect().right - SLACK;
      setRoom(width > 0 ? width : Number.POSITIVE_INFINITY); // 0 before layout (and in jsdom)
    };
    measure();
    if (typeof ResizeObserver === "undefined" || !bar.current) return;
    const observer = new ResizeObserver(measure);
    observer.observe(bar.current);
    if (list.current) observer.observe(list.current); // labels come or go: measure again
    return () => observer.disconnect();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return { bar, counter, list, room, labelsFit: needed <= room };
}

export function BulkBar({ count, actions, onClear }: Props) {
  const { t, i18n } = useTranslation("selection");
  const phone = useMediaQuery("(max-width:700px)");
  const labels = actions.map((a) => `${a.key}:${a.label}`).join("|");
  const { bar, counter, list, room, labelsFit } = useRoom([count, labels, i18n.language, phone]);
  const showLabels = !phone && labelsFit;

  let shown = actions;
  let rest: BulkAction[] = [];
  if (!showLabels && actions.length * ICON_WIDTH > room) {
    const slots = Math.max(0, Math.floor((room - ICON_WIDTH) / ICON_WIDTH));
    shown = actions.slice(0, slots);
    rest = actions.slice(slots);
  }
  return (
    <Paper
      ref={bar}
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
      <Typography data-testid="bulk-count" sx={{ flex: "1 0 auto", fontWeight: 600, whiteSpace: "nowrap" }} aria-live="polite">
        <span ref={counter}>{t("count", { count })}</span>
      </Typography>
      <Box ref={list} data-labelled={showLabels ? "true" : "false"} sx={{ display: "flex", gap: 0.5, minWidth: 0, overflow: "hidden", flexShrink: 0 }}>
        {shown.map((action) =>
          showLabels ? (
            <Button
              key={action.key}
              startIcon={action.icon}
              onClick={action.onRun}
              disabled={action.disabled}
              color={action.destructive ? "error" : "inherit"}
              data-action={action.key}
              sx={{ whiteSpace: "nowrap", flexShrink: 0 }}
            >
              {action.label}
            </Button>
          ) : (
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
          ),
        )}
        {rest.length > 0 && <MoreActions actions={rest} label={t("more")} />}
      </Box>
    </Paper>
  );
}

function MoreActions({ actions, label }: { actions: BulkAction[]; label: string }) {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  return (
    <>
      <Tooltip title={label}>
        <IconButton
          aria-label={label}
          aria-haspopup="menu"
          aria-expanded={anchor ? "true" : undefined}
          data-testid="bulk-more"
          onClick={(event) => setAnchor(event.currentTarget)}
        >
          <MoreVert />
        </IconButton>
      </Tooltip>
      <Menu anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)}>
        {actions.map((action) => (
          <MenuItem
            key={action.key}
            disabled={action.disabled}
            data-action={action.key}
            sx={action.destructive ? { color: "error.main" } : undefined}
            onClick={() => {
              setAnchor(null);
              action.onRun();
            }}
          >
            <ListItemIcon sx={action.destructive ? { color: "error.main" } : undefined}>{action.icon}</ListItemIcon>
            <ListItemText>{action.label}</ListItemText>
          </MenuItem>
        ))}
      </Menu>
    </>
  );
}
