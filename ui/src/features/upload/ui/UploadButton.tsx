/** The app bar's "Upload" button: a menu of "Files…" and "Folder…" (an icon alone on phones). */
import { useState } from "react";
import { Button, IconButton, ListItemIcon, ListItemText, Menu, MenuItem, Tooltip } from "@mui/material";
import CloudUploadOutlined from "@mui/icons-material/CloudUploadOutlined";
import DriveFolderUploadOutlined from "@mui/icons-material/DriveFolderUploadOutlined";
import PhotoLibraryOutlined from "@mui/icons-material/PhotoLibraryOutlined";
import { useTranslation } from "react-i18next";
import { useUpload } from "./context";

export function UploadButton({ compact }: { compact: boolean }) {
  const { t } = useTranslation("upload");
  const { openFilePicker, openFolderPicker, uploadButton } = useUpload();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const close = () => setAnchor(null);
  const open = (event: React.MouseEvent<HTMLElement>) => setAnchor(event.currentTarget);
  const common = {
    "aria-haspopup": "menu" as const,
    "aria-expanded": anchor ? ("true" as const) : undefined,
    "data-testid": "upload-button",
    ref: uploadButton,
    onClick: open,
  };
  return (
    <>
      {compact ? (
        <Tooltip title={t("button")}>
          <IconButton aria-label={t("button")} {...common}>
            <CloudUploadOutlined />
          </IconButton>
        </Tooltip>
      ) : (
        <Button variant="outlined" startIcon={<CloudUploadOutlined />} {...common}>
          {t("button")}
        </Button>
      )}
      <Menu
        anchorEl={anchor}
        open={!!anchor}
        onClose={close}
        anchorOrigin={{ vertical: "bottom", horizontal: "right" }}
        transformOrigin={{ vertical: "top", horizontal: "right" }}
      >
        <MenuItem
          data-testid="upload-menu-files"
          onClick={() => {
            close();
            openFilePicker();
          }}
        >
          <ListItemIcon>
            <PhotoLibraryOutlined fontSize="small" />
          </ListItemIcon>
          <ListItemText primary={t("menu.files")} />
        </MenuItem>
        <MenuItem
          data-testid="upload-menu-folder"
          onClick={() => {
            close();
            openFolderPicker();
          }}
        >
          <ListItemIcon>
            <DriveFolderUploadOutlined fontSize="small" />
          </ListItemIcon>
          <ListItemText primary={t("menu.folder")} />
        </MenuItem>
      </Menu>
    </>
  );
}
