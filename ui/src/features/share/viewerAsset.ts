import type { ViewerAsset } from "../viewer/api";
import type { PublicAsset } from "./api";

/**
 * A shared asset in the shape the viewer's photo and video views read. A link shows only
 * finished assets; one without a thumbnail yet is still processing.
 */
export function toViewerAsset(asset: PublicAsset): ViewerAsset {
  return {
    id: asset.id,
    type: asset.type,
    status: "ready",
    original_filename: asset.original_filename,
    content_type: asset.content_type,
    size_bytes: asset.size_bytes,
    captured_at: asset.captured_at,
    width: asset.width,
    height: asset.height,
    duration_ms: asset.duration_ms,
    thumb_url: asset.thumb_url,
    preview_url: asset.preview_url,
    thumbhash: asset.thumbhash ?? null,
    is_favorite: false,
    description: "",
    processing: { state: asset.thumb_url ? "done" : "pending", error: null },
  } as unknown as ViewerAsset;
}

/** The ids before and after `id` in the grid's order. */
export function neighbours(ids: readonly string[], id: string) {
  const index = ids.indexOf(id);
  return {
    prev: index > 0 ? ids[index - 1] : null,
    next: index >= 0 && index < ids.length - 1 ? ids[index + 1] : null,
  };
}
