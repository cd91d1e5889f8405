/**
 * The scrubber maps months by their photo counts onto its track (a busy month gets more of
 * the track than its layout height would suggest for a quiet year), and back.
 */

/** Cumulative start fraction of each month on the track, plus 1 at the end. */
export function trackStarts(counts: ArrayLike<number>): Float64Array {
  const starts = new Float64Array(counts.length + 1);
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += Math.max(0, counts[i]);
  let sum = 0;
  for (let i = 0; i < counts.length; i++) {
    starts[i] = total ? sum / total : i / Math.max(1, counts.length);
    sum += Math.max(0, counts[i]);
  }
  starts[counts.length] = 1;
  return starts;
}

function indexAt(starts: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = starts.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= value) lo = mid;
    else hi = mid - 1;
  }
  return Math.max(0, lo);
}

/** The virtual scroll position for a track fraction (0 top … 1 bottom). */
export function fractionToVirtual(
  fraction: number,
  starts: ArrayLike<number>,
  tops: ArrayLike<number>,
): { index: number; top: number } {
  if (starts.length < 2) return { index: -1, top: 0 };
  const value = Math.min(Math.max(fraction, 0), 1);
  const index = indexAt(starts, value);
  const span = starts[index + 1] - starts[index];
  const within = span > 0 ? (value - starts[index]) / span : 0;
  return { index, top: tops[index] + within * (tops[index + 1] - tops[index]) };
}

/** The track fraction for a virtual scroll position. */
export function virtualToFraction(top: number, starts: ArrayLike<number>, tops: ArrayLike<number>): number {
  if (tops.length < 2) return 0;
  const index = indexAt(tops, top);
  const height = tops[index + 1] - tops[index];
  const within = height > 0 ? Math.min(Math.max((top - tops[index]) / height, 0), 1) : 0;
  return starts[index] + within * (starts[index + 1] - starts[index]);
}
