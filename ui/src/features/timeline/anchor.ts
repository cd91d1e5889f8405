/**
 * Scroll anchoring: when sections above the viewport change height (a month replaces its
 * estimate with its real layout), the virtual scroll position moves by the same amount so
 * what the user looks at stays put. When the section under the viewport's top edge itself
 * changes, the distance to its nearer edge is kept.
 */

/** Start offsets of sections from their heights. */
export function sectionTops(heights: ArrayLike<number>): Float64Array {
  const tops = new Float64Array(heights.length + 1);
  for (let i = 0; i < heights.length; i++) tops[i + 1] = tops[i] + heights[i];
  return tops;
}

/** Index of the section holding virtual position `y` (binary search over tops). */
export function sectionAt(tops: ArrayLike<number>, y: number): number {
  const count = tops.length - 1;
  if (count <= 0) return -1;
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (tops[mid] <= y) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The new virtual scroll top after heights changed from `previous` to `next`. */
export function anchoredScrollTop(
  previous: ArrayLike<number>,
  next: ArrayLike<number>,
  scrollTop: number,
): number {
  if (scrollTop <= 0 || previous.length === 0 || previous.length !== next.length) return scrollTop;
  const before = sectionTops(previous);
  const after = sectionTops(next);
  const index = sectionAt(before, scrollTop);
  const offset = scrollTop - before[index];
  const oldHeight = previous[index];
  const newHeight = next[index];
  let newOffset = offset;
  if (oldHeight !== newHeight) {
    newOffset = offset <= oldHeight / 2 ? offset : newHeight - (oldHeight - offset);
    newOffset = Math.min(Math.max(newOffset, 0), newHeight);
  }
  return Math.max(0, after[index] + newOffset);
}
