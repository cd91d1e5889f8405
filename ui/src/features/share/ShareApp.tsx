/**
 * The friend's page at `/s/:token`: the shell's state first (locked links show the password
 * form and fetch nothing), then the link, then its content; clean pages for ended links.
 */
import { useState } from "react";
import { Box, CircularProgress } from "@mui/material";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/http";
import { unlockShare } from "./api";
import { EndedPage } from "./EndedPage";
import { useShare } from "./hooks";
import { PasswordForm } from "./PasswordForm";
import { SharePage } from "./SharePage";
import { endedReason, type ShellState } from "./shell";

export function ShareApp({ token, shell }: { token: string; shell: ShellState }) {
  const { t } = useTranslation();
  const [unlocked, setUnlocked] = useState(false);
  const ended = shell !== "open" && shell !== "locked";
  const share = useShare(token, !ended && (shell === "open" || unlocked));

  if (ended) return <EndedPage reason={shell} />;
  const error = share.error;
  const needsPassword =
    (shell === "locked" && !unlocked) ||
    (error instanceof ApiError && error.status === 401 && !unlocked);
  if (needsPassword) {
    return (
      <PasswordForm
        unlock={(password) => unlockShare(token, password)}
        onUnlocked={() => setUnlocked(true)}
      />
    );
  }
  if (error) {
    const reason = error instanceof ApiError ? endedReason(error.code, error.status) : null;
    return <EndedPage reason={reason ?? "error"} />;
  }
  if (!share.data) {
    return (
      <Box sx={{ minHeight: "100dvh", display: "grid", placeItems: "center" }}>
        <CircularProgress aria-label={t("loading")} />
      </Box>
    );
  }
  return <SharePage token={token} share={share.data} />;
}
