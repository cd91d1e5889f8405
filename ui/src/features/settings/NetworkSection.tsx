import { useState } from "react";
import {
  Alert,
  AlertTitle,
  Box,
  CircularProgress,
  FormControlLabel,
  IconButton,
  Link,
  Stack,
  Switch,
  Tooltip,
  Typography,
} from "@mui/material";
import ContentCopy from "@mui/icons-material/ContentCopy";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { isDesktopWindow } from "../desktop/bridge";
import {
  fetchNetworkSharing,
  networkSharingKey,
  startNetworkSharing,
  stopNetworkSharing,
  type NetworkSharing,
} from "../desktop/api";
import { copyText } from "../shares/LinkBox";
import { QrCode } from "../shares/QrCode";
import { Section } from "./Section";

/**
 * "Open on my network" (desktop window, administrators): the app on 0.0.0.0 for the other
 * devices at home, with its addresses and a QR code of the first; off again with the switch.
 */
export function NetworkSection() {
  if (!isDesktopWindow()) return null;
  return <NetworkSwitch />;
}

function NetworkSwitch() {
  const { t } = useTranslation("settings");
  const client = useQueryClient();
  const status = useQuery({ queryKey: networkSharingKey, queryFn: fetchNetworkSharing });
  const toggle = useMutation({
    mutationFn: (on: boolean) => (on ? startNetworkSharing() : stopNetworkSharing()),
    onSuccess: (state) => client.setQueryData(networkSharingKey, state),
  });
  const state = status.data;
  const running = state?.running ?? false;
  const busy = status.isPending || toggle.isPending;
  const failure = toggle.error ?? status.error;
  return (
    <Section id="settings-network" title={t("network.title")}>
      <Stack spacing={2}>
        <Typography color="text.secondary">{t("network.explain")}</Typography>
        <Stack direction="row" spacing={2} sx={{ alignItems: "center" }}>
          <FormControlLabel
            control={
              <Switch
                checked={toggle.isPending ? toggle.variables : running}
                disabled={busy || status.isError}
                onChange={(event) => toggle.mutate(event.target.checked)}
                slotProps={{ input: { "data-testid": "network-toggle" } as object }}
              />
            }
            label={t("network.switch")}
          />
          {busy && <CircularProgress size={20} aria-label={t("common:loading")} />}
        </Stack>
        {failure && (
          <Alert severity="error" data-testid="network-error">
            <AlertTitle>{t(toggle.error ? "network.failed" : "network.unknown")}</AlertTitle>
            {failure.message}
          </Alert>
        )}
        {running && state && <Addresses state={state} />}
      </Stack>
    </Section>
  );
}

function Addresses({ state }: { state: NetworkSharing }) {
  const { t } = useTranslation("settings");
  const [copied, setCopied] = useState<string | null>(null);
  const [first] = state.urls;
  return (
    <Stack
      direction={{ xs: "column", sm: "row" }}
      spacing={3}
      data-testid="network-addresses"
      sx={{ alignItems: { xs: "stretch", sm: "flex-start" } }}
    >
      <Stack spacing={1} sx={{ flex: 1, minWidth: 0 }}>
        <Typography>{t("network.open", { count: state.urls.length })}</Typography>
        {state.urls.map((url) => (
          <Stack key={url} direction="row" spacing={1} sx={{ alignItems: "center" }}>
            <Link
              href={url}
              target="_blank"
              rel="noopener noreferrer"
              data-testid="network-url"
              sx={{ fontFamily: "monospace", fontSize: "1.05rem", overflowWrap: "anywhere" }}
            >
              {url}
            </Link>
            <Tooltip title={t("network.copy")}>
              <IconButton
                size="small"
                aria-label={t("network.copyUrl", { url })}
                onClick={() => void copyText(url).then((ok) => setCopied(ok ? url : ""))}
              >
                <ContentCopy fontSize="small" />
              </IconButton>
            </Tooltip>
          </Stack>
        ))}
        {copied !== null && (
          <Typography role="status" variant="body2" color={copied ? "success.main" : "error"}>
            {copied ? t("network.copied") : t("network.copyFailed")}
          </Typography>
        )}
        {state.name && (
          <Typography variant="body2" color="text.secondary">
            {t("network.announced", { name: state.name })}
          </Typography>
        )}
        <Typography variant="body2" color="text.secondary">
          {t("network.stops")}
        </Typography>
      </Stack>
      {first && (
        <Box sx={{ textAlign: "center", alignSelf: { xs: "center", sm: "flex-start" } }}>
          <QrCode value={first} label={t("network.qr", { url: first })} size={160} testId="network-qr" />
          <Typography variant="caption" color="text.secondary" component="p">
            {t("network.scan")}
          </Typography>
        </Box>
      )}
    </Stack>
  );
}
