import { useState } from "react";
import { AppBar, Box, IconButton, Link, Toolbar, Typography, useMediaQuery } from "@mui/material";
import MenuIcon from "@mui/icons-material/Menu";
import PhotoLibraryOutlined from "@mui/icons-material/PhotoLibraryOutlined";
import { useTranslation } from "react-i18next";
import { Link as RouterLink, Outlet } from "react-router";
import { UploadButton, UploadPanel, UploadProvider, DropZone } from "../features/upload/ui";
import { DesktopImports } from "../features/desktop/DesktopImports";
import { CornerDock } from "./CornerDock";
import { NavDrawer } from "./NavDrawer";
import { UserMenu } from "./UserMenu";

export const MAIN_CONTENT_ID = "main-content";
/** Phones (up to 600 px wide) get a temporary drawer behind a menu button. */
const PHONE_QUERY = "(max-width: 600px)";

/**
 * The signed-in frame: a top app bar (navigation button on phones, app name, user menu) and a
 * navigation drawer, temporary up to 600 px wide and permanent above. Pages render in `<main>`,
 * a flex column filling the rest of the screen (`min-height: 0`, so a page may scroll inside).
 * Uploads live here too (the provider, the app bar button, the panel and drops anywhere), so
 * they carry on across route changes.
 */
export function AppShell() {
  const { t } = useTranslation();
  const phone = useMediaQuery(PHONE_QUERY, { noSsr: true });
  const [open, setOpen] = useState(false);
  return (
    <UploadProvider>
      <Box sx={{ height: "100dvh", display: "flex", flexDirection: "column" }}>
        <Link
          href={`#${MAIN_CONTENT_ID}`}
          sx={{
            position: "absolute",
            left: 8,
            top: -48,
            zIndex: (z) => z.zIndex.tooltip,
            bgcolor: "background.paper",
            px: 2,
            py: 1,
            "&:focus": { top: 8 },
          }}
        >
          {t("skipToContent")}
        </Link>
        <AppBar
          position="static"
          color="default"
          elevation={0}
          sx={{ borderBottom: 1, borderColor: "divider", zIndex: (z) => z.zIndex.drawer + 1 }}
        >
          <Toolbar sx={{ gap: 1 }}>
            {phone && (
              <IconButton
                edge="start"
                aria-label={t("nav.open")}
                aria-expanded={open}
                onClick={() => setOpen(true)}
              >
                <MenuIcon />
              </IconButton>
            )}
            <Box
              component={RouterLink}
              to="/"
              sx={{
                display: "flex",
                alignItems: "center",
                gap: 1,
                color: "inherit",
                textDecoration: "none",
                borderRadius: 1,
              }}
            >
              <PhotoLibraryOutlined color="primary" aria-hidden />
              <Typography variant="h6" component="span" sx={{ fontWeight: 600 }}>
                {t("appName")}
              </Typography>
            </Box>
            <Box sx={{ flexGrow: 1 }} />
            <UploadButton compact={phone} />
            <UserMenu />
          </Toolbar>
        </AppBar>
        <Box sx={{ flex: 1, minHeight: 0, display: "flex" }}>
          <NavDrawer temporary={phone} open={open} onClose={() => setOpen(false)} />
          <Box
            component="main"
            id={MAIN_CONTENT_ID}
            tabIndex={-1}
            sx={{
              flex: 1,
              minWidth: 0,
              minHeight: 0,
              display: "flex",
              flexDirection: "column",
              overflow: "auto",
              outline: "none",
            }}
          >
            <Outlet />
          </Box>
        </Box>
      </Box>
      <CornerDock>
        <DesktopImports />
        <UploadPanel />
      </CornerDock>
      <DropZone />
    </UploadProvider>
  );
}
