/** The viewer's top bar: close, the file name, and the actions as labelled icon buttons. */
import type { ReactNode } from "react";
import { Box, IconButton, Stack, Tooltip, Typography } from "@mui/material";
import ArrowBackIcon from "@mui/icons-material/ArrowBack";
import DeleteOutlineIcon from "@mui/icons-material/DeleteOutlined";
import DeleteForeverIcon from "@mui/icons-material/DeleteForever";
import DownloadIcon from "@mui/icons-material/Download";
import InfoOutlinedIcon from "@mui/icons-material/InfoOutlined";
import KeyboardIcon from "@mui/icons-material/Keyboard";
import RestoreFromTrashIcon from "@mui/icons-material/RestoreFromTrash";
import StarIcon from "@mui/icons-material/Star";
import StarBorderIcon from "@mui/icons-material/StarBorder";
import { useTranslation } from "react-i18next";
import type { ViewerMode } from "./navigation";

interface Props {
  titleId: string;
  title: string;
  mode: ViewerMode;
  hasAsset: boolean;
  isFavorite: boolean;
  infoOpen: boolean;
  busy: boolean;
  onClose(): void;
  onInfo(): void;
  onFavorite(): void;
  onDownload(): void;
  onTrash(): void;
  onRestore(): void;
  onPurge(): void;
  onShortcuts(): void;
  /** More library actions (share, add to album, tag), shown before the download button. */
  extra?: ReactNode;
}

function Action(props: {
  label: string;
  testId: string;
  onClick(): void;
  disabled?: boolean;
  pressed?: boolean;
  children: ReactNode;
}) {
  return (
    <Tooltip title={props.label}>
      <span style={{ display: "inline-flex" }}>
        <IconButton
          color="inherit"
          aria-label={props.label}
          aria-pressed={props.pressed}
          data-testid={props.testId}
          onClick={props.onClick}
          disabled={props.disabled}
        >
          {props.children}
        </IconButton>
      </span>
    </Tooltip>
  );
}

export function ViewerToolbar(props: Props) {
  const { t } = useTranslation("viewer");
  const { mode, hasAsset, busy } = props;
  return (
    <Stack
      direction="row"
      sx={{
        alignItems: "center",
        gap: { xs: 0, sm: 0.5 },
        px: { xs: 0.5, sm: 1 },
        py: 0.5,
        color: "common.white",
        background: "linear-gradient(rgba(0,0,0,0.65), rgba(0,0,0,0))",
        position: "absolute",
        top: 0,
        left: 0,
        right: 0,
        zIndex: 3,
        "& .MuiIconButton-root:focus-visible": {
          outline: "2px solid",
          outlineColor: "primary.light",
          outlineOffset: 1,
        },
      }}
    >
      <Action label={t("close")} testId="viewer-close" onClick={props.onClose}>
        <ArrowBackIcon />
      </Action>
      <Typography
        id={props.titleId}
        component="h1"
        variant="subtitle1"
        noWrap
        sx={{ flex: 1, minWidth: 0, mx: 1, visibility: { xs: "hidden", sm: "visible" } }}
      >
        {props.title}
      </Typography>
      {hasAsset && (
        <Box sx={{ display: "flex", alignItems: "center" }}>
          <Action
            label={t("info")}
            testId="viewer-info-button"
            onClick={props.onInfo}
            pressed={props.infoOpen}
          >
            <InfoOutlinedIcon />
          </Action>
          {mode === "library" ? (
            <>
              <Action
                label={props.isFavorite ? t("unfavorite") : t("favorite")}
                testId="viewer-favorite"
                onClick={props.onFavorite}
                pressed={props.isFavorite}
              >
                {props.isFavorite ? <StarIcon /> : <StarBorderIcon />}
              </Action>
              {props.extra}
              <Action label={t("download")} testId="viewer-download" onClick={props.onDownload}>
                <DownloadIcon />
              </Action>
              <Action
                label={t("trash")}
                testId="viewer-trash"
                onClick={props.onTrash}
                disabled={busy}
              >
                <DeleteOutlineIcon />
              </Action>
            </>
          ) : (
            <>
              <Action
                label={t("restore")}
                testId="viewer-restore"
                onClick={props.onRestore}
                disabled={busy}
              >
                <RestoreFromTrashIcon />
              </Action>
              <Action
                label={t("purge")}
                testId="viewer-purge"
                onClick={props.onPurge}
                disabled={busy}
              >
                <DeleteForeverIcon />
              </Action>
            </>
          )}
          <Action label={t("shortcutsButton")} testId="viewer-shortcuts-button" onClick={props.onShortcuts}>
            <KeyboardIcon />
          </Action>
        </Box>
      )}
    </Stack>
  );
}
