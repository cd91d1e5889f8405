/**
 * A photo in the viewer: the thumbnail at once, the preview over it when loaded, and the
 * original when zoomed past the preview's pixels (browser-displayable types only).
 */
import { useEffect, useImperativeHandle, useMemo, useRef, useState, type Ref } from "react";
import { Box } from "@mui/material";
import type { ViewerAsset } from "./api";
import { isBrowserImage } from "./format";
import { useMediaUrl } from "./hooks";
import { usePhotoGestures } from "./usePhotoGestures";
import { useElementSize } from "./useElementSize";
import { fitSize, maxScale, needsMorePixels, type SwipeDirection } from "./zoom";

export interface ZoomControls {
  zoomIn(): void;
  zoomOut(): void;
  reset(): void;
}

interface Props {
  asset: ViewerAsset;
  alt: string;
  reducedMotion: boolean;
  onSwipe(direction: Exclude<SwipeDirection, null>): void;
  onError(): void;
  controls?: Ref<ZoomControls>;
}

interface Loaded {
  src: string;
  width: number;
  height: number;
}

function useLoadedImage(src: string | null | undefined, onError?: () => void): Loaded | null {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const errorRef = useRef(onError);
  useEffect(() => {
    errorRef.current = onError;
  });
  useEffect(() => {
    if (!src) return;
    let active = true;
    const image = new Image();
    image.decoding = "async";
    image.onload = () => {
      if (active) setLoaded({ src, width: image.naturalWidth, height: image.naturalHeight });
    };
    image.onerror = () => {
      if (active) errorRef.current?.();
    };
    image.src = src;
    return () => {
      active = false;
      image.onload = null;
      image.onerror = null;
    };
  }, [src]);
  return loaded && loaded.src === src ? loaded : null;
}

export function PhotoView({ asset, alt, reducedMotion, onSwipe, onError, controls }: Props) {
  const stageRef = useRef<HTMLDivElement>(null);
  const stage = useElementSize(stageRef);
  const thumb = useLoadedImage(asset.thumb_url);
  const preview = useLoadedImage(asset.preview_url, onError);
  const [wantOriginal, setWantOriginal] = useState(false);
  const originalUrl = useMediaUrl(asset.id, "original", wantOriginal);
  const original = useLoadedImage(originalUrl.data?.url);

  const best = original ?? preview ?? thumb;
  const ratio =
    best && best.height > 0
      ? best.width / best.height
      : asset.width && asset.height
        ? asset.width / asset.height
        : 0;
  const fit = useMemo(
    () => fitSize(stage, ratio),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [stage.width, stage.height, ratio],
  );
  const dpr = typeof window === "undefined" ? 1 : window.devicePixelRatio || 1;
  const max = maxScale(fit, asset.width, dpr);
  const gestures = usePhotoGestures(stageRef, stage, fit, max, onSwipe);
  useImperativeHandle(controls, () => ({
    zoomIn: gestures.zoomIn,
    zoomOut: gestures.zoomOut,
    reset: gestures.reset,
  }));

  const { scale, x, y } = gestures.transform;
  const previewWidth = preview?.width ?? 0;
  // Latched: once zoomed past the preview's pixels, the original stays (derived during render).
  if (
    !wantOriginal &&
    isBrowserImage(asset.content_type) &&
    needsMorePixels(fit, scale, dpr, previewWidth, asset.width)
  ) {
    setWantOriginal(true);
  }

  const animate = !gestures.interacting && !reducedMotion;
  const main = original ?? preview;
  return (
    <Box
      ref={stageRef}
      data-testid="viewer-stage"
      data-zoom={scale.toFixed(2)}
      data-resolution={original ? "original" : preview ? "preview" : "thumb"}
      sx={{
        position: "absolute",
        inset: 0,
        overflow: "hidden",
        touchAction: "none",
        userSelect: "none",
        cursor: scale > 1.01 ? (gestures.interacting ? "grabbing" : "grab") : "zoom-in",
      }}
    >
      <Box
        sx={{
          position: "absolute",
          inset: 0,
          transform: `translate3d(${x + gestures.swipeOffset}px, ${y}px, 0) scale(${scale})`,
          transformOrigin: "50% 50%",
          transition: animate ? "transform 180ms ease-out" : "none",
          willChange: "transform",
        }}
      >
        {thumb && !main && (
          <Box
            component="img"
            src={thumb.src}
            alt=""
            aria-hidden
            draggable={false}
            sx={{ position: "absolute", inset: 0, width: 1, height: 1, objectFit: "contain" }}
          />
        )}
        {main && (
          <Box
            component="img"
            data-testid="viewer-image"
            src={main.src}
            alt={alt}
            draggable={false}
            sx={{ position: "absolute", inset: 0, width: 1, height: 1, objectFit: "contain" }}
          />
        )}
      </Box>
    </Box>
  );
}
