/** The clean page of a link that cannot be shown: unknown, revoked, expired, used up, removed. */
import { Box, Stack, Typography } from "@mui/material";
import LinkOffIcon from "@mui/icons-material/LinkOff";
import { useTranslation } from "react-i18next";
import type { ShellState } from "./shell";

const KEYS: Record<string, string> = {
  share_not_found: "notFound",
  share_revoked: "revoked",
  share_expired: "expired",
  share_view_limit: "viewLimit",
  share_unavailable: "unavailable",
};

export function EndedPage({ reason }: { reason: ShellState | "error" }) {
  const { t } = useTranslation("share");
  const key = KEYS[reason] ?? "error";
  return (
    <Box
      component="main"
      data-testid="share-ended"
      data-reason={reason}
      sx={{ minHeight: "100dvh", display: "flex", alignItems: "center", justifyContent: "center", p: 3 }}
    >
      <Stack spacing={2} sx={{ alignItems: "center", textAlign: "center", maxWidth: 440 }}>
        <LinkOffIcon sx={{ fontSize: 56, color: "text.secondary" }} />
        <Typography variant="h5" component="h1">
          {t(`ended.${key}Title`)}
        </Typography>
        <Typography color="text.secondary">{t(`ended.${key}`)}</Typography>
        <Typography variant="caption" color="text.secondary" sx={{ pt: 4 }}>
          {t("footer")}
        </Typography>
      </Stack>
    </Box>
  );
}
