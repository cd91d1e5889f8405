/**
 * One album (`/albums/:id`): the grid in album or capture order with the viewer over it
 * (`photos/:id`), selection (remove from album, set cover, download, share), share the
 * album, rename/describe, delete.
 */
import { useCallback, useMemo, useRef, useState, type DragEvent } from "react";
import { Alert, Box, Button, CircularProgress, Stack, ToggleButton, ToggleButtonGroup, Typography } from "@mui/material";
import DeleteOutline from "@mui/icons-material/DeleteOutlined";
import EditOutlined from "@mui/icons-material/EditOutlined";
import RemoveCircleOutline from "@mui/icons-material/RemoveCircleOutlined";
import Share from "@mui/icons-material/Share";
import Wallpaper from "@mui/icons-material/Wallpaper";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Outlet, useNavigate, useParams } from "react-router";
import { useToast } from "../../components/toasts";
import { BulkBar, type BulkAction } from "../selection/BulkBar";
import { ShareGrid } from "../share/ShareGrid";
import { ShareDialog } from "../shares/ShareDialog";
import { useShareBulkActions } from "../shares/useShareBulkActions";
import { AssetSequenceContext, type AssetSequence } from "../viewer/sequence";
import { ConfirmDialog } from "../trash/ConfirmDialog";
import {
  ALBUMS_KEY,
  albumKey,
  deleteAlbum,
  getAlbum,
  patchAlbum,
  removeFromAlbum,
  reorderAlbum,
  type AlbumOrder,
} from "./api";
import { afterFor } from "./reorder";
import { AlbumFormDialog } from "./AlbumFormDialog";
import { useAlbumAssets } from "./useAlbumAssets";

export default function AlbumPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation("albums");
  const navigate = useNavigate();
  const toast = useToast();
  const queryClient = useQueryClient();
  const album = useQuery({ queryKey: albumKey(id), queryFn: () => getAlbum(id) });
  const [order, setOrder] = useState<AlbumOrder>("album");
  const { items, pages } = useAlbumAssets(id, order);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [dialog, setDialog] = useState<"share" | "edit" | "delete" | null>(null);
  const [shareActions, shareDialog] = useShareBulkActions(selected);

  const refresh = useCallback(
    () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: albumKey(id) }),
        queryClient.invalidateQueries({ queryKey: ALBUMS_KEY, exact: true }),
      ]),
    [queryClient, id],
  );
  const ids = useMemo(() => items.map((item) => item.id), [items]);
  const sequence = useMemo<AssetSequence>(
    () => ({
      neighbours: (current) => {
        const index = ids.indexOf(current);
        return {
          prev: index > 0 ? ids[index - 1] : null,
          next: index >= 0 && index < ids.length - 1 ? ids[index + 1] : null,
        };
      },
      hrefFor: (target) => `/albums/${id}/photos/${target}`,
      closeHref: `/albums/${id}`,
      onChanged: () =>
        void Promise.all([refresh(), queryClient.invalidateQueries({ queryKey: ["albums", id, "assets"] })]),
    }),
    [ids, id, refresh, queryClient],
  );
  const toggle = useCallback((asset: string) => {
    setSelected((old) => {
      const next = new Set(old);
      if (next.has(asset)) next.delete(asset);
      else next.add(asset);
      return next;
    });
  }, []);
  const clear = useCallback(() => setSelected(new Set()), []);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = pages;
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  const actions = useMemo<BulkAction[]>(() => {
    const chosen = [...selected];
    const list: BulkAction[] = [
      {
        key: "remove",
        label: t("remove"),
        icon: <RemoveCircleOutline />,
        onRun: () =>
          void removeFromAlbum(id, chosen)
            .then(() => {
              clear();
              toast.show(t("removed", { count: chosen.length }), { severity: "success" });
              return refresh();
            })
            .catch((error) => toast.error(error)),
      },
    ];
    if (chosen.length === 1) {
      list.push({
        key: "cover",
        label: t("setCover"),
        icon: <Wallpaper />,
        onRun: () =>
          void patchAlbum(id, { cover_asset_id: chosen[0] })
            .then(() => {
              clear();
              toast.show(t("coverSet"), { severity: "success" });
              return refresh();
            })
            .catch((error) => toast.error(error)),
      });
    }
    return [...list, ...shareActions.filter((action) => action.key === "download")];
  }, [selected, id, t, toast, clear, refresh, shareActions]);

  const dragged = useRef<string | null>(null);
  const tileId = (event: DragEvent) =>
    (event.target as HTMLElement).closest<HTMLElement>("[data-testid=asset-tile]")?.dataset.assetId ?? null;
  const onDragStart = (event: DragEvent) => {
    dragged.current = order === "album" ? tileId(event) : null;
    if (dragged.current) event.dataTransfer.effectAllowed = "move";
  };
  const onDragOver = (event: DragEvent) => {
    if (dragged.current) event.preventDefault();
  };
  const onDrop = (event: DragEvent) => {
    const source = dragged.current;
    const target = tileId(event);
    dragged.current = null;
    if (!source || !target) return;
    event.preventDefault();
    const after = afterFor(ids, source, target);
    if (after === undefined) return;
    void reorderAlbum(id, [source], after)
      .then(() => queryClient.invalidateQueries({ queryKey: ["albums", id, "assets"] }))
      .catch((error) => toast.error(error));
  };

  if (album.isError) return <Alert severity="error" sx={{ m: 3 }}>{t("loadError")}</Alert>;
  if (!album.data) return <CircularProgress sx={{ m: 3 }} aria-label={t("loading", { ns: "common" })} />;
  const data = album.data;

  return (
    <AssetSequenceContext.Provider value={sequence}>
      <Box sx={{ display: "flex", flexDirection: "column", minHeight: 0, flex: 1 }}>
        {selected.size > 0 && <BulkBar count={selected.size} actions={actions} onClear={clear} />}
        <Box component="section" sx={{ p: { xs: 1, sm: 2 }, overflow: "auto", flex: 1 }}>
          <Stack direction={{ xs: "column", md: "row" }} sx={{ gap: 2, justifyContent: "space-between", mb: 2 }}>
            <Box sx={{ minWidth: 0 }}>
              <Typography variant="h5" component="h1" data-testid="album-title">
                {data.title}
              </Typography>
              <Typography color="text.secondary">{t("count", { count: data.asset_count })}</Typography>
              {order === "album" && items.length > 1 && (
                <Typography variant="caption" color="text.secondary">
                  {t("dragHint")}
                </Typography>
              )}
              {data.description && <Typography sx={{ mt: 1 }}>{data.description}</Typography>}
            </Box>
            <Stack direction="row" sx={{ gap: 1, alignItems: "center", flexWrap: "wrap" }}>
              <ToggleButtonGroup
                size="small"
                exclusive
                value={order}
                aria-label={t("order")}
                onChange={(_event, value: AlbumOrder | null) => value && setOrder(value)}
              >
                <ToggleButton value="album">{t("orderAlbum")}</ToggleButton>
                <ToggleButton value="captured">{t("orderCaptured")}</ToggleButton>
              </ToggleButtonGroup>
              <Button startIcon={<Share />} variant="contained" onClick={() => setDialog("share")} data-testid="album-share">
                {t("share")}
              </Button>
              <Button startIcon={<EditOutlined />} onClick={() => setDialog("edit")}>
                {t("edit")}
              </Button>
              <Button startIcon={<DeleteOutline />} color="error" onClick={() => setDialog("delete")}>
                {t("delete")}
              </Button>
            </Stack>
          </Stack>
          {items.length === 0 && !pages.isPending && <Typography color="text.secondary">{t("emptyAlbum")}</Typography>}
          <Box onDragStart={onDragStart} onDragOver={onDragOver} onDrop={onDrop}>
          <ShareGrid
            testId="album-grid"
            items={items}
            hrefFor={(asset) => `/albums/${id}/photos/${asset}`}
            selected={selected}
            selectable
            hasMore={!!hasNextPage}
            loadingMore={isFetchingNextPage}
            onLoadMore={loadMore}
            onOpen={(asset) => navigate(`/albums/${id}/photos/${asset}`)}
            onToggle={toggle}
          />
          </Box>
        </Box>
      </Box>
      <Outlet />
      {shareDialog}
      {dialog === "share" && <ShareDialog target={{ albumId: id }} onClose={() => setDialog(null)} />}
      {dialog === "edit" && (
        <AlbumFormDialog
          initial={{ title: data.title, description: data.description }}
          onClose={() => setDialog(null)}
          onSave={(title, description) => patchAlbum(id, { title, description }).then(refresh)}
        />
      )}
      <ConfirmDialog
        open={dialog === "delete"}
        title={t("deleteTitle", { title: data.title })}
        body={t("deleteBody")}
        confirmLabel={t("delete")}
        onClose={() => setDialog(null)}
        onConfirm={() =>
          void deleteAlbum(id)
            .then(() => queryClient.invalidateQueries({ queryKey: ALBUMS_KEY }))
            .then(() => navigate("/albums", { replace: true }))
            .catch((error) => toast.error(error))
        }
      />
    </AssetSequenceContext.Provider>
  );
}
