/** `GET /desktop/imports`: the import by path of files dropped on the desktop window. */
import { ApiError, createAuthFetch } from "../../api/http";

export interface DroppedImports {
  active: boolean;
  scanning: boolean;
  queued: number;
  imported: number;
  duplicates: number;
  failed: number;
  skipped: number;
  current: string | null;
  batch: number;
  failures: { name: string; reason: string }[];
}

export const droppedImportsKey = ["desktop", "imports"] as const;

const authFetch = createAuthFetch();

export async function fetchDroppedImports(): Promise<DroppedImports> {
  const response = await authFetch("/desktop/imports", { headers: { Accept: "application/json" } });
  if (!response.ok) throw await ApiError.fromResponse(response);
  return (await response.json()) as DroppedImports;
}

/** Files finished (imported, duplicate or failed) and the total known so far. */
export function progressOf(state: DroppedImports): { done: number; total: number } {
  const done = state.imported + state.duplicates + state.failed;
  return { done, total: done + state.queued + (state.current ? 1 : 0) };
}

/** `/desktop/network`: the desktop's "Open on my network" (a listener on 0.0.0.0 + mDNS). */
export interface NetworkSharing {
  running: boolean;
  urls: string[];
  name: string | null;
}

export const networkSharingKey = ["desktop", "network"] as const;

async function networkRequest(method: "GET" | "POST" | "DELETE"): Promise<NetworkSharing> {
  const response = await authFetch("/desktop/network", { method, headers: { Accept: "application/json" } });
  if (!response.ok) throw await ApiError.fromResponse(response);
  return (await response.json()) as NetworkSharing;
}

export const fetchNetworkSharing = () => networkRequest("GET");
export const startNetworkSharing = () => networkRequest("POST");
export const stopNetworkSharing = () => networkRequest("DELETE");
