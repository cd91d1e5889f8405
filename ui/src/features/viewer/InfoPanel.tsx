/** The info panel: when and where, camera, dimensions, size and file name of one asset. */
import type { ReactNode } from "react";
import { Box, IconButton, Link, Paper, Stack, Tooltip, Typography } from "@mui/material";
import CloseIcon from "@mui/icons-material/Close";
import { useTranslation } from "react-i18next";
import type { ViewerAsset } from "./api";
import {
  formatBytes,
  formatCamera,
  formatCapturedAt,
  formatCoordinates,
  formatDimensions,
  formatDuration,
  formatMegapixels,
  hasPlace,
  osmLink,
} from "./format";

interface Props {
  asset: ViewerAsset;
  onClose(): void;
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box component="div" sx={{ py: 1 }}>
      <Typography component="dt" variant="caption" color="text.secondary">
        {label}
      </Typography>
      <Typography component="dd" variant="body2" sx={{ m: 0, overflowWrap: "anywhere" }}>
        {children}
      </Typography>
    </Box>
  );
}

export function InfoPanel({ asset, onClose }: Props) {
  const { t, i18n } = useTranslation("viewer");
  const locale = i18n.resolvedLanguage ?? i18n.language ?? "en";
  const taken = formatCapturedAt(asset.captured_at, asset.captured_offset_minutes, locale);
  const camera = formatCamera(asset.camera_make, asset.camera_model);
  const dimensions = formatDimensions(asset.width, asset.height, locale);
  const megapixels = formatMegapixels(asset.width, asset.height, locale);
  const duration = asset.type === "video" ? formatDuration(asset.duration_ms) : null;
  const place = hasPlace(asset.gps_lat, asset.gps_lon);
  // null: the server knows no offset was recorded; absent: it does not say (older servers).
  const offset =
    taken?.offset ?? (asset.captured_offset_minutes === null ? t("panel.offsetUnknown") : null);

  return (
    <Paper
      component="aside"
      square
      elevation={0}
      data-testid="viewer-info"
      aria-label={t("panel.title")}
      sx={{
        position: "relative",
        zIndex: 2,
        width: { xs: "100%", md: 340 },
        height: { xs: "auto", md: "100%" },
        maxHeight: { xs: "50%", md: "none" },
        flexShrink: 0,
        overflowY: "auto",
        overscrollBehavior: "contain",
        borderLeft: { xs: 0, md: 1 },
        borderTop: { xs: 1, md: 0 },
        borderColor: "divider",
        px: 2.5,
        pb: 2,
      }}
    >
      <Stack direction="row" sx={{ alignItems: "center", justifyContent: "space-between", py: 1 }}>
        <Typography variant="h6" component="h2">
          {t("panel.title")}
        </Typography>
        <Tooltip title={t("panel.close")}>
          <IconButton onClick={onClose} aria-label={t("panel.close")} edge="end">
            <CloseIcon />
          </IconButton>
        </Tooltip>
      </Stack>
      <Box component="dl" sx={{ m: 0 }}>
        {taken && (
          <Row label={t("panel.taken")}>
            {taken.dateTime}
            {offset && (
              <Typography component="span" variant="body2" color="text.secondary">
                {" · "}
                {offset}
              </Typography>
            )}
          </Row>
        )}
        {camera && <Row label={t("panel.camera")}>{camera}</Row>}
        {dimensions && (
          <Row label={t("panel.dimensions")}>
            {dimensions}
            {megapixels && asset.type !== "video" && (
              <Typography component="span" variant="body2" color="text.secondary">
                {" · "}
                {t("panel.megapixels", { value: megapixels })}
              </Typography>
            )}
          </Row>
        )}
        {duration && <Row label={t("panel.duration")}>{duration}</Row>}
        <Row label={t("panel.size")}>{formatBytes(asset.size_bytes, locale)}</Row>
        <Row label={t("panel.filename")}>{asset.original_filename}</Row>
        <Row label={t("panel.type")}>{asset.content_type}</Row>
        {asset.description && <Row label={t("panel.description")}>{asset.description}</Row>}
        {place && (
          <Row label={t("panel.place")}>
            {formatCoordinates(asset.gps_lat!, asset.gps_lon!, locale)}
            <br />
            <Link
              href={osmLink(asset.gps_lat!, asset.gps_lon!)}
              target="_blank"
              rel="noopener noreferrer"
              data-testid="viewer-map-link"
            >
              {t("panel.openMap")}
            </Link>
          </Row>
        )}
      </Box>
    </Paper>
  );
}
