/** The `?` dialog listing the viewer's keyboard shortcuts. */
import {
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Typography,
} from "@mui/material";
import { useTranslation } from "react-i18next";
import { SHORTCUTS } from "./keys";

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t } = useTranslation("viewer");
  return (
    <Dialog open={open} onClose={onClose} aria-labelledby="viewer-shortcuts-title" maxWidth="xs" fullWidth>
      <DialogTitle id="viewer-shortcuts-title">{t("shortcuts.title")}</DialogTitle>
      <DialogContent data-testid="viewer-shortcuts">
        <Box
          component="dl"
          sx={{ display: "grid", gridTemplateColumns: "auto 1fr", columnGap: 2, rowGap: 1, m: 0 }}
        >
          {SHORTCUTS.map(({ keys, action }) => (
            <Box key={action} sx={{ display: "contents" }}>
              <Box component="dt" sx={{ display: "flex", gap: 0.5, alignItems: "flex-start" }}>
                {keys.map((key) => (
                  <Box
                    component="kbd"
                    key={key}
                    sx={{
                      px: 0.75,
                      minWidth: 24,
                      lineHeight: 1.6,
                      textAlign: "center",
                      border: 1,
                      borderColor: "divider",
                      borderRadius: 1,
                      fontFamily: "inherit",
                      fontSize: "0.85rem",
                    }}
                  >
                    {key}
                  </Box>
                ))}
              </Box>
              <Typography component="dd" variant="body2" sx={{ m: 0 }}>
                {t(`shortcuts.${action}`)}
              </Typography>
            </Box>
          ))}
        </Box>
        <Typography variant="body2" color="text.secondary" sx={{ mt: 2 }}>
          {t("shortcuts.mouse")}
        </Typography>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>
          {t("close", { ns: "common" })}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
