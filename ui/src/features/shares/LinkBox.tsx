/** A created link: the URL with a copy button, and its QR code. */
import { useState } from "react";
import { IconButton, InputAdornment, Stack, TextField, Tooltip, Typography } from "@mui/material";
import ContentCopy from "@mui/icons-material/ContentCopy";
import { useTranslation } from "react-i18next";
import { QrCode } from "./QrCode";

export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

export function LinkBox({ url }: { url: string }) {
  const { t } = useTranslation("shares");
  const [copied, setCopied] = useState<boolean | null>(null);
  return (
    <Stack spacing={2} sx={{ alignItems: "center", pt: 1 }}>
      <TextField
        fullWidth
        label={t("dialog.link")}
        value={url}
        slotProps={{
          htmlInput: { readOnly: true, "data-testid": "share-link" },
          input: {
            endAdornment: (
              <InputAdornment position="end">
                <Tooltip title={t("copy")}>
                  <IconButton
                    aria-label={t("copy")}
                    data-testid="share-copy"
                    onClick={() => void copyText(url).then(setCopied)}
                  >
                    <ContentCopy />
                  </IconButton>
                </Tooltip>
              </InputAdornment>
            ),
          },
        }}
      />
      {copied !== null && (
        <Typography role="status" variant="body2" color={copied ? "success.main" : "error"}>
          {copied ? t("copied") : t("copyFailed")}
        </Typography>
      )}
      <QrCode value={url} label={t("dialog.qr")} />
    </Stack>
  );
}
