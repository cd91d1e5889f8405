import { Box, Button, Typography } from "@mui/material";
import { useTranslation } from "react-i18next";
import { useRouteError } from "react-router";

/** Shown instead of a blank screen when a route fails to load or render. */
export function RouteError() {
  const error = useRouteError();
  const { t } = useTranslation();
  console.warn(error);
  return (
    <Box role="alert" sx={{ p: 4, textAlign: "center" }}>
      <Typography variant="h5" gutterBottom>
        {t("errors.generic")}
      </Typography>
      <Button variant="contained" onClick={() => window.location.reload()}>
        {t("retry")}
      </Button>
    </Box>
  );
}
