/** Favourites (`/favorites`): the library filtered to favourites, with the viewer over it. */
import { Box, Typography } from "@mui/material";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { FilteredGrid } from "../tags/FilteredGrid";

function favouritesPage(cursor: string | null) {
  const query = { favorite: true, limit: 200, ...(cursor ? { cursor } : {}) };
  return unwrap(api.GET("/api/v1/assets", { params: { query } }));
}

export default function FavoritesPage() {
  const { t } = useTranslation("favorites");
  return (
    <Box component="section" sx={{ p: { xs: 1, sm: 2 }, overflow: "auto", flex: 1 }}>
      <Typography variant="h5" component="h1" sx={{ mb: 2 }}>
        {t("title")}
      </Typography>
      <FilteredGrid
        queryKey={["assets", "list", "favorite"]}
        fetchPage={favouritesPage}
        basePath="/favorites"
        testId="favorites-grid"
      />
    </Box>
  );
}
