/**
 * What the server's shell says about the link before any request (`<meta
 * name="mediabox-share-state">`): open, locked (password first, nothing fetched) or ended with
 * the error code. The token is the last path segment of `/s/<token>`.
 */
export type ShellState =
  | "open"
  | "locked"
  | "share_not_found"
  | "share_revoked"
  | "share_expired"
  | "share_view_limit"
  | "share_unavailable";

const KNOWN: readonly ShellState[] = [
  "open",
  "locked",
  "share_not_found",
  "share_revoked",
  "share_expired",
  "share_view_limit",
  "share_unavailable",
];

export function readShellState(doc: Document = document): ShellState {
  const value = doc.querySelector('meta[name="mediabox-share-state"]')?.getAttribute("content");
  return (KNOWN as readonly string[]).includes(value ?? "") ? (value as ShellState) : "open";
}

export function tokenFromPath(pathname: string): string {
  const match = /^\/s\/([^/?#]+)/.exec(pathname);
  return match ? decodeURIComponent(match[1]) : "";
}

/** The ended page for an error code of the share API (404/410), or null for other errors. */
export function endedReason(code: string, status: number): ShellState | null {
  if ((KNOWN as readonly string[]).includes(code) && code.startsWith("share_")) {
    return code as ShellState;
  }
  if (status === 404) return "share_not_found";
  if (status === 410) return "share_expired";
  return null;
}
