/** Albums (`/albums`): cards with cover, title and count; create a new one. */
import { useState } from "react";
import { Alert, Box, Button, Card, CardActionArea, CardContent, CircularProgress, Typography } from "@mui/material";
import Add from "@mui/icons-material/Add";
import PhotoAlbumOutlined from "@mui/icons-material/PhotoAlbumOutlined";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link as RouterLink, useNavigate } from "react-router";
import { ALBUMS_KEY, createAlbum, listAlbums } from "./api";
import { AlbumFormDialog } from "./AlbumFormDialog";

export default function AlbumsPage() {
  const { t } = useTranslation("albums");
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const albums = useQuery({ queryKey: ALBUMS_KEY, queryFn: listAlbums });
  const [creating, setCreating] = useState(false);

  return (
    <Box component="section" sx={{ p: { xs: 2, sm: 3 } }}>
      <Box sx={{ display: "flex", alignItems: "center", justifyContent: "space-between", mb: 2 }}>
        <Typography variant="h5" component="h1">
          {t("title")}
        </Typography>
        <Button variant="contained" startIcon={<Add />} onClick={() => setCreating(true)} data-testid="album-create">
          {t("create")}
        </Button>
      </Box>
      {albums.isPending && <CircularProgress aria-label={t("loading", { ns: "common" })} />}
      {albums.isError && <Alert severity="error">{t("loadError")}</Alert>}
      {albums.data?.length === 0 && <Typography color="text.secondary">{t("empty")}</Typography>}
      <Box
        sx={{ display: "grid", gap: 2, gridTemplateColumns: "repeat(auto-fill, minmax(min(100%, 200px), 1fr))" }}
      >
        {albums.data?.map((album) => (
          <Card key={album.id} data-testid="album-card" data-album-id={album.id}>
            <CardActionArea component={RouterLink} to={`/albums/${album.id}`}>
              <Box sx={{ aspectRatio: "4 / 3", bgcolor: "action.hover", display: "grid", placeItems: "center" }}>
                {album.cover_thumb_url ? (
                  <Box component="img" src={album.cover_thumb_url} alt="" sx={{ width: 1, height: 1, objectFit: "cover" }} />
                ) : (
                  <PhotoAlbumOutlined sx={{ fontSize: 48, color: "text.secondary" }} />
                )}
              </Box>
              <CardContent>
                <Typography noWrap sx={{ fontWeight: 600 }}>
                  {album.title}
                </Typography>
                <Typography variant="body2" color="text.secondary">
                  {t("count", { count: album.asset_count })}
                </Typography>
              </CardContent>
            </CardActionArea>
          </Card>
        ))}
      </Box>
      {creating && (
        <AlbumFormDialog
          onClose={() => setCreating(false)}
          onSave={async (title, description) => {
            const album = await createAlbum(title, description);
            await queryClient.invalidateQueries({ queryKey: ALBUMS_KEY });
            navigate(`/albums/${album.id}`);
          }}
        />
      )}
    </Box>
  );
}
