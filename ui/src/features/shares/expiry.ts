/** Expiry presets of the share dialog and the status a link shows in "My links". */
export type ExpiryPreset = "1d" | "7d" | "30d" | "never" | "date";

export const PRESETS: ExpiryPreset[] = ["1d", "7d", "30d", "never", "date"];
const DAYS: Record<string, number> = { "1d": 1, "7d": 7, "30d": 30 };

/** The ISO instant a preset means from `now`; `date` is the end of that local day. */
export function expiresAt(preset: ExpiryPreset, now: Date, date?: string): string | null {
  if (preset === "never") return null;
  if (preset === "date") {
    if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
    const [year, month, day] = date.split("-").map(Number);
    return new Date(year, month - 1, day, 23, 59, 59).toISOString();
  }
  return new Date(now.getTime() + DAYS[preset] * 86_400_000).toISOString();
}

/** A date input's value for "today + days" in local time. */
export function localDateInput(now: Date, days = 0): string {
  const day = new Date(now.getFullYear(), now.getMonth(), now.getDate() + days);
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
}

export type LinkStatus = "active" | "expired" | "revoked" | "usedUp";

/** The server says active/expired/revoked; a link whose views ran out is "used up". */
export function linkStatus(share: {
  status: string;
  max_views: number | null;
  view_count: number;
}): LinkStatus {
  if (share.status === "revoked") return "revoked";
  if (share.max_views !== null && share.view_count >= share.max_views) return "usedUp";
  return share.status === "active" ? "active" : "expired";
}
