/** Albums (`/api/v1/albums`): list, create, edit, delete, members and their order. */
import { api, unwrap, type Schemas } from "../../api/client";

export type Album = Schemas["AlbumOut"];
export type AlbumAsset = Schemas["AssetOut"];
export type AlbumOrder = "album" | "captured";

export const ALBUMS_KEY = ["albums"] as const;
export const albumKey = (id: string) => ["albums", id] as const;
export const albumAssetsKey = (id: string, order: AlbumOrder) => ["albums", id, "assets", order] as const;

const inPath = (id: string) => ({ path: { album_id: id } });

export function listAlbums(): Promise<Album[]> {
  return unwrap(api.GET("/api/v1/albums")).then((page) => page.items);
}

export function getAlbum(id: string): Promise<Album> {
  return unwrap(api.GET("/api/v1/albums/{album_id}", { params: inPath(id) }));
}

export function createAlbum(title: string, description = ""): Promise<Album> {
  return unwrap(api.POST("/api/v1/albums", { body: { title, description } }));
}

export function patchAlbum(
  id: string,
  body: { title?: string; description?: string; cover_asset_id?: string },
): Promise<Album> {
  return unwrap(
    api.PATCH("/api/v1/albums/{album_id}", {
      params: inPath(id),
      body: body as Schemas["AlbumPatchIn"],
    }),
  );
}

export async function deleteAlbum(id: string): Promise<void> {
  await unwrap(api.DELETE("/api/v1/albums/{album_id}", { params: inPath(id) }));
}

export function albumAssets(id: string, order: AlbumOrder, cursor: string | null) {
  const query = { order, limit: 200, ...(cursor ? { cursor } : {}) };
  return unwrap(
    api.GET("/api/v1/albums/{album_id}/assets", { params: { ...inPath(id), query } }),
  );
}

export function addToAlbum(id: string, assetIds: string[]) {
  return unwrap(
    api.POST("/api/v1/albums/{album_id}/assets", { params: inPath(id), body: { asset_ids: assetIds } }),
  );
}

export function removeFromAlbum(id: string, assetIds: string[]) {
  return unwrap(
    api.DELETE("/api/v1/albums/{album_id}/assets", { params: inPath(id), body: { asset_ids: assetIds } }),
  );
}

/** Move assets to just after another one (`null`: to the start). */
export function reorderAlbum(id: string, assetIds: string[], afterAssetId: string | null) {
  return unwrap(
    api.POST("/api/v1/albums/{album_id}/assets/reorder", {
      params: inPath(id),
      body: { asset_ids: assetIds, after_asset_id: afterAssetId },
    }),
  );
}
