/** An album's assets, page by page, in album or capture order. */
import { useMemo } from "react";
import { useInfiniteQuery } from "@tanstack/react-query";
import { albumAssets, albumAssetsKey, type AlbumAsset, type AlbumOrder } from "./api";

export function useAlbumAssets(id: string, order: AlbumOrder) {
  const pages = useInfiniteQuery({
    queryKey: albumAssetsKey(id, order),
    queryFn: ({ pageParam }) => albumAssets(id, order, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });
  const items: AlbumAsset[] = useMemo(
    () => pages.data?.pages.flatMap((page) => page.items) ?? [],
    [pages.data],
  );
  return { items, pages };
}
