/** Timeline order across loaded months: positions, neighbours for the viewer, and ranges. */
import type { MonthColumns } from "./api";
import { indexInMonth } from "./hooks/useTimeline";

export interface Position {
  month: number;
  index: number;
}

export function positionOf(months: readonly (MonthColumns | undefined)[], id: string): Position | null {
  for (let month = 0; month < months.length; month++) {
    const data = months[month];
    if (!data) continue;
    const index = indexInMonth(data, id);
    if (index >= 0) return { month, index };
  }
  return null;
}

/**
 * The ids before and after `id`; across a month boundary the adjacent month must be loaded
 * (`missing` then names the month index to load), empty months are skipped.
 */
export function neighboursOf(
  months: readonly (MonthColumns | undefined)[],
  counts: readonly number[],
  id: string,
): { prev: string | null; next: string | null; missing: number[] } {
  const position = positionOf(months, id);
  const missing: number[] = [];
  if (!position) return { prev: null, next: null, missing };
  const step = (direction: -1 | 1): string | null => {
    const data = months[position.month]!;
    const index = position.index + direction;
    if (index >= 0 && index < data.ids.length) return data.ids[index];
    for (let month = position.month + direction; month >= 0 && month < months.length; month += direction) {
      if (counts[month] === 0) continue;
      const other = months[month];
      if (!other) {
        missing.push(month);
        return null;
      }
      if (other.ids.length) return direction < 0 ? other.ids[other.ids.length - 1] : other.ids[0];
    }
    return null;
  };
  return { prev: step(-1), next: step(1), missing };
}

/** All ids from position a to b (inclusive, in timeline order); every month between must be loaded. */
export function idsBetween(months: readonly (MonthColumns | undefined)[], a: Position, b: Position): string[] {
  const [from, to] = a.month < b.month || (a.month === b.month && a.index <= b.index) ? [a, b] : [b, a];
  const ids: string[] = [];
  for (let month = from.month; month <= to.month; month++) {
    const data = months[month];
    if (!data) continue;
    const start = month === from.month ? from.index : 0;
    const end = month === to.month ? to.index + 1 : data.ids.length;
    for (let i = start; i < end; i++) ids.push(data.ids[i]);
  }
  return ids;
}
