import { Alert, Box, Skeleton, Typography } from "@mui/material";
import { useTranslation } from "react-i18next";
import { currentLanguage } from "../auth/locale";
import { isUnavailable } from "./api";
import { formatBytes, formatCount } from "./format";
import { useStats } from "./hooks";
import { Section } from "./Section";

/** GET /stats: what the library holds and the space it takes. */
export function StorageSection() {
  const { t } = useTranslation("settings");
  const stats = useStats();
  const language = currentLanguage();
  let body;
  if (stats.isPending) {
    body = <Skeleton variant="rounded" height={96} aria-label={t("common:loading")} />;
  } else if (stats.isError) {
    body = (
      <Alert severity={isUnavailable(stats.error) ? "info" : "error"}>
        {isUnavailable(stats.error) ? t("unavailable") : stats.error.message}
      </Alert>
    );
  } else {
    const s = stats.data;
    const rows: [string, string][] = [
      [t("storage.photos"), formatCount(s.photos, language)],
      [t("storage.videos"), formatCount(s.videos, language)],
      [t("storage.originals"), formatBytes(s.bytes_original, language)],
      [t("storage.derived"), formatBytes(s.bytes_derived, language)],
      [t("storage.total"), formatBytes(s.bytes_original + s.bytes_derived, language)],
      [t("storage.trash"), formatCount(s.trash_count, language)],
      [t("storage.failed"), formatCount(s.failed, language)],
    ];
    body = (
      <Box
        component="dl"
        sx={{ display: "grid", gridTemplateColumns: "max-content auto", columnGap: 3, rowGap: 1, m: 0 }}
      >
        {rows.map(([label, value]) => (
          <Box key={label} sx={{ display: "contents" }}>
            <Typography component="dt" color="text.secondary">
              {label}
            </Typography>
            <Typography component="dd" sx={{ m: 0, fontVariantNumeric: "tabular-nums" }}>
              {value}
            </Typography>
          </Box>
        ))}
      </Box>
    );
  }
  return (
    <Section id="settings-storage" title={t("storage.title")}>
      {body}
    </Section>
  );
}
