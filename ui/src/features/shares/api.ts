/** The owner's links (`/api/v1/shares`), zip downloads and the album a multi-item share needs. */
import { api, unwrap, type Schemas } from "../../api/client";

export type OwnerShare = Schemas["ShareOut"];
export type ShareCreate = Partial<Schemas["ShareCreateIn"]>;
export type SharePatch = Partial<Schemas["SharePatchIn"]>;

export const SHARES_KEY = ["shares"] as const;

export function listShares(): Promise<OwnerShare[]> {
  return unwrap(api.GET("/api/v1/shares")).then((page) => page.items);
}

export function createShare(body: ShareCreate): Promise<OwnerShare> {
  return unwrap(api.POST("/api/v1/shares", { body: body as Schemas["ShareCreateIn"] }));
}

export function updateShare(token: string, body: SharePatch): Promise<OwnerShare> {
  return unwrap(
    api.PATCH("/api/v1/shares/{token}", {
      params: { path: { token } },
      body: body as Schemas["SharePatchIn"],
    }),
  );
}

export function revokeShare(token: string): Promise<OwnerShare> {
  return unwrap(api.POST("/api/v1/shares/{token}/revoke", { params: { path: { token } } }));
}

/** An album holding `assetIds`, for sharing several items as one link. */
export async function createAlbumOf(title: string, assetIds: string[]): Promise<string> {
  const album = await unwrap(api.POST("/api/v1/albums", { body: { title, description: "" } }));
  await unwrap(
    api.POST("/api/v1/albums/{album_id}/assets", {
      params: { path: { album_id: album.id } },
      body: { asset_ids: assetIds },
    }),
  );
  return album.id;
}

/** One original's URL, or a ZIP of many (SPEC §4b `POST /assets/zip`). */
export async function downloadUrlOf(assetIds: string[]): Promise<string> {
  if (assetIds.length === 1) {
    const signed = await unwrap(
      api.GET("/api/v1/assets/{asset_id}/download-url", {
        params: { path: { asset_id: assetIds[0] }, query: { kind: "original" } },
      }),
    );
    return signed.url;
  }
  const zip = await unwrap(api.POST("/api/v1/assets/zip", { body: { asset_ids: assetIds } }));
  return zip.url;
}
