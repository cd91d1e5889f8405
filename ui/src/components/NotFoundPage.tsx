import { Box, Button, Typography } from "@mui/material";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

export default function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Box sx={{ p: 4, textAlign: "center" }}>
      <Typography variant="h5" gutterBottom>
        {t("errors.notFound")}
      </Typography>
      <Button component={Link} to="/">
        {t("appName")}
      </Button>
    </Box>
  );
}
