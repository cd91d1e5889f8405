/** "My links" (`/shares`): each link with what it shows, status, views; copy, edit, revoke. */
import { useState } from "react";
import {
  Alert,
  Box,
  Button,
  Chip,
  CircularProgress,
  IconButton,
  List,
  ListItem,
  ListItemText,
  Stack,
  Tooltip,
  Typography,
} from "@mui/material";
import ContentCopy from "@mui/icons-material/ContentCopy";
import EditOutlined from "@mui/icons-material/EditOutlined";
import LinkOff from "@mui/icons-material/LinkOff";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useToast } from "../../components/toasts";
import { listShares, revokeShare, SHARES_KEY, type OwnerShare } from "./api";
import { linkStatus, type LinkStatus } from "./expiry";
import { copyText } from "./LinkBox";
import { ShareDialog } from "./ShareDialog";

const COLORS: Record<LinkStatus, "success" | "default" | "error" | "warning"> = {
  active: "success",
  expired: "default",
  revoked: "error",
  usedUp: "warning",
};

export default function MySharesPage() {
  const { t, i18n } = useTranslation("shares");
  const toast = useToast();
  const queryClient = useQueryClient();
  const shares = useQuery({ queryKey: SHARES_KEY, queryFn: listShares });
  const [editing, setEditing] = useState<OwnerShare | null>(null);
  const revoke = useMutation({
    mutationFn: (token: string) => revokeShare(token),
    onSuccess: () => toast.show(t("revoked"), { severity: "success" }),
    onError: (error) => toast.error(error),
    onSettled: () => queryClient.invalidateQueries({ queryKey: SHARES_KEY }),
  });
  const dates = new Intl.DateTimeFormat(i18n.resolvedLanguage, { dateStyle: "medium", timeStyle: "short" });

  return (
    <Box component="section" sx={{ p: { xs: 2, sm: 3 }, maxWidth: 960 }}>
      <Typography variant="h5" component="h1" sx={{ mb: 2 }}>
        {t("title")}
      </Typography>
      {shares.isPending && <CircularProgress aria-label={t("loading", { ns: "common" })} />}
      {shares.isError && (
        <Alert severity="error" action={<Button onClick={() => void shares.refetch()}>{t("retry", { ns: "common" })}</Button>}>
          {t("loadError")}
        </Alert>
      )}
      {shares.data?.length === 0 && <Typography color="text.secondary">{t("empty")}</Typography>}
      <List data-testid="my-links">
        {shares.data?.map((share) => {
          const status = linkStatus(share);
          const details = [
            share.kind === "album" ? t("kind.album") : t("kind.asset"),
            t("views", { count: share.view_count }) + (share.max_views ? ` / ${share.max_views}` : ""),
            share.expires_at ? t("expires", { date: dates.format(new Date(share.expires_at)) }) : t("noExpiry"),
            share.has_password ? t("withPassword") : null,
          ].filter(Boolean);
          return (
            <ListItem
              key={share.token}
              divider
              data-testid="my-link"
              data-token={share.token}
              data-status={status}
              secondaryAction={
                <Stack direction="row">
                  <Tooltip title={t("copy")}>
                    <IconButton
                      aria-label={t("copy")}
                      onClick={() =>
                        void copyText(share.url).then((ok) =>
                          toast.show(ok ? t("copied") : t("copyFailed"), { severity: ok ? "success" : "error" }),
                        )
                      }
                    >
                      <ContentCopy />
                    </IconButton>
                  </Tooltip>
                  {status !== "revoked" && (
                    <>
                      <Tooltip title={t("edit")}>
                        <IconButton aria-label={t("edit")} onClick={() => setEditing(share)}>
                          <EditOutlined />
                        </IconButton>
                      </Tooltip>
                      <Tooltip title={t("revoke")}>
                        <IconButton
                          aria-label={t("revoke")}
                          data-testid="my-link-revoke"
                          disabled={revoke.isPending}
                          onClick={() => revoke.mutate(share.token)}
                        >
                          <LinkOff />
                        </IconButton>
                      </Tooltip>
                    </>
                  )}
                </Stack>
              }
              sx={{ pr: 18 }}
            >
              <ListItemText
                primary={
                  <Stack direction="row" sx={{ gap: 1, alignItems: "center", flexWrap: "wrap" }}>
                    <span>{share.title || t("untitled")}</span>
                    <Chip size="small" color={COLORS[status]} label={t(`status.${status}`)} />
                  </Stack>
                }
                secondary={details.join(" · ")}
              />
            </ListItem>
          );
        })}
      </List>
      {editing && <ShareDialog target={{ existing: editing }} onClose={() => setEditing(null)} />}
    </Box>
  );
}
