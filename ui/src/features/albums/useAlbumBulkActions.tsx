/** The selection bar's "Add to album" action and its dialog. */
import { useMemo, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import PhotoAlbumOutlined from "@mui/icons-material/PhotoAlbumOutlined";
import type { BulkAction } from "../selection/BulkBar";
import { AddToAlbumDialog } from "./AddToAlbumDialog";

export function useAlbumBulkActions(selectedIds: ReadonlySet<string>, onDone: () => void): [BulkAction[], ReactNode] {
  const { t } = useTranslation("albums");
  const [adding, setAdding] = useState<string[] | null>(null);
  const actions = useMemo<BulkAction[]>(
    () => [{ key: "album", label: t("addToAlbum"), icon: <PhotoAlbumOutlined />, onRun: () => setAdding([...selectedIds]) }],
    [selectedIds, t],
  );
  const dialog = adding ? <AddToAlbumDialog assetIds={adding} onDone={onDone} onClose={() => setAdding(null)} /> : null;
  return [actions, dialog];
}
