/**
 * The public share API (no account): a client of its own with the plain `fetch`, so a 401 of
 * a locked link never triggers the library's session refresh. The link's credential travels
 * as the httpOnly cookie the server scopes to `/api/v1/shares/{token}`.
 */
import createClient from "openapi-fetch";
import type { components, paths } from "../../api/schema";
import { unwrap } from "../../api/client";
import type { MediaKind, SignedUrl } from "../viewer/api";

export type PublicShare = components["schemas"]["PublicShareOut"];
export type PublicAsset = components["schemas"]["PublicAssetOut"];
export type PublicAssetPage = components["schemas"]["PublicAssetPageOut"];
export type ZipLink = components["schemas"]["ZipLinkOut"];

const client = createClient<paths>({ baseUrl: "" });
const PAGE_SIZE = 100;

const inPath = (token: string) => ({ path: { token } });

export function fetchShare(token: string): Promise<PublicShare> {
  return unwrap(client.GET("/api/v1/shares/{token}", { params: inPath(token) }));
}

export function unlockShare(token: string, password: string): Promise<unknown> {
  return unwrap(
    client.POST("/api/v1/shares/{token}/unlock", { params: inPath(token), body: { password } }),
  );
}

export function fetchShareAssets(token: string, cursor: string | null): Promise<PublicAssetPage> {
  const query = cursor ? { cursor, limit: PAGE_SIZE } : { limit: PAGE_SIZE };
  return unwrap(
    client.GET("/api/v1/shares/{token}/assets", { params: { ...inPath(token), query } }),
  );
}

/** A signed URL of one file; "stream" is the original, served inline to the video element. */
export function fetchShareMediaUrl(
  token: string,
  assetId: string,
  kind: MediaKind | "stream",
): Promise<SignedUrl> {
  const query = { asset_id: assetId, kind: kind === "stream" ? "original" : kind };
  return unwrap(
    client.GET("/api/v1/shares/{token}/download-url", { params: { ...inPath(token), query } }),
  );
}

/** A ZIP of the given assets, or of everything the link shows when `assetIds` is omitted. */
export function createShareZip(token: string, assetIds?: string[]): Promise<ZipLink> {
  return unwrap(
    client.POST("/api/v1/shares/{token}/zip", {
      params: inPath(token),
      body: { asset_ids: assetIds ?? null },
    }),
  );
}
