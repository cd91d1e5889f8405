/**
 * Drag and drop anywhere on the signed-in app. While files are dragged over the window a
 * full-window overlay says what will happen; a drop queues the files and walks dropped folders.
 * In the desktop window the launcher imports drops by path, so the page only keeps the browser
 * from opening the file.
 */
import { useEffect, useRef, useState } from "react";
import { Box, Typography } from "@mui/material";
import CloudUploadOutlined from "@mui/icons-material/CloudUploadOutlined";
import { useTranslation } from "react-i18next";
import { useUpload } from "./context";

/**
 * Enter and leave events are counted (each element entered is left again); a drag that ends
 * without a leave (an element removed under the pointer) is given up after this long without a
 * dragover, which browsers repeat every ~50 ms while something is held over the page.
 */
const DRAG_IDLE_MS = 3000;

function carriesFiles(event: DragEvent): boolean {
  const types = event.dataTransfer?.types;
  return !!types && Array.from(types).includes("Files");
}

export function DropZone() {
  const { t } = useTranslation("upload");
  const { acceptsDrops, addDrop } = useUpload();
  const [dragging, setDragging] = useState(false);
  const idle = useRef<number | undefined>(undefined);

  useEffect(() => {
    let depth = 0;
    const stop = () => {
      depth = 0;
      window.clearTimeout(idle.current);
      setDragging(false);
    };
    const hold = (event: DragEvent): boolean => {
      if (!carriesFiles(event)) return false;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = acceptsDrops ? "copy" : "none";
      if (!acceptsDrops) return false;
      setDragging(true);
      window.clearTimeout(idle.current);
      idle.current = window.setTimeout(stop, DRAG_IDLE_MS);
      return true;
    };
    const enter = (event: DragEvent) => {
      if (hold(event)) depth += 1;
    };
    const leave = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) stop();
    };
    const drop = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      stop();
      if (acceptsDrops && event.dataTransfer) addDrop(event.dataTransfer);
    };
    window.addEventListener("dragenter", enter);
    window.addEventListener("dragover", hold);
    window.addEventListener("dragleave", leave);
    window.addEventListener("drop", drop);
    return () => {
      window.removeEventListener("dragenter", enter);
      window.removeEventListener("dragover", hold);
      window.removeEventListener("dragleave", leave);
      window.removeEventListener("drop", drop);
      window.clearTimeout(idle.current);
    };
  }, [acceptsDrops, addDrop]);

  if (!dragging) return null;
  return (
    <Box
      data-testid="upload-drop-overlay"
      aria-hidden
      sx={{
        position: "fixed",
        inset: 0,
        zIndex: (theme) => theme.zIndex.tooltip + 1,
        pointerEvents: "none",
        p: { xs: 1.5, sm: 3 },
        bgcolor: (theme) => (theme.palette.mode === "dark" ? "rgba(0,0,0,0.6)" : "rgba(255,255,255,0.75)"),
        backdropFilter: "blur(2px)",
      }}
    >
      <Box
        sx={{
          height: "100%",
          border: 3,
          borderStyle: "dashed",
          borderColor: "primary.main",
          borderRadius: 4,
          display: "flex",
          flexDirection: "column",
          alignItems: "center",
          justifyContent: "center",
          gap: 1.5,
          textAlign: "center",
          px: 2,
        }}
      >
        <CloudUploadOutlined color="primary" sx={{ fontSize: 96 }} />
        <Typography variant="h4" component="p" sx={{ fontWeight: 600 }}>
          {t("drop.title")}
        </Typography>
        <Typography variant="body1" color="text.secondary">
          {t("drop.body")}
        </Typography>
      </Box>
    </Box>
  );
}
