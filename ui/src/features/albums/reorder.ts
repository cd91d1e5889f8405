/**
 * Dropping a tile on another: dragging forward puts it after the target, dragging backward
 * puts it before (that is, after the target's predecessor, or at the start). Returns
 * `undefined` when nothing moves.
 */
export function afterFor(ids: readonly string[], dragged: string, target: string): string | null | undefined {
  const from = ids.indexOf(dragged);
  const to = ids.indexOf(target);
  if (from < 0 || to < 0 || from === to) return undefined;
  if (to > from) return target;
  return to === 0 ? null : ids[to - 1];
}

/** The order after such a move (what the grid shows until the server answers). */
export function moved(ids: readonly string[], dragged: string, after: string | null): string[] {
  const rest = ids.filter((id) => id !== dragged);
  const at = after === null ? 0 : rest.indexOf(after) + 1;
  return [...rest.slice(0, at), dragged, ...rest.slice(at)];
}
