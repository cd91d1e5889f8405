/** One tag (`/tags/:id`): the library filtered by it, with the viewer over the grid. */
import { useCallback, useMemo } from "react";
import { Box, CircularProgress, Typography } from "@mui/material";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Outlet, useNavigate, useParams } from "react-router";
import { ShareGrid } from "../share/ShareGrid";
import { AssetSequenceContext, type AssetSequence } from "../viewer/sequence";
import { listTags, taggedAssets, TAGS_KEY } from "./api";

const NO_SELECTION: ReadonlySet<string> = new Set();

export default function TagPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation("tags");
  const navigate = useNavigate();
  const tags = useQuery({ queryKey: TAGS_KEY, queryFn: listTags });
  const tag = tags.data?.find((item) => item.id === id);
  const pages = useInfiniteQuery({
    queryKey: ["assets", "list", "tag", tag?.name],
    queryFn: ({ pageParam }) => taggedAssets(tag!.name, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    enabled: !!tag,
  });
  const items = useMemo(() => pages.data?.pages.flatMap((page) => page.items) ?? [], [pages.data]);
  const ids = useMemo(() => items.map((item) => item.id), [items]);
  const sequence = useMemo<AssetSequence>(
    () => ({
      neighbours: (current) => {
        const index = ids.indexOf(current);
        return { prev: index > 0 ? ids[index - 1] : null, next: index >= 0 && index < ids.length - 1 ? ids[index + 1] : null };
      },
      hrefFor: (target) => `/tags/${id}/photos/${target}`,
      closeHref: `/tags/${id}`,
    }),
    [ids, id],
  );
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = pages;
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  if (tags.isPending) return <CircularProgress sx={{ m: 3 }} aria-label={t("loading", { ns: "common" })} />;
  if (!tag) return <Typography sx={{ m: 3 }}>{t("notFound")}</Typography>;
  return (
    <AssetSequenceContext.Provider value={sequence}>
      <Box component="section" sx={{ p: { xs: 1, sm: 2 }, overflow: "auto", flex: 1 }}>
        <Typography variant="h5" component="h1" data-testid="tag-title">
          {tag.name}
        </Typography>
        <Typography color="text.secondary" sx={{ mb: 2 }}>
          {t("count", { count: tag.asset_count })}
        </Typography>
        <ShareGrid
          testId="tag-grid"
          items={items}
          hrefFor={(asset) => `/tags/${id}/photos/${asset}`}
          selected={NO_SELECTION}
          selectable={false}
          hasMore={!!hasNextPage}
          loadingMore={isFetchingNextPage}
          onLoadMore={loadMore}
          onOpen={(asset) => navigate(`/tags/${id}/photos/${asset}`)}
          onToggle={() => undefined}
        />
      </Box>
      <Outlet />
    </AssetSequenceContext.Provider>
  );
}
