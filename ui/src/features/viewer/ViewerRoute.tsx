/**
 * The viewer (`photos/:id` under the timeline or the trash): a full-screen dialog over the
 * host page, which stays mounted and keeps its scroll. ←/→ replace the URL, Esc and Back
 * return to the host.
 */
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { Box, Dialog, IconButton, Tooltip, useMediaQuery } from "@mui/material";
import ChevronLeftIcon from "@mui/icons-material/ChevronLeft";
import ChevronRightIcon from "@mui/icons-material/ChevronRight";
import { useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { ToastProvider, useToast } from "../../components/toasts";
import { ConfirmPurgeDialog } from "./ConfirmPurgeDialog";
import { InfoPanel } from "./InfoPanel";
import { actionForKey, type ViewerAction } from "./keys";
import { useViewerNavigation, type ViewerNavigation } from "./navigation";
import { usePreloadNeighbours, useViewerActions, useViewerAsset } from "./hooks";
import { ShortcutsDialog } from "./ShortcutsDialog";
import { ViewerStage } from "./ViewerStage";
import { ViewerToolbar } from "./ViewerToolbar";
import { ViewerLibraryActions } from "../shares/ViewerLibraryActions";
import type { ZoomControls } from "./PhotoView";

export default function ViewerRoute() {
  const { id = "" } = useParams();
  return <Viewer id={id} />;
}

function SideButton(props: { side: "left" | "right"; label: string; onClick(): void }) {
  const Icon = props.side === "left" ? ChevronLeftIcon : ChevronRightIcon;
  return (
    <Tooltip title={props.label}>
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
          "&:focus-visible": { outline: "2px solid", outlineColor: "primary.light" },
        }}
      >
        <Icon fontSize="large" />
      </IconButton>
    </Tooltip>
  );
}

function Viewer({ id }: { id: string }) {
  const { t } = useTranslation("viewer");
  const titleId = useId();
  const nav = useViewerNavigation(id);
  const pageToast = useToast();
  const reducedMotion = useMediaQuery("(prefers-reduced-motion: reduce)");
  // The paper mounts in a portal after the first render: a state ref re-runs the effect then.
  const [paper, setPaper] = useState<HTMLDivElement | null>(null);

  // The host under the dialog keeps its scroll: never let a wheel over the viewer scroll it.
  useEffect(() => {
    if (!paper) return;
    const onWheel = (event: WheelEvent) => {
      const target = event.target as HTMLElement | null;
      if (!target?.closest("[data-testid='viewer-info']")) event.preventDefault();
    };
    paper.addEventListener("wheel", onWheel, { passive: false });
    return () => paper.removeEventListener("wheel", onWheel);
  }, [paper]);

  return (
    <Dialog
      open
      fullScreen
      disableScrollLock
      onClose={(_event, reason) => reason === "escapeKeyDown" && nav.close()}
      aria-labelledby={titleId}
      transitionDuration={reducedMotion ? 0 : 150}
      slotProps={{
        paper: {
          ref: setPaper,
          "aria-label": t("dialogLabel"),
          "data-testid": "viewer",
          "data-asset-id": id,
          "data-mode": nav.mode,
          sx: {
            bgcolor: "#000",
            color: "common.white",
            display: "flex",
            flexDirection: { xs: "column", md: "row" },
            overflow: "hidden",
            overscrollBehavior: "contain",
          },
        } as object,
      }}
    >
      {/* Toasts inside the dialog: the page behind it is hidden from assistive tech. */}
      <ToastProvider>
        <ViewerBody
          id={id}
          titleId={titleId}
          nav={nav}
          pageToast={pageToast}
          reducedMotion={reducedMotion}
        />
      </ToastProvider>
    </Dialog>
  );
}

interface BodyProps {
  id: string;
  titleId: string;
  nav: ViewerNavigation;
  pageToast: ReturnType<typeof useToast>;
  reducedMotion: boolean;
}

function ViewerBody({ id, titleId, nav, pageToast, reducedMotion }: BodyProps) {
  const { t } = useTranslation("viewer");
  const query = useViewerAsset(id);
  const asset = query.data;
  const actions = useViewerActions(asset, nav, pageToast);
  const [infoOpen, setInfoOpen] = useState(false);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const [confirmPurge, setConfirmPurge] = useState(false);
  const zoom = useRef<ZoomControls>(null);
  usePreloadNeighbours([nav.prev, nav.next]);

  const run = useCallback(
    (action: ViewerAction) => {
      const library = nav.mode === "library";
      switch (action) {
        case "prev":
          if (nav.prev) nav.go(nav.prev);
          break;
        case "next":
          if (nav.next) nav.go(nav.next);
          break;
        case "close":
          nav.close();
          break;
        case "info":
          if (asset) setInfoOpen((open) => !open);
          break;
        case "favorite":
          if (library) actions.toggleFavorite();
          break;
        case "trash":
          if (library) actions.trash();
          else if (asset) setConfirmPurge(true);
          break;
        case "download":
          if (library) actions.download();
          break;
        case "shortcuts":
          setShortcutsOpen(true);
          break;
        case "zoomIn":
          zoom.current?.zoomIn();
          break;
        case "zoomOut":
          zoom.current?.zoomOut();
          break;
        case "zoomReset":
          zoom.current?.reset();
          break;
      }
    },
    [nav, asset, actions],
  );

  const runRef = useRef(run);
  useEffect(() => {
    runRef.current = run;
  });
  const modalOpen = shortcutsOpen || confirmPurge;
  useEffect(() => {
    if (modalOpen) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const action = actionForKey(event);
      // Esc reaches the dialog's own onClose (MUI stops it there); arrows may auto-repeat.
      if (!action || action === "close") return;
      if (event.repeat && action !== "prev" && action !== "next") return;
      event.preventDefault();
      runRef.current(action);
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [modalOpen]);

  const title = asset?.original_filename ?? t("dialogLabel");
  return (
    <>
      <Box sx={{ position: "relative", flex: 1, minWidth: 0, minHeight: 0 }}>
        <ViewerStage
          key={id}
          id={id}
          query={query}
          reducedMotion={reducedMotion}
          zoomControls={zoom}
          onSwipe={(direction) => run(direction)}
          onDownload={nav.mode === "library" ? actions.download : undefined}
        />
        <ViewerToolbar
          titleId={titleId}
          title={title}
          mode={nav.mode}
          hasAsset={!!asset}
          isFavorite={!!asset?.is_favorite}
          infoOpen={infoOpen}
          busy={actions.busy}
          onClose={nav.close}
          onInfo={() => run("info")}
          onFavorite={actions.toggleFavorite}
          onDownload={actions.download}
          onTrash={actions.trash}
          onRestore={actions.restore}
          onPurge={() => setConfirmPurge(true)}
          onShortcuts={() => setShortcutsOpen(true)}
          extra={<ViewerLibraryActions assetId={id} />}
        />
        {nav.prev && <SideButton side="left" label={t("previous")} onClick={() => run("prev")} />}
        {nav.next && <SideButton side="right" label={t("next")} onClick={() => run("next")} />}
      </Box>
      {infoOpen && asset && <InfoPanel asset={asset} onClose={() => setInfoOpen(false)} />}
      <ShortcutsDialog open={shortcutsOpen} onClose={() => setShortcutsOpen(false)} />
      <ConfirmPurgeDialog
        open={confirmPurge}
        name={asset?.original_filename ?? ""}
        onCancel={() => setConfirmPurge(false)}
        onConfirm={() => {
          setConfirmPurge(false);
          actions.purge();
        }}
      />
    </>
  );
}
