import type { ReactNode } from "react";
import { Box, Paper, Stack, Typography } from "@mui/material";
import PhotoLibraryOutlined from "@mui/icons-material/PhotoLibraryOutlined";
import { useTranslation } from "react-i18next";
import { LanguageSwitch } from "../../components/LanguageSwitch";

/** The frame of the sign-in screens: app name, a card with the form, the language switch. */
export function AuthLayout({
  title,
  intro,
  children,
}: {
  title: string;
  intro?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Box sx={{ minHeight: "100dvh", display: "flex", flexDirection: "column" }}>
      <Box sx={{ display: "flex", justifyContent: "flex-end", p: 1.5 }}>
        <LanguageSwitch />
      </Box>
      <Box
        component="main"
        sx={{
          flex: 1,
          display: "flex",
          flexDirection: "column",
          alignItems: "center",
          justifyContent: "center",
          px: 2,
          pb: 6,
        }}
      >
        <Stack direction="row" spacing={1} sx={{ alignItems: "center", mb: 3 }}>
          <PhotoLibraryOutlined color="primary" fontSize="large" aria-hidden />
          <Typography variant="h5" component="p" sx={{ fontWeight: 600 }}>
            {t("appName")}
          </Typography>
        </Stack>
        <Paper variant="outlined" sx={{ width: "100%", maxWidth: 420, p: { xs: 3, sm: 4 } }}>
          <Typography variant="h5" component="h1" gutterBottom>
            {title}
          </Typography>
          {intro && (
            <Typography color="text.secondary" sx={{ mb: 2 }}>
              {intro}
            </Typography>
          )}
          {children}
        </Paper>
      </Box>
    </Box>
  );
}
