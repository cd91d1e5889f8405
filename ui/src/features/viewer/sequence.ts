import { createContext, useContext } from "react";

/**
 * What a page that hosts the viewer (timeline, trash, album, share page) tells it: the order
 * to move through with ←/→ and where Esc/Back returns. The host stays mounted under the
 * viewer, so its scroll position is kept.
 */
export interface AssetSequence {
  /** The ids before and after `id` in the host's order; null at the ends or when unknown. */
  neighbours(id: string): { prev: string | null; next: string | null };
  /** The URL that opens the viewer on `id` (e.g. `/photos/${id}`). */
  hrefFor(id: string): string;
  /** Where closing the viewer goes (e.g. `/`). */
  closeHref: string;
  /** Called after the viewer trashed or changed an asset, so the host can refresh. */
  onChanged?(id: string): void;
  /**
   * What the viewer's actions do: "library" (favourite, trash with undo; the default) or
   * "trash" (restore, delete forever). Without it the viewer assumes "trash" under `/trash`.
   */
  mode?: "library" | "trash";
}

export const AssetSequenceContext = createContext<AssetSequence | null>(null);

export function useAssetSequence(): AssetSequence | null {
  return useContext(AssetSequenceContext);
}
