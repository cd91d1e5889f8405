/** Tag the selection: names with autocomplete from my tags; new names create tags. */
import { useState } from "react";
import { Alert, Autocomplete, Button, Chip, Dialog, DialogActions, DialogContent, DialogTitle, TextField } from "@mui/material";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useToast } from "../../components/toasts";
import { attachTags, listTags, TAGS_KEY } from "./api";

export function TagDialog({ assetIds, onClose }: { assetIds: string[]; onClose(): void }) {
  const { t } = useTranslation("tags");
  const toast = useToast();
  const queryClient = useQueryClient();
  const tags = useQuery({ queryKey: TAGS_KEY, queryFn: listTags });
  const [names, setNames] = useState<string[]>([]);
  const [input, setInput] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const chosen = [...names, ...(input.trim() ? [input.trim()] : [])];

  const save = async () => {
    setBusy(true);
    try {
      await attachTags(assetIds, chosen);
      await queryClient.invalidateQueries({ queryKey: TAGS_KEY });
      toast.show(t("tagged", { count: assetIds.length }), { severity: "success" });
      onClose();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
      setBusy(false);
    }
  };

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="xs" data-testid="tag-dialog">
      <DialogTitle>{t("dialogTitle", { count: assetIds.length })}</DialogTitle>
      <DialogContent>
        <Autocomplete
          multiple
          freeSolo
          autoHighlight
          options={(tags.data ?? []).map((tag) => tag.name)}
          value={names}
          onChange={(_event, next) => setNames(next.map((name) => name.trim()).filter(Boolean))}
          inputValue={input}
          onInputChange={(_event, next) => setInput(next)}
          renderValue={(values, getItemProps) =>
            values.map((name, index) => {
              const { key, ...rest } = getItemProps({ index });
              return <Chip key={key} label={name} size="small" {...rest} />;
            })
          }
          renderInput={(params) => (
            <TextField
              {...params}
              autoFocus
              label={t("names")}
              helperText={t("namesHelp")}
              sx={{ mt: 1 }}
              slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, "data-testid": "tag-input" } }}
            />
          )}
        />
        {error && <Alert severity="error" sx={{ mt: 2 }}>{error}</Alert>}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t("cancel", { ns: "common" })}</Button>
        <Button variant="contained" disabled={busy || chosen.length === 0} onClick={() => void save()} data-testid="tag-save">
          {t("apply")}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
