/** The bulk actions of the library grids: favourite, unfavourite and trash (with undo). */
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import DeleteOutline from "@mui/icons-material/DeleteOutlined";
import Star from "@mui/icons-material/Star";
import StarBorder from "@mui/icons-material/StarBorder";
import { useToast } from "../../components/toasts";
import { useBulkMutation, type BulkActionName } from "./actions";
import type { BulkAction } from "./BulkBar";

export function useLibraryBulkActions(selectedIds: ReadonlySet<string>, onDone: () => void): BulkAction[] {
  const { t } = useTranslation("selection");
  const { t: tc } = useTranslation();
  const toast = useToast();
  const mutation = useBulkMutation();
  const { mutateAsync, isPending } = mutation;

  return useMemo(() => {
    const run = async (action: BulkActionName, doneKey: string, undo?: BulkActionName) => {
      const ids = [...selectedIds];
      try {
        const result = await mutateAsync({ action, ids });
        onDone();
        if (result.failed.length) {
          toast.show(t("failed", { count: result.failed.length }), { severity: "warning" });
          return;
        }
        toast.show(t(doneKey, { count: result.done.length }), {
          severity: "success",
          actionLabel: undo ? tc("undo") : undefined,
          onAction: undo
            ? () =>
                void mutateAsync({ action: undo, ids: result.done })
                  .then((back) => toast.show(t("restored", { count: back.done.length }), { severity: "info" }))
                  .catch((error) => toast.error(error))
            : undefined,
        });
      } catch (error) {
        toast.error(error);
      }
    };
    return [
      { key: "favorite", label: t("favorite"), icon: <Star />, onRun: () => void run("favorite", "favorited"), disabled: isPending },
      {
        key: "unfavorite",
        label: t("unfavorite"),
        icon: <StarBorder />,
        onRun: () => void run("unfavorite", "unfavorited"),
        disabled: isPending,
      },
      {
        key: "trash",
        label: t("trash"),
        icon: <DeleteOutline />,
        onRun: () => void run("trash", "trashed", "restore"),
        disabled: isPending,
      },
    ];
  }, [selectedIds, mutateAsync, isPending, onDone, t, tc, toast]);
}
