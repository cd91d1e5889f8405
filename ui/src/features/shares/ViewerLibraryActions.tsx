/**
 * The viewer's extra library actions for one asset: share it, add it to an album, tag it.
 * Rendered by the viewer's toolbar in library mode (its `extra` slot).
 */
import { useState, type KeyboardEvent, type ReactNode } from "react";
import { Box, IconButton, Tooltip } from "@mui/material";
import LocalOfferOutlined from "@mui/icons-material/LocalOfferOutlined";
import PhotoAlbumOutlined from "@mui/icons-material/PhotoAlbumOutlined";
import Share from "@mui/icons-material/Share";
import { useTranslation } from "react-i18next";
import { AddToAlbumDialog } from "../albums/AddToAlbumDialog";
import { TagDialog } from "../tags/TagDialog";
import { ShareDialog } from "./ShareDialog";

type Open = "share" | "album" | "tag" | null;

/** Keys typed in these dialogs must not reach the viewer's shortcuts (D, F, Del…). */
const keepKeys = (event: KeyboardEvent) => event.stopPropagation();

function Action(props: { label: string; testId: string; onClick(): void; children: ReactNode }) {
  return (
    <Tooltip title={props.label}>
      <IconButton color="inherit" aria-label={props.label} data-testid={props.testId} onClick={props.onClick}>
        {props.children}
      </IconButton>
    </Tooltip>
  );
}

export function ViewerLibraryActions({ assetId }: { assetId: string }) {
  const { t } = useTranslation(["shares", "albums", "tags"]);
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);
  return (
    <>
      <Action label={t("shares:share")} testId="viewer-share" onClick={() => setOpen("share")}>
        <Share />
      </Action>
      <Action label={t("albums:addToAlbum")} testId="viewer-add-to-album" onClick={() => setOpen("album")}>
        <PhotoAlbumOutlined />
      </Action>
      <Action label={t("tags:tag")} testId="viewer-tag" onClick={() => setOpen("tag")}>
        <LocalOfferOutlined />
      </Action>
      <Box onKeyDown={keepKeys} sx={{ display: "contents" }}>
        {open === "share" && <ShareDialog target={{ assetIds: [assetId] }} onClose={close} />}
        {open === "album" && <AddToAlbumDialog assetIds={[assetId]} onDone={close} onClose={close} />}
        {open === "tag" && <TagDialog assetIds={[assetId]} onClose={close} />}
      </Box>
    </>
  );
}
