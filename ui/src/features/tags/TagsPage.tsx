/** Tags (`/tags`): my tags with counts; rename, delete; open one to see its photos. */
import { useState } from "react";
import {
  Alert,
  Box,
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  IconButton,
  List,
  ListItem,
  ListItemButton,
  ListItemText,
  Stack,
  TextField,
  Tooltip,
  Typography,
} from "@mui/material";
import DeleteOutlined from "@mui/icons-material/DeleteOutlined";
import EditOutlined from "@mui/icons-material/EditOutlined";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link as RouterLink } from "react-router";
import { useToast } from "../../components/toasts";
import { ConfirmDialog } from "../trash/ConfirmDialog";
import { deleteTag, listTags, renameTag, TAGS_KEY, type Tag } from "./api";

export default function TagsPage() {
  const { t } = useTranslation("tags");
  const toast = useToast();
  const queryClient = useQueryClient();
  const tags = useQuery({ queryKey: TAGS_KEY, queryFn: listTags });
  const [renaming, setRenaming] = useState<Tag | null>(null);
  const [name, setName] = useState("");
  const [deleting, setDeleting] = useState<Tag | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: TAGS_KEY });

  return (
    <Box component="section" sx={{ p: { xs: 2, sm: 3 }, maxWidth: 720 }}>
      <Typography variant="h5" component="h1" sx={{ mb: 2 }}>
        {t("title")}
      </Typography>
      {tags.isPending && <CircularProgress aria-label={t("loading", { ns: "common" })} />}
      {tags.isError && <Alert severity="error">{t("loadError")}</Alert>}
      {tags.data?.length === 0 && <Typography color="text.secondary">{t("empty")}</Typography>}
      <List data-testid="tag-list">
        {tags.data?.map((tag) => (
          <ListItem
            key={tag.id}
            disablePadding
            divider
            data-testid="tag-row"
            secondaryAction={
              <Stack direction="row">
                <Tooltip title={t("rename")}>
                  <IconButton aria-label={t("rename")} onClick={() => (setRenaming(tag), setName(tag.name))}>
                    <EditOutlined />
                  </IconButton>
                </Tooltip>
                <Tooltip title={t("delete")}>
                  <IconButton aria-label={t("delete")} onClick={() => setDeleting(tag)}>
                    <DeleteOutlined />
                  </IconButton>
                </Tooltip>
              </Stack>
            }
          >
            <ListItemButton component={RouterLink} to={`/tags/${tag.id}`}>
              <ListItemText primary={tag.name} secondary={t("count", { count: tag.asset_count })} />
            </ListItemButton>
          </ListItem>
        ))}
      </List>
      <Dialog open={!!renaming} onClose={() => setRenaming(null)} fullWidth maxWidth="xs">
        <DialogTitle>{t("rename")}</DialogTitle>
        <DialogContent>
          <TextField autoFocus fullWidth label={t("name")} value={name} onChange={(e) => setName(e.target.value)} sx={{ mt: 1 }} />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setRenaming(null)}>{t("cancel", { ns: "common" })}</Button>
          <Button
            variant="contained"
            disabled={!name.trim()}
            onClick={() =>
              renaming &&
              void renameTag(renaming.id, name.trim())
                .then(() => (setRenaming(null), refresh()))
                .catch((error) => toast.error(error))
            }
          >
            {t("save", { ns: "common" })}
          </Button>
        </DialogActions>
      </Dialog>
      <ConfirmDialog
        open={!!deleting}
        title={t("deleteTitle", { name: deleting?.name ?? "" })}
        body={t("deleteBody")}
        confirmLabel={t("delete")}
        onClose={() => setDeleting(null)}
        onConfirm={() =>
          deleting &&
          void deleteTag(deleting.id)
            .then(() => (setDeleting(null), refresh()))
            .catch((error) => toast.error(error))
        }
      />
    </Box>
  );
}
