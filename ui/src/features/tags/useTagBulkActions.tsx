/** The selection bar's "Tag" action and its dialog. */
import { useMemo, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import LocalOfferOutlined from "@mui/icons-material/LocalOfferOutlined";
import type { BulkAction } from "../selection/BulkBar";
import { TagDialog } from "./TagDialog";

export function useTagBulkActions(selectedIds: ReadonlySet<string>): [BulkAction[], ReactNode] {
  const { t } = useTranslation("tags");
  const [tagging, setTagging] = useState<string[] | null>(null);
  const actions = useMemo<BulkAction[]>(
    () => [{ key: "tag", label: t("tag"), icon: <LocalOfferOutlined />, onRun: () => setTagging([...selectedIds]) }],
    [selectedIds, t],
  );
  const dialog = tagging ? <TagDialog assetIds={tagging} onClose={() => setTagging(null)} /> : null;
  return [actions, dialog];
}
