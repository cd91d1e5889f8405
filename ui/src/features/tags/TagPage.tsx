/** One tag (`/tags/:id`): the library filtered by it, with the viewer over the grid. */
import { Box, CircularProgress, Typography } from "@mui/material";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { listTags, taggedAssets, TAGS_KEY } from "./api";
import { FilteredGrid } from "./FilteredGrid";

export default function TagPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation("tags");
  const tags = useQuery({ queryKey: TAGS_KEY, queryFn: listTags });
  const tag = tags.data?.find((item) => item.id === id);

  if (tags.isPending) return <CircularProgress sx={{ m: 3 }} aria-label={t("loading", { ns: "common" })} />;
  if (!tag) return <Typography sx={{ m: 3 }}>{t("notFound")}</Typography>;
  return (
    <Box component="section" sx={{ p: { xs: 1, sm: 2 }, overflow: "auto", flex: 1 }}>
      <Typography variant="h5" component="h1" data-testid="tag-title">
        {tag.name}
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        {t("count", { count: tag.asset_count })}
      </Typography>
      <FilteredGrid
        queryKey={["assets", "list", "tag", tag.name]}
        fetchPage={(cursor) => taggedAssets(tag.name, cursor)}
        basePath={`/tags/${id}`}
        testId="tag-grid"
      />
    </Box>
  );
}
