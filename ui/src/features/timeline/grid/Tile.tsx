/** One thumbnail of the justified grid: placeholder, image, badges and the selection check. */
import { memo, useState, type MouseEvent, type ReactElement } from "react";
import { Tooltip } from "@mui/material";
import { styled } from "@mui/material/styles";
import BrokenImageOutlined from "@mui/icons-material/BrokenImageOutlined";
import CheckCircle from "@mui/icons-material/CheckCircle";
import PlayCircle from "@mui/icons-material/PlayCircle";
import Star from "@mui/icons-material/Star";
import HourglassEmpty from "@mui/icons-material/HourglassEmpty";
import { thumbhashDataUrl } from "./thumbhash";
import { useAssetFailure } from "../hooks/useAssetFailure";

export interface TileLabels {
  select: string;
  deselect: string;
  favorite: string;
  pending: string;
  failed: string;
  video: string;
}

export interface TileProps {
  id: string;
  x: number;
  y: number;
  w: number;
  h: number;
  href: string;
  alt: string;
  thumbUrl: string | null;
  thumbhash: string | null;
  processing: "pending" | "done" | "failed";
  type: "photo" | "video";
  durationMs: number | null;
  favorite: boolean;
  selected: boolean;
  selecting: boolean;
  /** Extra caption over the bottom of the tile (the trash's "purged in N days"). */
  caption?: string;
  captionTitle?: string;
  labels: TileLabels;
  onOpen(id: string, event: MouseEvent): void;
  onToggle(id: string, event: MouseEvent): void;
}

const Root = styled("div")(({ theme }) => ({
  position: "absolute",
  overflow: "hidden",
  borderRadius: 2,
  backgroundColor: theme.palette.action.hover,
  "& > a": { display: "block", width: "100%", height: "100%", color: "inherit" },
  "& .thumb": {
    position: "absolute",
    inset: 0,
    width: "100%",
    height: "100%",
    objectFit: "cover",
    backgroundSize: "cover",
    transition: "transform 120ms ease, opacity 240ms ease",
  },
  "& img.thumb": { opacity: 0 },
  "& img.thumb[data-loaded]": { opacity: 1 },
  "&[data-selected] .thumb": { transform: "scale(0.86)", borderRadius: 6 },
  "&[data-selected]": { backgroundColor: theme.palette.primary.main + "33" },
  "& .toggle": {
    position: "absolute",
    top: 4,
    left: 4,
    padding: 0,
    border: 0,
    borderRadius: "50%",
    width: 28,
    height: 28,
    display: "flex",
    alignItems: "center",
    justifyContent: "center",
    background: "rgba(0,0,0,0.25)",
    color: "#fff",
    cursor: "pointer",
    opacity: 0,
    transition: "opacity 120ms ease",
  },
  "& .toggle .ring": {
    width: 20,
    height: 20,
    borderRadius: "50%",
    border: "2px solid #fff",
    boxSizing: "border-box",
  },
  "&:hover .toggle, &:focus-within .toggle, &[data-selecting] .toggle": { opacity: 1 },
  "&[data-selected] .toggle": { background: "#fff", color: theme.palette.primary.main },
  "& .badge": {
    position: "absolute",
    display: "flex",
    alignItems: "center",
    gap: 2,
    color: "#fff",
    fontSize: 12,
    fontWeight: 600,
    textShadow: "0 0 3px rgba(0,0,0,0.8)",
    pointerEvents: "none",
  },
  "& .video": { top: 6, right: 6 },
  "& .star": { bottom: 4, left: 4 },
  "& .state": { top: "50%", left: "50%", transform: "translate(-50%, -50%)", opacity: 0.8 },
  "& .failed": {
    position: "absolute",
    inset: 0,
    display: "flex",
    alignItems: "center",
    justifyContent: "center",
    color: theme.palette.error.main,
    backgroundColor: theme.palette.mode === "dark" ? "#2a1a1a" : "#fbeaea",
  },
  "& .caption": {
    position: "absolute",
    left: 0,
    right: 0,
    bottom: 0,
    padding: "12px 6px 4px",
    fontSize: 12,
    color: "#fff",
    background: "linear-gradient(transparent, rgba(0,0,0,0.6))",
    whiteSpace: "nowrap",
    overflow: "hidden",
    textOverflow: "ellipsis",
    pointerEvents: "none",
  },
  "@media (prefers-reduced-motion: reduce)": {
    "& .thumb, & .toggle": { transition: "none" },
  },
}));

export function formatDuration(ms: number | null): string {
  if (ms == null || !Number.isFinite(ms)) return "";
  const total = Math.round(ms / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, "0");
  return hours ? `${hours}:${String(minutes).padStart(2, "0")}:${seconds}` : `${minutes}:${seconds}`;
}

/** Wraps a failed tile's link: the reason (fetched on first hover or focus) as its tooltip. */
function FailedReason({ id, label, children }: { id: string; label: string; children: ReactElement }) {
  const [asked, setAsked] = useState(false);
  const reason = useAssetFailure(id, asked);
  return (
    <Tooltip title={reason ? `${label}: ${reason}` : label} onOpen={() => setAsked(true)} describeChild>
      {children}
    </Tooltip>
  );
}

function TileView(props: TileProps) {
  const { id, x, y, w, h, labels, processing, selected, selecting } = props;
  const placeholder = thumbhashDataUrl(props.thumbhash);
  const wrapFailed = (link: ReactElement) =>
    processing === "failed" ? (
      <FailedReason id={id} label={labels.failed}>
        {link}
      </FailedReason>
    ) : (
      link
    );
  return (
    <Root
      data-testid="asset-tile"
      data-asset-id={id}
      data-status={processing}
      data-selected={selected ? "" : undefined}
      data-selecting={selecting ? "" : undefined}
      style={{ left: x, top: y, width: w, height: h }}
    >
      {wrapFailed(
      <a href={props.href} onClick={(event) => props.onOpen(id, event)} title={props.captionTitle}>
        {placeholder && <span className="thumb" style={{ backgroundImage: `url(${placeholder})` }} />}
        {processing === "failed" ? (
          <span className="failed" role="img" aria-label={`${props.alt} — ${labels.failed}`}>
            <BrokenImageOutlined fontSize="large" />
          </span>
        ) : props.thumbUrl ? (
          <img
            className="thumb"
            src={props.thumbUrl}
            alt={props.alt}
            decoding="async"
            draggable={false}
            onLoad={(event) => {
              event.currentTarget.dataset.loaded = "";
            }}
          />
        ) : (
          <span className="badge state" role="img" aria-label={`${props.alt} — ${labels.pending}`}>
            <HourglassEmpty fontSize="small" />
          </span>
        )}
        {props.type === "video" && (
          <span className="badge video" aria-label={labels.video}>
            {formatDuration(props.durationMs)}
            <PlayCircle sx={{ fontSize: 18 }} />
          </span>
        )}
        {props.favorite && (
          <span className="badge star" aria-label={labels.favorite}>
            <Star sx={{ fontSize: 18 }} />
          </span>
        )}
        {props.caption && <span className="caption">{props.caption}</span>}
      </a>,
      )}
      <button
        type="button"
        className="toggle"
        data-testid="select-toggle"
        aria-pressed={selected}
        aria-label={selected ? labels.deselect : labels.select}
        onClick={(event) => props.onToggle(id, event)}
      >
        {selected ? <CheckCircle sx={{ fontSize: 26 }} /> : <span className="ring" />}
      </button>
    </Root>
  );
}

export const Tile = memo(TileView);
