/**
 * The desktop window (pywebview) and the web app. The launcher marks each page it loads with
 * `window.mediaboxDesktop = {drops: true}` once it has hooked the window's drop event (files
 * dropped there are imported by path, no HTTP copy), then fires `mediabox:desktop`; until then,
 * and always in a plain browser, the browser's drop-to-upload handles drops.
 */

declare global {
  interface Window {
    mediaboxDesktop?: { drops?: boolean };
  }
}

export const DESKTOP_READY_EVENT = "mediabox:desktop";
/** Fired by the window after it handed a drop of files to the launcher. */
export const DESKTOP_DROP_EVENT = "mediabox:desktop-drop";

/** True inside the Mediabox desktop window. */
export function isDesktopWindow(): boolean {
  return typeof window !== "undefined" && "pywebview" in window;
}

/** Whether a drop on the page is taken by the desktop window's import by path. */
export function desktopHandlesDrops(): boolean {
  return isDesktopWindow() && window.mediaboxDesktop?.drops === true;
}

/** Calls `listener` when the window starts handling drops; returns the unsubscribe. */
export function onDesktopDropsReady(listener: () => void): () => void {
  window.addEventListener(DESKTOP_READY_EVENT, listener);
  return () => window.removeEventListener(DESKTOP_READY_EVENT, listener);
}

/** Calls `listener` after each drop the window took; returns the unsubscribe. */
export function onDesktopDrop(listener: () => void): () => void {
  window.addEventListener(DESKTOP_DROP_EVENT, listener);
  return () => window.removeEventListener(DESKTOP_DROP_EVENT, listener);
}
