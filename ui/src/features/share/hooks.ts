/** The share page's data (TanStack Query): the link, its assets page by page, downloads. */
import { useCallback, useMemo, useState } from "react";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import {
  createShareZip,
  fetchShare,
  fetchShareAssets,
  fetchShareMediaUrl,
  type PublicAsset,
  type PublicShare,
} from "./api";
import type { MediaUrlSource } from "../viewer/mediaSource";

/** The link itself. Opening it counts a view, so it is fetched once per page load. */
export function useShare(token: string, enabled: boolean) {
  return useQuery({
    queryKey: ["share", token],
    queryFn: () => fetchShare(token),
    enabled,
    retry: false,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}

/** The link's assets: the one asset of a single-asset link, or the album paged as it scrolls. */
export function useShareAssets(token: string, share: PublicShare | undefined) {
  const album = share?.kind === "album";
  const pages = useInfiniteQuery({
    queryKey: ["share", token, "assets"],
    queryFn: ({ pageParam }) => fetchShareAssets(token, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    enabled: album,
    staleTime: 5 * 60_000,
    refetchOnWindowFocus: false,
  });
  const items: PublicAsset[] = useMemo(() => {
    if (share?.kind === "asset" && share.asset) return [share.asset];
    return pages.data?.pages.flatMap((page) => page.items) ?? [];
  }, [share, pages.data]);
  return { items, pages };
}

/** Where the viewer's photo and video views get signed URLs: this link's download-url. */
export function useShareMediaSource(token: string): MediaUrlSource {
  return useMemo(
    () => ({ key: `share:${token}`, fetch: (id, kind) => fetchShareMediaUrl(token, id, kind) }),
    [token],
  );
}

/** Start a browser download of a URL (attachment responses leave the page where it is). */
export function startDownload(url: string): void {
  const link = document.createElement("a");
  link.href = url;
  link.rel = "noopener";
  link.download = "";
  document.body.appendChild(link);
  link.click();
  link.remove();
}

/** Download one original, or a ZIP of several (or of everything when `ids` is omitted). */
export function useShareDownloads(token: string, onError: () => void) {
  const [busy, setBusy] = useState(false);
  const run = useCallback(
    async (task: () => Promise<string>) => {
      setBusy(true);
      try {
        startDownload(await task());
      } catch {
        onError();
      } finally {
        setBusy(false);
      }
    },
    [onError],
  );
  const downloadOne = useCallback(
    (id: string) => run(async () => (await fetchShareMediaUrl(token, id, "original")).url),
    [run, token],
  );
  const downloadZip = useCallback(
    (ids?: string[]) => run(async () => (await createShareZip(token, ids)).url),
    [run, token],
  );
  return { busy, downloadOne, downloadZip };
}
