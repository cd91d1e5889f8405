/** Asks before an asset in the trash is deleted for good. */
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
} from "@mui/material";
import { useTranslation } from "react-i18next";

interface Props {
  open: boolean;
  name: string;
  onCancel(): void;
  onConfirm(): void;
}

export function ConfirmPurgeDialog({ open, name, onCancel, onConfirm }: Props) {
  const { t } = useTranslation("viewer");
  return (
    <Dialog open={open} onClose={onCancel} aria-labelledby="viewer-purge-title" maxWidth="xs">
      <DialogTitle id="viewer-purge-title">{t("confirmPurge.title")}</DialogTitle>
      <DialogContent>
        <DialogContentText>{t("confirmPurge.body", { name })}</DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel} autoFocus>
          {t("cancel", { ns: "common" })}
        </Button>
        <Button color="error" variant="contained" onClick={onConfirm} data-testid="viewer-purge-confirm">
          {t("confirmPurge.confirm")}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
