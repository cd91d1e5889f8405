import { Box, Button, CircularProgress, Typography } from "@mui/material";
import { useTranslation } from "react-i18next";

/** A centred spinner while the session or a page loads (never a blank screen). */
export function FullPageLoader() {
  const { t } = useTranslation();
  return (
    <Box sx={{ minHeight: "60dvh", display: "grid", placeItems: "center" }}>
      <CircularProgress aria-label={t("loading")} />
    </Box>
  );
}

/** A centred message with a retry button, for a failure that leaves nothing else to show. */
export function FullPageError({ message, onRetry }: { message: string; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Box role="alert" sx={{ minHeight: "60dvh", display: "grid", placeItems: "center", p: 3 }}>
      <Box sx={{ textAlign: "center" }}>
        <Typography variant="h6" component="p" gutterBottom>
          {message}
        </Typography>
        {onRetry && (
          <Button variant="contained" onClick={onRetry}>
            {t("retry")}
          </Button>
        )}
      </Box>
    </Box>
  );
}
