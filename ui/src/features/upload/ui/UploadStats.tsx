/** The panel's totals: how many files are in each state, bytes sent, speed and time left. */
import { Box, Typography } from "@mui/material";
import { useTranslation } from "react-i18next";
import type { UploadTotals } from "../model";
import { formatBytes, formatCount, formatDuration } from "./format";

const STATS = ["queued", "hashing", "uploading", "done", "duplicates", "failed", "cancelled"] as const;

export function UploadStats({ totals, active }: { totals: UploadTotals; active: boolean }) {
  const { t, i18n } = useTranslation("upload");
  const locale = i18n.resolvedLanguage ?? "en";
  // Bytes mean something once bytes move: not for a batch of duplicates and refusals.
  const moved = active || totals.done > 0;
  const transfer = [
    moved && t("bytes", { sent: formatBytes(totals.bytesSent, locale), total: formatBytes(totals.bytesTotal, locale) }),
    active && totals.bytesPerSecond > 0 ? t("speed", { size: formatBytes(totals.bytesPerSecond, locale) }) : "",
    active && totals.etaSeconds !== null ? t("eta", { time: formatDuration(totals.etaSeconds, locale) }) : "",
  ].filter(Boolean);
  return (
    <Box sx={{ px: 2, pt: 1, pb: 1 }}>
      <Box
        component="dl"
        sx={{ m: 0, display: "grid", gridTemplateColumns: "repeat(3, minmax(0, 1fr))", columnGap: 1, rowGap: 0.5 }}
      >
        {STATS.map((stat) => {
          const value = totals[stat];
          if (stat === "cancelled" && value === 0) return null;
          const tone = stat === "failed" && value > 0 ? "error.main" : value > 0 ? "text.primary" : "text.disabled";
          return (
            <Box key={stat} data-stat={stat} sx={{ display: "flex", gap: 0.75, alignItems: "baseline", minWidth: 0 }}>
              <Typography component="dt" variant="caption" noWrap sx={{ color: tone }}>
                {t(`stats.${stat}`)}
              </Typography>
              <Typography component="dd" variant="body2" sx={{ m: 0, fontWeight: 600, color: tone }}>
                {formatCount(value, locale)}
              </Typography>
            </Box>
          );
        })}
      </Box>
      {transfer.length > 0 && (
        <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 0.75 }} data-testid="upload-transfer">
          {transfer.join(" · ")}
        </Typography>
      )}
    </Box>
  );
}
