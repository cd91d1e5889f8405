/**
 * The friend's viewer (`viewer` dialog): the library viewer's photo view (zoom, pan, swipe)
 * and video view, fed with this link's signed URLs; ←/→ and Esc; download when allowed.
 */
import { useEffect, useId, useMemo, useRef } from "react";
import { Box, Dialog, IconButton, Stack, Tooltip, Typography, useMediaQuery } from "@mui/material";
import CloseIcon from "@mui/icons-material/Close";
import ChevronLeftIcon from "@mui/icons-material/ChevronLeft";
import ChevronRightIcon from "@mui/icons-material/ChevronRight";
import DownloadIcon from "@mui/icons-material/Download";
import { useTranslation } from "react-i18next";
import { MediaUrlSourceContext, type MediaUrlSource } from "../viewer/mediaSource";
import { PhotoView, type ZoomControls } from "../viewer/PhotoView";
import { VideoView } from "../viewer/VideoView";
import type { PublicAsset } from "./api";
import { toViewerAsset } from "./viewerAsset";

interface Props {
  asset: PublicAsset;
  prev: string | null;
  next: string | null;
  allowDownload: boolean;
  source: MediaUrlSource;
  onGo(id: string): void;
  onClose(): void;
  onDownload(id: string): void;
}

export function ShareViewer({ asset, prev, next, allowDownload, source, onGo, onClose, onDownload }: Props) {
  const { t } = useTranslation(["viewer", "share"]);
  const titleId = useId();
  const reducedMotion = useMediaQuery("(prefers-reduced-motion: reduce)");
  const zoom = useRef<ZoomControls>(null);
  const viewerAsset = useMemo(() => toViewerAsset(asset), [asset]);

  const keys = useRef({ prev, next, onGo });
  useEffect(() => {
    keys.current = { prev, next, onGo };
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      const { prev: before, next: after, onGo: go } = keys.current;
      if (event.key === "ArrowLeft" && before) go(before);
      else if (event.key === "ArrowRight" && after) go(after);
      else if (event.key === "+" || event.key === "=") zoom.current?.zoomIn();
      else if (event.key === "-") zoom.current?.zoomOut();
      else return;
      event.preventDefault();
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);

  const swipe = (direction: "prev" | "next") => {
    const target = direction === "prev" ? prev : next;
    if (target) onGo(target);
  };
  const video = asset.type === "video";
  const poster = asset.preview_url ?? asset.thumb_url ?? undefined;

  return (
    <Dialog
      open
      fullScreen
      onClose={onClose}
      aria-labelledby={titleId}
      transitionDuration={reducedMotion ? 0 : 150}
      slotProps={{
        paper: {
          "data-testid": "viewer",
          "data-asset-id": asset.id,
          sx: { bgcolor: "#000", color: "common.white", overflow: "hidden" },
        } as object,
      }}
    >
      <MediaUrlSourceContext.Provider value={source}>
        <Box sx={{ position: "relative", flex: 1, height: "100%" }}>
          {video && allowDownload ? (
            <VideoView
              key={asset.id}
              asset={viewerAsset}
              label={t("viewer:videoLabel", { name: asset.original_filename })}
              onError={() => undefined}
            />
          ) : video ? (
            <Stack sx={{ position: "absolute", inset: 0, alignItems: "center", justifyContent: "center", gap: 2, p: 3 }}>
              {poster && (
                <Box component="img" src={poster} alt={asset.original_filename} sx={{ maxWidth: "100%", maxHeight: "80%", objectFit: "contain" }} />
              )}
              <Typography role="status">{t("share:viewer.noVideo")}</Typography>
            </Stack>
          ) : (
            <PhotoView
              key={asset.id}
              asset={viewerAsset}
              alt={asset.original_filename}
              reducedMotion={reducedMotion}
              onSwipe={swipe}
              onError={() => undefined}
              controls={zoom}
            />
          )}
          <Stack
            direction="row"
            sx={{
              position: "absolute",
              top: 0,
              left: 0,
              right: 0,
              alignItems: "center",
              gap: 1,
              px: 1,
              py: 0.5,
              zIndex: 2,
              background: "linear-gradient(rgba(0,0,0,0.6), transparent)",
            }}
          >
            <Tooltip title={t("viewer:close")}>
              <IconButton color="inherit" aria-label={t("viewer:close")} onClick={onClose} data-testid="viewer-close">
                <CloseIcon />
              </IconButton>
            </Tooltip>
            <Typography id={titleId} noWrap sx={{ flex: 1, minWidth: 0 }}>
              {asset.original_filename}
            </Typography>
            {allowDownload && (
              <Tooltip title={t("viewer:download")}>
                <IconButton
                  color="inherit"
                  aria-label={t("viewer:download")}
                  data-testid="viewer-download"
                  onClick={() => onDownload(asset.id)}
                >
                  <DownloadIcon />
                </IconButton>
              </Tooltip>
            )}
          </Stack>
          {prev && <Side side="left" label={t("viewer:previous")} onClick={() => onGo(prev)} />}
          {next && <Side side="right" label={t("viewer:next")} onClick={() => onGo(next)} />}
        </Box>
      </MediaUrlSourceContext.Provider>
    </Dialog>
  );
}

function Side(props: { side: "left" | "right"; label: string; onClick(): void }) {
  const Icon = props.side === "left" ? ChevronLeftIcon : ChevronRightIcon;
  return (
    <IconButton
      aria-label={props.label}
      data-testid={props.side === "left" ? "viewer-prev" : "viewer-next"}
      onClick={props.onClick}
      sx={{
        position: "absolute",
        top: "50%",
        [props.side]: 8,
        transform: "translateY(-50%)",
        zIndex: 2,
        display: { xs: "none", sm: "inline-flex" },
        color: "common.white",
        bgcolor: "rgba(0,0,0,0.35)",
        "&:hover": { bgcolor: "rgba(0,0,0,0.55)" },
      }}
    >
      <Icon fontSize="large" />
    </IconButton>
  );
}
