/** Create an album, or rename and describe one. */
import { useState } from "react";
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField } from "@mui/material";
import { useTranslation } from "react-i18next";

interface Props {
  initial?: { title: string; description: string };
  onSave(title: string, description: string): Promise<unknown>;
  onClose(): void;
}

export function AlbumFormDialog({ initial, onSave, onClose }: Props) {
  const { t } = useTranslation("albums");
  const [title, setTitle] = useState(initial?.title ?? "");
  const [description, setDescription] = useState(initial?.description ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    setBusy(true);
    try {
      await onSave(title.trim(), description);
      onClose();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
      setBusy(false);
    }
  };
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="xs">
      <DialogTitle>{initial ? t("edit") : t("create")}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <TextField
            autoFocus
            name="title"
            label={t("titleField")}
            value={title}
            onChange={(event) => setTitle(event.target.value)}
            slotProps={{ htmlInput: { maxLength: 200, "data-testid": "album-title-input" } }}
          />
          <TextField
            name="description"
            label={t("descriptionField")}
            value={description}
            multiline
            minRows={2}
            onChange={(event) => setDescription(event.target.value)}
          />
          {error && <Alert severity="error">{error}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t("cancel", { ns: "common" })}</Button>
        <Button variant="contained" disabled={busy || !title.trim()} onClick={() => void save()} data-testid="album-save">
          {t("save", { ns: "common" })}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
