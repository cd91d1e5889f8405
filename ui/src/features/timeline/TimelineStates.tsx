/** The timeline's loading, error and empty states. */
import { Box, Button, CircularProgress, Typography } from "@mui/material";
import PhotoLibraryOutlined from "@mui/icons-material/PhotoLibraryOutlined";
import CloudUploadOutlined from "@mui/icons-material/CloudUploadOutlined";
import DriveFolderUploadOutlined from "@mui/icons-material/DriveFolderUploadOutlined";
import { useTranslation } from "react-i18next";
import { useUploadIfAvailable } from "../upload/ui";

export function TimelineLoading() {
  const { t } = useTranslation();
  return (
    <Box sx={{ flex: 1, display: "flex", alignItems: "center", justifyContent: "center" }}>
      <CircularProgress aria-label={t("loading")} />
    </Box>
  );
}

export function TimelineError({ error, onRetry }: { error: unknown; onRetry(): void }) {
  const { t } = useTranslation("timeline");
  const { t: tc } = useTranslation();
  return (
    <Box role="alert" sx={{ flex: 1, display: "flex", flexDirection: "column", alignItems: "center", justifyContent: "center", gap: 2 }}>
      <Typography>{t("loadError")}</Typography>
      {error instanceof Error && error.message && <Typography color="text.secondary">{error.message}</Typography>}
      <Button variant="contained" onClick={onRetry}>
        {tc("retry")}
      </Button>
    </Box>
  );
}

export function TimelineEmpty({ email }: { email?: string }) {
  const { t } = useTranslation("timeline");
  const upload = useUploadIfAvailable();
  return (
    <Box
      data-testid="timeline-empty"
      sx={{ flex: 1, display: "flex", flexDirection: "column", alignItems: "center", justifyContent: "center", gap: 2, p: 3, textAlign: "center" }}
    >
      <PhotoLibraryOutlined sx={{ fontSize: 72, color: "text.secondary" }} />
      <Typography variant="h5" component="h1">
        {t("emptyTitle")}
      </Typography>
      {upload && (
        <>
          <Typography color="text.secondary">{t("emptyBody")}</Typography>
          <Box sx={{ display: "flex", gap: 1, flexWrap: "wrap", justifyContent: "center" }}>
            <Button variant="contained" startIcon={<CloudUploadOutlined />} onClick={upload.openFilePicker}>
              {t("emptyUpload")}
            </Button>
            <Button variant="outlined" startIcon={<DriveFolderUploadOutlined />} onClick={upload.openFolderPicker}>
              {t("emptyUploadFolder")}
            </Button>
          </Box>
        </>
      )}
      <Typography variant="body2" color="text.secondary" sx={{ mt: upload ? 2 : 0 }}>
        {t("emptyHint")}
      </Typography>
      <Box
        component="code"
        sx={{ px: 2, py: 1, borderRadius: 1, bgcolor: "action.hover", fontFamily: "monospace", maxWidth: "100%", overflowX: "auto" }}
      >
        {t("emptyCommand", { email: email ?? "you@example.com" })}
      </Box>
    </Box>
  );
}
