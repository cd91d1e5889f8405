import { createContext, useContext } from "react";
import type { MediaKind, SignedUrl } from "./api";

/**
 * Where the viewer's signed URLs come from. Without a provider: the owner's assets API. The
 * share page provides its link's `download-url` instead, so the same photo and video views
 * work for a friend without an account.
 */
export interface MediaUrlSource {
  /** Part of the query key, so URLs of different sources never mix in the cache. */
  key: string;
  fetch(id: string, kind: MediaKind | "stream"): Promise<SignedUrl>;
}

export const MediaUrlSourceContext = createContext<MediaUrlSource | null>(null);

export function useMediaUrlSource(): MediaUrlSource | null {
  return useContext(MediaUrlSourceContext);
}
