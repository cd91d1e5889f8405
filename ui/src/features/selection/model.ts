/**
 * Selection as a value: the chosen ids and the anchor of the next Shift+click range. Ranges
 * come from the host's order (timeline order across days and months), so they are given here.
 */
export interface Selection {
  ids: ReadonlySet<string>;
  anchor: string | null;
}

export const emptySelection: Selection = { ids: new Set(), anchor: null };

export function toggle(selection: Selection, id: string): Selection {
  const ids = new Set(selection.ids);
  if (ids.has(id)) ids.delete(id);
  else ids.add(id);
  return { ids, anchor: id };
}

/** Add every id of a range (anchor … id, both included) and move the anchor to `id`. */
export function addRange(selection: Selection, id: string, range: readonly string[]): Selection {
  const ids = new Set(selection.ids);
  for (const each of range) ids.add(each);
  ids.add(id);
  return { ids, anchor: id };
}

/** Select (or, when all are selected already, deselect) a group such as a day. */
export function toggleGroup(selection: Selection, group: readonly string[]): Selection {
  const allSelected = group.length > 0 && group.every((id) => selection.ids.has(id));
  const ids = new Set(selection.ids);
  for (const id of group) {
    if (allSelected) ids.delete(id);
    else ids.add(id);
  }
  return { ids, anchor: group[group.length - 1] ?? selection.anchor };
}

export function selectAll(ids: Iterable<string>): Selection {
  const set = new Set(ids);
  return { ids: set, anchor: null };
}

/** The ids between two positions of an ordered list, both ends included, in list order. */
export function sliceBetween(order: readonly string[], a: string, b: string): string[] {
  const i = order.indexOf(a);
  const j = order.indexOf(b);
  if (i < 0 || j < 0) return [b];
  return order.slice(Math.min(i, j), Math.max(i, j) + 1);
}
