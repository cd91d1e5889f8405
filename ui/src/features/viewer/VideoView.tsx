/** A video in the viewer: the poster first, then native playback from the Range-capable stream URL. */
import { useEffect, useRef } from "react";
import { Box, CircularProgress } from "@mui/material";
import type { ViewerAsset } from "./api";
import { useMediaUrl } from "./hooks";

interface Props {
  asset: ViewerAsset;
  label: string;
  onError(): void;
}

export function VideoView({ asset, label, onError }: Props) {
  const stream = useMediaUrl(asset.id, "stream", true);
  const retried = useRef(false);
  const poster = asset.preview_url ?? asset.thumb_url ?? undefined;

  const failed = stream.isError && !stream.data;
  useEffect(() => {
    if (failed) onError();
  }, [failed, onError]);

  const handleError = () => {
    // A signed URL may have expired while the viewer stayed open: fetch a fresh one once.
    if (!retried.current) {
      retried.current = true;
      void stream.refetch();
    } else {
      onError();
    }
  };

  return (
    <Box
      sx={{
        position: "absolute",
        inset: 0,
        display: "flex",
        alignItems: "center",
        justifyContent: "center",
      }}
    >
      {stream.data ? (
        <Box
          component="video"
          data-testid="viewer-video"
          key={stream.data.url}
          src={stream.data.url}
          poster={poster}
          controls
          playsInline
          preload="metadata"
          aria-label={label}
          onError={handleError}
          sx={{ maxWidth: "100%", maxHeight: "100%", width: "100%", height: "100%", bgcolor: "black" }}
        />
      ) : poster ? (
        <Box
          component="img"
          src={poster}
          alt={label}
          sx={{ maxWidth: "100%", maxHeight: "100%", objectFit: "contain" }}
        />
      ) : (
        <CircularProgress color="inherit" aria-label={label} />
      )}
    </Box>
  );
}
