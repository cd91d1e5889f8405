/**
 * The share dialog (from the selection bar, an album or the viewer; "edit" in My links):
 * expiry preset, optional password, allow download, show location, max views; then the link
 * with a copy button and a QR code. Several items are shared as a new album of them.
 */
import { useState } from "react";
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  MenuItem,
  Stack,
  Switch,
  TextField,
} from "@mui/material";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useToast } from "../../components/toasts";
import { createAlbumOf, createShare, SHARES_KEY, updateShare, type OwnerShare } from "./api";
import { expiresAt, localDateInput, PRESETS, type ExpiryPreset } from "./expiry";
import { LinkBox } from "./LinkBox";

export type ShareTarget = { assetIds: string[] } | { albumId: string } | { existing: OwnerShare };

interface Props {
  target: ShareTarget;
  onClose(): void;
}

export function ShareDialog({ target, onClose }: Props) {
  const { t, i18n } = useTranslation("shares");
  const toast = useToast();
  const queryClient = useQueryClient();
  const existing = "existing" in target ? target.existing : null;
  const [preset, setPreset] = useState<ExpiryPreset | "keep">(existing ? "keep" : "7d");
  const [date, setDate] = useState(localDateInput(new Date(), 14));
  const [password, setPassword] = useState("");
  const [allowDownload, setAllowDownload] = useState(existing?.allow_download ?? true);
  const [showLocation, setShowLocation] = useState(existing?.show_location ?? false);
  const [maxViews, setMaxViews] = useState(existing?.max_views ? String(existing.max_views) : "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<OwnerShare | null>(null);

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const views = maxViews.trim() ? Number.parseInt(maxViews, 10) : null;
      const fields = {
        allow_download: allowDownload,
        show_location: showLocation,
        max_views: views && views > 0 ? views : null,
        ...(password ? { password } : {}),
        ...(preset !== "keep" ? { expires_at: expiresAt(preset, new Date(), date) } : {}),
      };
      let share: OwnerShare;
      if ("existing" in target) {
        share = await updateShare(target.existing.token, fields);
      } else if ("albumId" in target) {
        share = await createShare({ album_id: target.albumId, ...fields });
      } else if (target.assetIds.length === 1) {
        share = await createShare({ asset_id: target.assetIds[0], ...fields });
      } else {
        const day = new Intl.DateTimeFormat(i18n.resolvedLanguage, { dateStyle: "medium" }).format(new Date());
        const albumId = await createAlbumOf(t("dialog.albumTitle", { date: day }), target.assetIds);
        share = await createShare({ album_id: albumId, ...fields });
      }
      await queryClient.invalidateQueries({ queryKey: SHARES_KEY });
      if (existing) {
        toast.show(t("dialog.saved"), { severity: "success" });
        onClose();
      } else {
        setCreated(share);
      }
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : t("errors.generic", { ns: "common" }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="xs" data-testid="share-dialog">
      <DialogTitle>{existing ? t("dialog.editTitle") : t("dialog.title")}</DialogTitle>
      <DialogContent>
        {created ? (
          <LinkBox url={created.url} />
        ) : (
          <Stack spacing={2} sx={{ pt: 1 }}>
            <TextField
              select
              label={t("dialog.expiry")}
              value={preset}
              onChange={(event) => setPreset(event.target.value as ExpiryPreset | "keep")}
              slotProps={{ htmlInput: { "data-testid": "share-expiry" } }}
            >
              {existing && <MenuItem value="keep">{t("dialog.presets.keep")}</MenuItem>}
              {PRESETS.map((value) => (
                <MenuItem key={value} value={value}>
                  {t(`dialog.presets.${value}`)}
                </MenuItem>
              ))}
            </TextField>
            {preset === "date" && (
              <TextField
                type="date"
                label={t("dialog.date")}
                value={date}
                onChange={(event) => setDate(event.target.value)}
                slotProps={{ inputLabel: { shrink: true }, htmlInput: { min: localDateInput(new Date(), 1) } }}
              />
            )}
            <TextField
              type="password"
              name="share_password"
              label={existing?.has_password ? t("dialog.newPassword") : t("dialog.password")}
              helperText={t("dialog.passwordHelp")}
              value={password}
              autoComplete="new-password"
              onChange={(event) => setPassword(event.target.value)}
              slotProps={{ htmlInput: { "data-testid": "share-dialog-password" } }}
            />
            <FormControlLabel
              control={<Switch checked={allowDownload} onChange={(_e, on) => setAllowDownload(on)} />}
              label={t("dialog.allowDownload")}
            />
            <FormControlLabel
              control={<Switch checked={showLocation} onChange={(_e, on) => setShowLocation(on)} />}
              label={t("dialog.showLocation")}
            />
            <TextField
              type="number"
              label={t("dialog.maxViews")}
              helperText={t("dialog.maxViewsHelp")}
              value={maxViews}
              onChange={(event) => setMaxViews(event.target.value)}
              slotProps={{ htmlInput: { min: 1, step: 1 } }}
            />
            {error && <Alert severity="error">{error}</Alert>}
          </Stack>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{created ? t("close", { ns: "common" }) : t("cancel", { ns: "common" })}</Button>
        {!created && (
          <Button variant="contained" onClick={() => void submit()} disabled={busy} data-testid="share-create">
            {existing ? t("save", { ns: "common" }) : t("dialog.create")}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
