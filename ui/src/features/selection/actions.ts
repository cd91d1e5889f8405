/** Bulk changes of assets (POST /assets/bulk) and the cache refresh that follows them. */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap, type Schemas } from "../../api/client";

export type BulkActionName = Schemas["BulkIn"]["action"];

export function bulkAssets(action: BulkActionName, assetIds: string[]): Promise<Schemas["BulkOut"]> {
  return unwrap(api.POST("/api/v1/assets/bulk", { body: { action, asset_ids: assetIds } }));
}

/** Run a bulk action, then refresh the timeline, trash and single-asset caches. */
export function useBulkMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ action, ids }: { action: BulkActionName; ids: string[] }) => bulkAssets(action, ids),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ["timeline"] }),
        queryClient.invalidateQueries({ queryKey: ["trash"] }),
        queryClient.invalidateQueries({ queryKey: ["asset"] }),
      ]),
  });
}
