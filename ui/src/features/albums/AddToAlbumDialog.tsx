/** "Add to album": pick an album, or type a new title to create one. */
import { useState } from "react";
import { Alert, Autocomplete, Button, Dialog, DialogActions, DialogContent, DialogTitle, TextField } from "@mui/material";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useToast } from "../../components/toasts";
import { addToAlbum, ALBUMS_KEY, createAlbum, listAlbums, type Album } from "./api";

interface Props {
  assetIds: string[];
  onDone(): void;
  onClose(): void;
}

export function AddToAlbumDialog({ assetIds, onDone, onClose }: Props) {
  const { t } = useTranslation("albums");
  const toast = useToast();
  const queryClient = useQueryClient();
  const albums = useQuery({ queryKey: ALBUMS_KEY, queryFn: listAlbums });
  const [value, setValue] = useState<Album | string | null>(null);
  const [input, setInput] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const add = async () => {
    const chosen = value ?? input.trim();
    if (!chosen) return;
    setBusy(true);
    try {
      const album = typeof chosen === "string" ? await createAlbum(chosen) : chosen;
      await addToAlbum(album.id, assetIds);
      await queryClient.invalidateQueries({ queryKey: ALBUMS_KEY });
      toast.show(t("added", { count: assetIds.length, title: album.title }), { severity: "success" });
      onDone();
      onClose();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
      setBusy(false);
    }
  };

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="xs" data-testid="add-to-album-dialog">
      <DialogTitle>{t("addTitle", { count: assetIds.length })}</DialogTitle>
      <DialogContent>
        <Autocomplete
          freeSolo
          autoHighlight
          options={albums.data ?? []}
          loading={albums.isPending}
          getOptionLabel={(option) => (typeof option === "string" ? option : option.title)}
          value={value}
          onChange={(_event, next) => setValue(next)}
          inputValue={input}
          onInputChange={(_event, next) => setInput(next)}
          renderInput={(params) => (
            <TextField
              {...params}
              autoFocus
              label={t("pickOrCreate")}
              helperText={t("pickOrCreateHelp")}
              sx={{ mt: 1 }}
              slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, "data-testid": "album-picker" } }}
            />
          )}
        />
        {error && <Alert severity="error" sx={{ mt: 2 }}>{error}</Alert>}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t("cancel", { ns: "common" })}</Button>
        <Button variant="contained" disabled={busy || (!value && !input.trim())} onClick={() => void add()} data-testid="album-add">
          {t("add")}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
