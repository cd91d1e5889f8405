/** The viewer's calls to the assets API (typed by the generated schema) and its query keys. */
import { api, unwrap, type Schemas } from "../../api/client";

/**
 * An asset as the viewer reads it. The asset shape does not carry the capture's UTC offset
 * yet; `captured_offset_minutes` is read when a server sends it (null: not recorded).
 */
export type ViewerAsset = Schemas["AssetOut"] & {
  captured_offset_minutes?: number | null;
};

export type MediaKind = "original" | "thumb" | "preview" | "poster";

export interface SignedUrl {
  url: string;
  expires_at: string;
}

/**
 * Query keys. Mutations here invalidate `assetKey(id)` (this asset and its URLs) and the
 * host lists `["timeline"]`, `["trash"]` and `["assets", "list"]` by prefix.
 */
export const assetKey = (id: string) => ["assets", id] as const;
export const mediaUrlKey = (id: string, kind: MediaKind | "stream") =>
  ["assets", id, "url", kind] as const;
export const HOST_LIST_KEYS = [["timeline"], ["trash"], ["assets", "list"]] as const;

const path = (id: string) => ({ params: { path: { asset_id: id } } });

export function fetchAsset(id: string, signal?: AbortSignal): Promise<ViewerAsset> {
  return unwrap(api.GET("/api/v1/assets/{asset_id}", { ...path(id), signal }));
}

export function fetchDownloadUrl(id: string, kind: MediaKind): Promise<SignedUrl> {
  return unwrap(
    api.GET("/api/v1/assets/{asset_id}/download-url", {
      params: { path: { asset_id: id }, query: { kind } },
    }),
  );
}

export function fetchStreamUrl(id: string): Promise<SignedUrl> {
  return unwrap(api.GET("/api/v1/assets/{asset_id}/stream-url", path(id)));
}

/**
 * Only `is_favorite` is sent: the schema lists every field as required, but `captured_at: null`
 * would remove a date override, so the body is deliberately partial.
 */
export function setFavorite(id: string, isFavorite: boolean): Promise<ViewerAsset> {
  const body = { is_favorite: isFavorite } as Schemas["AssetPatchIn"];
  return unwrap(api.PATCH("/api/v1/assets/{asset_id}", { ...path(id), body }));
}

export function trashAsset(id: string): Promise<ViewerAsset> {
  return unwrap(api.DELETE("/api/v1/assets/{asset_id}", path(id)));
}

export function restoreAsset(id: string): Promise<ViewerAsset> {
  return unwrap(api.POST("/api/v1/assets/{asset_id}/restore", path(id)));
}

export async function purgeAsset(id: string): Promise<void> {
  await unwrap(api.DELETE("/api/v1/assets/{asset_id}/purge", path(id)));
}
