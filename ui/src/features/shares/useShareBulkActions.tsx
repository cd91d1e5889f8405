/** Bulk-bar actions of this feature: share the selection, download it (one file or a ZIP). */
import { useMemo, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import Download from "@mui/icons-material/Download";
import Share from "@mui/icons-material/Share";
import { useToast } from "../../components/toasts";
import type { BulkAction } from "../selection/BulkBar";
import { downloadUrlOf } from "./api";
import { ShareDialog } from "./ShareDialog";

export function startDownload(url: string): void {
  const link = document.createElement("a");
  link.href = url;
  link.download = "";
  document.body.appendChild(link);
  link.click();
  link.remove();
}

/** `[actions, dialog]`: append the actions to the bar's list and render the dialog. */
export function useShareBulkActions(selectedIds: ReadonlySet<string>): [BulkAction[], ReactNode] {
  const { t } = useTranslation("shares");
  const toast = useToast();
  const [sharing, setSharing] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);
  const actions = useMemo<BulkAction[]>(
    () => [
      {
        key: "share",
        label: t("share"),
        icon: <Share />,
        onRun: () => setSharing([...selectedIds]),
      },
      {
        key: "download",
        label: t("download"),
        icon: <Download />,
        disabled: busy,
        onRun: () => {
          setBusy(true);
          downloadUrlOf([...selectedIds])
            .then(startDownload)
            .catch((error) => toast.error(error))
            .finally(() => setBusy(false));
        },
      },
    ],
    [selectedIds, busy, t, toast],
  );
  const dialog = sharing ? <ShareDialog target={{ assetIds: sharing }} onClose={() => setSharing(null)} /> : null;
  return [actions, dialog];
}
