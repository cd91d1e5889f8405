/** A QR code of a link, drawn by `qrcode` into a data URL (no network, no inline script). */
import { useEffect, useState } from "react";
import { Box } from "@mui/material";
import QRCode from "qrcode";

export function QrCode({
  value,
  label,
  size = 192,
  testId = "share-qr",
}: {
  value: string;
  label: string;
  size?: number;
  testId?: string;
}) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let active = true;
    QRCode.toDataURL(value, { width: size, margin: 1, errorCorrectionLevel: "M" })
      .then((url) => active && setSrc(url))
      .catch(() => active && setSrc(null));
    return () => {
      active = false;
    };
  }, [value, size]);
  return src ? (
    <Box component="img" src={src} alt={label} data-testid={testId} sx={{ width: size, height: size }} />
  ) : (
    <Box sx={{ width: size, height: size }} />
  );
}
