/**
 * Trash grouping: by the day an item was deleted (in the viewer's time zone), newest first,
 * with how long ago that was and how long until the automatic purge. The server's retention
 * is TRASH_RETENTION_DAYS (default 30); the API does not publish it, so the default is used.
 */
import { daysBetween, localDateKey } from "../timeline/dates";

export const TRASH_RETENTION_DAYS = 30;

export interface Trashed {
  id: string;
  deleted_at: string | null;
}

export function deletedDay(item: Trashed, timeZone?: string): string {
  return item.deleted_at ? localDateKey(new Date(item.deleted_at), timeZone) : "0000-00-00";
}

/** Items ordered by deletion time, newest first (stable for equal times). */
export function byDeletion<T extends Trashed>(items: readonly T[]): T[] {
  return items
    .map((item, index) => ({ item, index, at: item.deleted_at ? Date.parse(item.deleted_at) : 0 }))
    .sort((a, b) => b.at - a.at || a.index - b.index)
    .map(({ item }) => item);
}

export function retentionOf(day: string, today: string, retentionDays = TRASH_RETENTION_DAYS) {
  const ago = Math.max(0, daysBetween(day, today));
  return { ago, left: Math.max(0, retentionDays - ago) };
}
