/** Tags (`/api/v1/tags`) and the library filtered by one (`GET /assets?tag=`). */
import { api, unwrap, type Schemas } from "../../api/client";

export type Tag = Schemas["TagOut"];
export const TAGS_KEY = ["tags"] as const;

const inPath = (id: string) => ({ path: { tag_id: id } });

export function listTags(): Promise<Tag[]> {
  return unwrap(api.GET("/api/v1/tags")).then((page) => page.items);
}

export function renameTag(id: string, name: string): Promise<Tag> {
  return unwrap(api.PATCH("/api/v1/tags/{tag_id}", { params: inPath(id), body: { name } }));
}

export async function deleteTag(id: string): Promise<void> {
  await unwrap(api.DELETE("/api/v1/tags/{tag_id}", { params: inPath(id) }));
}

export function attachTags(assetIds: string[], names: string[]) {
  return unwrap(api.POST("/api/v1/tags/attach", { body: { asset_ids: assetIds, names } }));
}

export function taggedAssets(name: string, cursor: string | null) {
  const query = { tag: name, limit: 200, ...(cursor ? { cursor } : {}) };
  return unwrap(api.GET("/api/v1/assets", { params: { query } }));
}
