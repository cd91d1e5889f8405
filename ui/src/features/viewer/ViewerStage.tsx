/** What fills the viewer: the photo or video, or a readable state (loading, pending, failed, missing). */
import { useCallback, useRef, useState, type ReactNode, type RefObject } from "react";
import { Box, Button, CircularProgress, Stack, Typography } from "@mui/material";
import BrokenImageOutlinedIcon from "@mui/icons-material/BrokenImageOutlined";
import HourglassEmptyIcon from "@mui/icons-material/HourglassEmpty";
import type { UseQueryResult } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/http";
import type { ViewerAsset } from "./api";
import { PhotoView, type ZoomControls } from "./PhotoView";
import { VideoView } from "./VideoView";
import { useSwipe } from "./useSwipe";
import type { SwipeDirection } from "./zoom";

interface Props {
  id: string;
  query: UseQueryResult<ViewerAsset>;
  reducedMotion: boolean;
  zoomControls: RefObject<ZoomControls | null>;
  onSwipe(direction: Exclude<SwipeDirection, null>): void;
  onDownload?: () => void;
}

/** Videos and messages: a horizontal swipe moves on, like on photos. */
function SwipeArea(props: {
  onSwipe(direction: Exclude<SwipeDirection, null>): void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useSwipe(ref, props.onSwipe);
  return (
    <Box ref={ref} sx={{ position: "absolute", inset: 0, touchAction: "pan-y" }}>
      {props.children}
    </Box>
  );
}

function StateMessage(props: {
  icon?: ReactNode;
  children: ReactNode;
  testState: string;
  onSwipe?(direction: Exclude<SwipeDirection, null>): void;
}) {
  const message = (
    <Stack
      data-testid="viewer-state"
      data-state={props.testState}
      role="status"
      spacing={2}
      sx={{
        position: "absolute",
        inset: 0,
        alignItems: "center",
        justifyContent: "center",
        textAlign: "center",
        px: 3,
        color: "grey.300",
        zIndex: 1,
        pointerEvents: "none",
        "& button, & a": { pointerEvents: "auto" },
      }}
    >
      {props.icon}
      {props.children}
    </Stack>
  );
  return props.onSwipe ? <SwipeArea onSwipe={props.onSwipe}>{message}</SwipeArea> : message;
}

export function ViewerStage({ query, reducedMotion, zoomControls, onSwipe, onDownload }: Props) {
  const { t } = useTranslation("viewer");
  const [loadFailed, setLoadFailed] = useState(false);
  const markFailed = useCallback(() => setLoadFailed(true), []);
  const asset = query.data;

  if (query.isPending) {
    return (
      <StateMessage testState="loading">
        <CircularProgress color="inherit" aria-label={t("loading")} />
      </StateMessage>
    );
  }
  if (!asset) {
    const missing = query.error instanceof ApiError && query.error.status === 404;
    return (
      <StateMessage
        testState="error"
        onSwipe={onSwipe}
        icon={<BrokenImageOutlinedIcon sx={{ fontSize: 56 }} />}
      >
        <Typography>
          {missing ? t("state.notFound") : (query.error?.message ?? t("state.loadError"))}
        </Typography>
        {!missing && (
          <Button variant="outlined" color="inherit" onClick={() => void query.refetch()}>
            {t("retry", { ns: "common" })}
          </Button>
        )}
      </StateMessage>
    );
  }

  const alt = asset.description || asset.original_filename;
  const state = asset.processing.state;
  const downloadButton = onDownload && (
    <Button variant="outlined" color="inherit" onClick={onDownload}>
      {t("state.downloadButton")}
    </Button>
  );

  if (state === "failed" || loadFailed) {
    return (
      <StateMessage
        testState="failed"
        onSwipe={onSwipe}
        icon={<BrokenImageOutlinedIcon sx={{ fontSize: 56 }} />}
      >
        <Typography>{state === "failed" ? t("state.failed") : t("state.loadError")}</Typography>
        {state === "failed" && asset.processing.error && (
          <Typography variant="body2" sx={{ color: "grey.500", maxWidth: 520 }}>
            {t("state.failedReason", { reason: asset.processing.error })}
          </Typography>
        )}
        {downloadButton && <Typography variant="body2">{t("state.download")}</Typography>}
        {downloadButton}
      </StateMessage>
    );
  }

  const pending = state === "pending";
  return (
    <>
      {asset.type === "video" && !pending ? (
        <SwipeArea onSwipe={onSwipe}>
          <VideoView
            asset={asset}
            label={t("videoLabel", { name: asset.original_filename })}
            onError={markFailed}
          />
        </SwipeArea>
      ) : (
        (asset.thumb_url || asset.preview_url) && (
          <PhotoView
            asset={asset}
            alt={alt}
            reducedMotion={reducedMotion}
            onSwipe={onSwipe}
            onError={markFailed}
            controls={zoomControls}
          />
        )
      )}
      {pending && (
        <StateMessage testState="pending" icon={<HourglassEmptyIcon sx={{ fontSize: 48 }} />}>
          <Box
            sx={{ bgcolor: "rgba(0,0,0,0.6)", borderRadius: 2, px: 2, py: 1, maxWidth: 440 }}
          >
            <Typography>{t("state.pending")}</Typography>
          </Box>
        </StateMessage>
      )}
    </>
  );
}
