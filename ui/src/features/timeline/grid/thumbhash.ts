/** Thumbhash placeholders as data URLs, decoded once per hash (bounded cache). */
import { thumbHashToDataURL } from "thumbhash";

const cache = new Map<string, string>();
const LIMIT = 4000;

export function thumbhashDataUrl(hash: string | null | undefined): string | undefined {
  if (!hash) return undefined;
  const hit = cache.get(hash);
  if (hit) return hit;
  let url: string | undefined;
  try {
    const bytes = Uint8Array.from(atob(hash), (c) => c.charCodeAt(0));
    url = thumbHashToDataURL(bytes);
  } catch {
    return undefined;
  }
  if (cache.size >= LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(hash, url);
  return url;
}
