/** Where ←/→ and Esc take the viewer, from the host's sequence or, on a deep link, alone. */
import { useCallback, useRef } from "react";
import { useLocation, useNavigate } from "react-router";
import { useAssetSequence } from "./sequence";

export type ViewerMode = "library" | "trash";

export interface ViewerNavigation {
  prev: string | null;
  next: string | null;
  mode: ViewerMode;
  /** Show another asset, replacing the URL so Back still returns to the host in one step. */
  go(id: string): void;
  /** Back to the host (its scroll kept), or to `closeHref` when opened by a deep link. */
  close(): void;
  /** After the current asset left this list (trashed, restored, deleted): next, else prev, else close. */
  leave(): void;
}

export function useViewerNavigation(id: string): ViewerNavigation {
  const sequence = useAssetSequence();
  const navigate = useNavigate();
  const location = useLocation();
  const underTrash = location.pathname.startsWith("/trash");
  // "default" is the key of the first entry of this page load: then there is no host entry
  // behind the viewer to go back to. Fixed at mount, since ←/→ replace the entry.
  const hostBehind = useRef(location.key !== "default" && sequence !== null);
  const { prev, next } = sequence?.neighbours(id) ?? { prev: null, next: null };
  const closeHref = sequence?.closeHref ?? (underTrash ? "/trash" : "/");
  const hrefFor = useCallback(
    (target: string) =>
      sequence ? sequence.hrefFor(target) : `${underTrash ? "/trash" : ""}/photos/${target}`,
    [sequence, underTrash],
  );

  const go = useCallback(
    (target: string) => navigate(hrefFor(target), { replace: true }),
    [navigate, hrefFor],
  );
  const close = useCallback(() => {
    if (hostBehind.current) navigate(-1);
    else navigate(closeHref, { replace: true });
  }, [navigate, closeHref]);
  const leave = useCallback(() => {
    const target = next ?? prev;
    if (target) go(target);
    else close();
  }, [next, prev, go, close]);

  return {
    prev,
    next,
    mode: sequence?.mode ?? (underTrash ? "trash" : "library"),
    go,
    close,
    leave,
  };
}
