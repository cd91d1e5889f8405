/** The library filtered (by a tag, or favourites): a paged grid with the viewer over it. */
import { useCallback, useMemo } from "react";
import { useInfiniteQuery } from "@tanstack/react-query";
import { Outlet, useNavigate } from "react-router";
import type { Schemas } from "../../api/client";
import { ShareGrid } from "../share/ShareGrid";
import { AssetSequenceContext, type AssetSequence } from "../viewer/sequence";

const NO_SELECTION: ReadonlySet<string> = new Set();

interface Props {
  queryKey: readonly unknown[];
  fetchPage(cursor: string | null): Promise<Schemas["AssetListOut"]>;
  /** Where this page lives (`/tags/<id>`, `/favorites`); the viewer opens at `<base>/photos/<id>`. */
  basePath: string;
  testId: string;
}

export function FilteredGrid({ queryKey, fetchPage, basePath, testId }: Props) {
  const navigate = useNavigate();
  const pages = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });
  const items = useMemo(() => pages.data?.pages.flatMap((page) => page.items) ?? [], [pages.data]);
  const { refetch } = pages;
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
      hrefFor: (target) => `${basePath}/photos/${target}`,
      closeHref: basePath,
      onChanged: () => void refetch(),
    }),
    [ids, basePath, refetch],
  );
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = pages;
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  return (
    <AssetSequenceContext.Provider value={sequence}>
      <ShareGrid
        testId={testId}
        items={items}
        hrefFor={(asset) => `${basePath}/photos/${asset}`}
        selected={NO_SELECTION}
        selectable={false}
        hasMore={!!hasNextPage}
        loadingMore={isFetchingNextPage}
        onLoadMore={loadMore}
        onOpen={(asset) => navigate(`${basePath}/photos/${asset}`)}
        onToggle={() => undefined}
      />
      <Outlet />
    </AssetSequenceContext.Provider>
  );
}
