/** One thumbnail of the justified grid: placeholder, image, badges and the selection check. */
import { memo, useState, type MouseEvent, type ReactElement } from "react";
import { Tooltip } from "@mui/material";
import BrokenImageOutlined from "@mui/icons-material/BrokenImageOutlined";
import CheckCircle from "@mui/icons-material/CheckCircle";
import PlayCircle from "@mui/icons-material/PlayCircle";
import Star from "@mui/icons-material/Star";
import HourglassEmpty from "@mui/icons-material/HourglassEmpty";
import { thumbhashDataUrl } from "./thumbhash";
import { TILE_CLASS } from "./styles";
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
  /** The thumbnail did not load (e.g. its signed URL expired): the host refetches. */
  onThumbError?(id: string): void;
}



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
    <div
      className={TILE_CLASS}
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
            onError={() => props.onThumbError?.(id)}
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
    </div>
  );
}

export const Tile = memo(TileView);
