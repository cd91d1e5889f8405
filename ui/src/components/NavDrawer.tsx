import { Drawer, List, ListItemButton, ListItemIcon, ListItemText, Toolbar } from "@mui/material";
import PhotoLibraryOutlined from "@mui/icons-material/PhotoLibraryOutlined";
import DeleteOutlined from "@mui/icons-material/DeleteOutlined";
import SettingsOutlined from "@mui/icons-material/SettingsOutlined";
import LinkOutlined from "@mui/icons-material/LinkOutlined";
import PhotoAlbumOutlined from "@mui/icons-material/PhotoAlbumOutlined";
import LocalOfferOutlined from "@mui/icons-material/LocalOfferOutlined";
import StarBorder from "@mui/icons-material/StarBorder";
import { useTranslation } from "react-i18next";
import { NavLink, useLocation } from "react-router";

export const DRAWER_WIDTH = 232;

/** Only screens that exist; albums, tags and links join when their features land. */
const ITEMS = [
  { to: "/", label: "nav.photos", icon: <PhotoLibraryOutlined />, match: /^\/(photos\/.*)?$/ },
  { to: "/trash", label: "nav.trash", icon: <DeleteOutlined />, match: /^\/trash(\/|$)/ },
  { to: "/favorites", label: "nav.favorites", icon: <StarBorder />, match: /^\/favorites/ },
  { to: "/albums", label: "nav.albums", icon: <PhotoAlbumOutlined />, match: /^\/albums/ },
  { to: "/tags", label: "nav.tags", icon: <LocalOfferOutlined />, match: /^\/tags/ },
  { to: "/shares", label: "nav.links", icon: <LinkOutlined />, match: /^\/shares/ },
  { to: "/settings", label: "nav.settings", icon: <SettingsOutlined />, match: /^\/settings/ },
] as const;

interface Props {
  /** Phone: a temporary drawer opened from the app bar; desktop: always there. */
  temporary: boolean;
  open: boolean;
  onClose: () => void;
}

export function NavDrawer({ temporary, open, onClose }: Props) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const list = (
    <nav aria-label={t("nav.label")}>
      <List>
        {ITEMS.map((item) => {
          const active = item.match.test(pathname);
          return (
            <ListItemButton
              key={item.to}
              component={NavLink}
              to={item.to}
              end={item.to === "/"}
              selected={active}
              aria-current={active ? "page" : undefined}
              onClick={temporary ? onClose : undefined}
              sx={{ mx: 1, borderRadius: 2 }}
            >
              <ListItemIcon>{item.icon}</ListItemIcon>
              <ListItemText primary={t(item.label)} />
            </ListItemButton>
          );
        })}
      </List>
    </nav>
  );
  if (temporary) {
    return (
      <Drawer
        variant="temporary"
        open={open}
        onClose={onClose}
        ModalProps={{ keepMounted: true }}
        slotProps={{ paper: { sx: { width: DRAWER_WIDTH } } }}
      >
        <Toolbar />
        {list}
      </Drawer>
    );
  }
  return (
    <Drawer
      variant="permanent"
      sx={{ width: DRAWER_WIDTH, flexShrink: 0 }}
      slotProps={{
        paper: {
          sx: { width: DRAWER_WIDTH, position: "relative", borderRight: 1, borderColor: "divider" },
        },
      }}
    >
      {list}
    </Drawer>
  );
}
