/** Unfinished uploads from an earlier page: pick the same files again to continue, or discard them. */
import { Alert, AlertTitle, Box, Button } from "@mui/material";
import { useTranslation } from "react-i18next";
import type { PendingResume } from "../model";
import { formatBytes } from "./format";

const NAMES_SHOWN = 3;

export interface ResumeBannerProps {
  pending: readonly PendingResume[];
  onPick(): void;
  /** Offered too when some of the files came from a folder pick or drop. */
  onPickFolder(): void;
  onDiscard(): void;
}

export function ResumeBanner({ pending, onPick, onPickFolder, onDiscard }: ResumeBannerProps) {
  const { t, i18n } = useTranslation("upload");
  const locale = i18n.resolvedLanguage ?? "en";
  const remaining = pending.reduce((sum, each) => sum + Math.max(0, each.size - (Number.isFinite(each.bytesDone) ? each.bytesDone : 0)), 0);
  const names = pending.slice(0, NAMES_SHOWN).map((each) => each.name);
  const more = pending.length - names.length;
  const fromFolder = pending.some((each) => each.relativePath.includes("/"));
  return (
    <Alert
      severity="info"
      data-testid="upload-resume-banner"
      data-count={pending.length}
      sx={{ mx: 1.5, my: 1, "& .MuiAlert-message": { minWidth: 0, flex: 1 } }}
    >
      <AlertTitle sx={{ mb: 0.25 }}>{t("resume.title", { count: pending.length })}</AlertTitle>
      {t("resume.body", { size: formatBytes(remaining, locale) })}
      <Box component="span" sx={{ display: "block", color: "text.secondary", overflowWrap: "anywhere", mt: 0.5 }}>
        {more > 0 ? t("resume.namesMore", { names: names.join(", "), count: more }) : names.join(", ")}
      </Box>
      <Box sx={{ display: "flex", gap: 1, mt: 1, flexWrap: "wrap" }}>
        <Button size="small" variant="contained" onClick={onPick} data-testid="upload-resume-pick">
          {t("resume.pick")}
        </Button>
        {fromFolder && (
          <Button size="small" variant="outlined" onClick={onPickFolder} data-testid="upload-resume-pick-folder">
            {t("resume.pickFolder")}
          </Button>
        )}
        <Button size="small" color="inherit" onClick={onDiscard} data-testid="upload-resume-discard">
          {t("resume.discard")}
        </Button>
      </Box>
    </Alert>
  );
}
