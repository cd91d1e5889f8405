/** The trash's data (every cursor page, loaded one after another) and its actions. */
import { useEffect, useMemo } from "react";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { emptyTrash, fetchTrashPage, trashKeys, type TrashAsset } from "./api";
import { byDeletion } from "./retention";

export function useTrashItems() {
  const query = useInfiniteQuery({
    queryKey: trashKeys.list(),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => fetchTrashPage(pageParam, signal),
    getNextPageParam: (page) => page.next_cursor,
  });
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  const items = useMemo<TrashAsset[]>(
    () => byDeletion(query.data?.pages.flatMap((page) => page.items) ?? []),
    [query.data],
  );
  return { items, status: query.status, error: query.error, refetch: query.refetch, loadingMore: hasNextPage };
}

export function useEmptyTrash() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: emptyTrash,
    onSettled: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: trashKeys.all }),
        client.invalidateQueries({ queryKey: ["timeline"] }),
      ]),
  });
}
