/** The trash: cursor pages of trashed assets, emptying it, and restore/purge in bulk. */
import { api, unwrap, type Schemas } from "../../api/client";

/** A trashed asset; `thumbhash`/`local_date` join the asset shape with the timeline API. */
export type TrashAsset = Schemas["AssetOut"] & { thumbhash?: string | null; local_date?: string | null };

export const trashKeys = {
  all: ["trash"] as const,
  list: () => ["trash", "list"] as const,
};

export async function fetchTrashPage(cursor: string | null, signal?: AbortSignal) {
  const page = await unwrap(
    api.GET("/api/v1/trash", { params: { query: { cursor: cursor ?? undefined, limit: 200 } }, signal }),
  );
  return { items: page.items as TrashAsset[], next_cursor: page.next_cursor };
}

export function emptyTrash() {
  return unwrap(api.DELETE("/api/v1/trash"));
}
