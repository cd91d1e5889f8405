/**
 * The desktop window (pywebview) and the web app. In the window, files dropped on the page are
 * imported by path by the launcher, so the browser's drop-to-upload must stand aside.
 */

/** True inside the Mediabox desktop window. */
export function isDesktopWindow(): boolean {
  return typeof window !== "undefined" && "pywebview" in window;
}

/** Whether a drop on the page is taken by the desktop window's import by path. */
export function desktopHandlesDrops(): boolean {
  return isDesktopWindow();
}
