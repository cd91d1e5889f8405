/** The viewer's data (TanStack Query) and actions (mutations with toasts). */
import { useEffect } from "react";
import { useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useToast } from "../../components/toasts";
import {
  assetKey,
  fetchAsset,
  fetchDownloadUrl,
  fetchStreamUrl,
  HOST_LIST_KEYS,
  mediaUrlKey,
  purgeAsset,
  restoreAsset,
  setFavorite,
  trashAsset,
  type MediaKind,
  type ViewerAsset,
} from "./api";
import { useAssetSequence } from "./sequence";
import { useMediaUrlSource } from "./mediaSource";
import type { ViewerNavigation } from "./navigation";

/** Signed URLs live 10 minutes by default; refetch well before. */
const URL_STALE_MS = 4 * 60_000;
const PENDING_POLL_MS = 3_000;

const assetQuery = (id: string) => ({
  queryKey: assetKey(id),
  queryFn: ({ signal }: { signal: AbortSignal }) => fetchAsset(id, signal),
});

/** The asset; polled while its processing is pending. */
export function useViewerAsset(id: string) {
  return useQuery({
    ...assetQuery(id),
    refetchInterval: (query) =>
      query.state.data?.processing.state === "pending" ? PENDING_POLL_MS : false,
  });
}

/** A signed URL of the original/preview/poster, or the stream URL; only when `enabled`. */
export function useMediaUrl(id: string, kind: MediaKind | "stream", enabled: boolean) {
  const source = useMediaUrlSource();
  return useQuery({
    queryKey: source ? [...mediaUrlKey(id, kind), source.key] : mediaUrlKey(id, kind),
    queryFn: () =>
      source
        ? source.fetch(id, kind)
        : kind === "stream"
          ? fetchStreamUrl(id)
          : fetchDownloadUrl(id, kind),
    enabled,
    staleTime: URL_STALE_MS,
    gcTime: URL_STALE_MS,
  });
}

/** Warm the neighbours: their asset record and their preview image, so ←/→ feel instant. */
export function usePreloadNeighbours(ids: Array<string | null>) {
  const queryClient = useQueryClient();
  const key = ids.filter(Boolean).join(",");
  useEffect(() => {
    if (!key) return;
    let cancelled = false;
    const images: HTMLImageElement[] = [];
    for (const id of key.split(",")) {
      void queryClient
        .fetchQuery({ ...assetQuery(id), staleTime: 30_000 })
        .then((asset) => {
          const src = asset.preview_url ?? asset.thumb_url;
          if (cancelled || !src) return;
          const image = new Image();
          image.decoding = "async";
          image.src = src;
          images.push(image);
        })
        .catch(() => undefined);
    }
    return () => {
      cancelled = true;
      images.length = 0;
    };
  }, [key, queryClient]);
}

function invalidateAfterChange(queryClient: QueryClient, id: string) {
  for (const key of HOST_LIST_KEYS) void queryClient.invalidateQueries({ queryKey: key });
  void queryClient.invalidateQueries({ queryKey: assetKey(id) });
}

type Toasts = ReturnType<typeof useToast>;

/**
 * Favourite, trash (with undo), restore, delete forever and download for one asset. Toasts
 * show inside the viewer (the nearest provider: the dialog hides the page from assistive
 * tech); `pageToast` is the page's, used when the action closes the viewer.
 */
export function useViewerActions(
  asset: ViewerAsset | undefined,
  nav: ViewerNavigation,
  pageToast: Toasts,
) {
  const { t } = useTranslation("viewer");
  const viewerToast = useToast();
  const closing = !(nav.next ?? nav.prev);
  const toast = viewerToast;
  const afterLeave = (): Toasts => (closing ? pageToast : viewerToast);
  const queryClient = useQueryClient();
  const sequence = useAssetSequence();
  const changed = (id: string) => {
    invalidateAfterChange(queryClient, id);
    sequence?.onChanged?.(id);
  };

  const favorite = useMutation({
    mutationFn: (vars: { id: string; value: boolean }) => setFavorite(vars.id, vars.value),
    onMutate: async ({ id, value }) => {
      await queryClient.cancelQueries({ queryKey: assetKey(id), exact: true });
      const before = queryClient.getQueryData<ViewerAsset>(assetKey(id));
      if (before) queryClient.setQueryData(assetKey(id), { ...before, is_favorite: value });
      return { before };
    },
    onError: (error, { id }, context) => {
      if (context?.before) queryClient.setQueryData(assetKey(id), context.before);
      toast.error(error, t("errors.favorite"));
    },
    onSuccess: (updated, { id, value }) => {
      queryClient.setQueryData(assetKey(id), updated);
      toast.show(value ? t("toast.favorited") : t("toast.unfavorited"), { durationMs: 2500 });
    },
    onSettled: (_data, _error, { id }) => changed(id),
  });

  const restore = useMutation({
    mutationFn: (id: string) => restoreAsset(id),
    onError: (error) => toast.error(error, t("errors.restore")),
    onSuccess: (_data, id) => changed(id),
  });

  const trash = useMutation({
    mutationFn: (id: string) => trashAsset(id),
    onError: (error) => toast.error(error, t("errors.trash")),
    onSuccess: (_data, id) => {
      changed(id);
      const stayOpen = !closing;
      const notify = afterLeave();
      nav.leave();
      notify.show(t("toast.trashed"), {
        actionLabel: t("toast.undo"),
        onAction: () =>
          restore.mutate(id, {
            onSuccess: () => {
              notify.show(t("toast.restored"));
              // Still in the viewer: show the restored asset again.
              if (stayOpen) nav.go(id);
            },
          }),
      });
    },
  });

  const purge = useMutation({
    mutationFn: (id: string) => purgeAsset(id),
    onError: (error) => toast.error(error, t("errors.purge")),
    onSuccess: (_data, id) => {
      queryClient.removeQueries({ queryKey: assetKey(id) });
      for (const key of HOST_LIST_KEYS) void queryClient.invalidateQueries({ queryKey: key });
      sequence?.onChanged?.(id);
      const notify = afterLeave();
      nav.leave();
      notify.show(t("toast.purged"));
    },
  });

  const download = useMutation({
    mutationFn: (id: string) => fetchDownloadUrl(id, "original"),
    onError: (error) => toast.error(error, t("errors.download")),
    onSuccess: ({ url }) => {
      const link = document.createElement("a");
      link.href = url;
      link.download = asset?.original_filename ?? "";
      link.rel = "noopener";
      document.body.appendChild(link);
      link.click();
      link.remove();
    },
  });

  const busy = trash.isPending || restore.isPending || purge.isPending;
  return {
    busy,
    toggleFavorite: () => {
      if (asset && !favorite.isPending)
        favorite.mutate({ id: asset.id, value: !asset.is_favorite });
    },
    trash: () => asset && !busy && trash.mutate(asset.id),
    restore: () =>
      asset &&
      !busy &&
      restore.mutate(asset.id, {
        onSuccess: () => {
          const notify = afterLeave();
          nav.leave();
          notify.show(t("toast.restored"));
        },
      }),
    purge: () => asset && !busy && purge.mutate(asset.id),
    download: () => asset && !download.isPending && download.mutate(asset.id),
  };
}
