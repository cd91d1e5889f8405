/**
 * Justified layout of one section (a month, or the trash): greedy rows of about the target
 * height, stretched to the full width except a day's last row; days open with a header band,
 * and a small day may share the row of the small days before it (its header then starts
 * mid-row). One pass over the items, O(n), so a month of 30,000 photos lays out in a few ms.
 */

export interface LayoutOptions {
  /** Content width in CSS px. */
  width: number;
  /** Target row height in CSS px. */
  rowHeight: number;
  /** Space between tiles, horizontally and vertically. */
  gap: number;
  /** Height of the band that holds day headers above a row. */
  headerHeight: number;
  /** Horizontal space between two days that share a row. */
  dayGap: number;
  /** Space after the section's last row. */
  bottomPadding: number;
}

/** A row of tiles; `top` includes its header band when the row opens a day. */
export interface LayoutRow {
  top: number;
  tilesTop: number;
  height: number;
  start: number;
  end: number;
}

export interface DayHeaderBox {
  day: string;
  x: number;
  top: number;
  width: number;
  /** The day's items are [start, end). */
  start: number;
  end: number;
}

export interface SectionLayout {
  width: number;
  height: number;
  xs: Float64Array;
  ys: Float64Array;
  ws: Float64Array;
  hs: Float64Array;
  rows: LayoutRow[];
  headers: DayHeaderBox[];
}

/** The target row height for a container width: ~180–240 px on wide screens, smaller on phones. */
export function targetRowHeight(width: number): number {
  if (width < 640) return Math.round(Math.min(170, Math.max(110, width * 0.33)));
  return Math.round(Math.min(240, 180 + (width - 640) * 0.047));
}

export function defaultLayoutOptions(width: number): LayoutOptions {
  const narrow = width < 640;
  return {
    width,
    rowHeight: targetRowHeight(width),
    gap: narrow ? 2 : 4,
    headerHeight: narrow ? 40 : 48,
    dayGap: narrow ? 12 : 20,
    bottomPadding: narrow ? 4 : 8,
  };
}

function safeRatio(ratio: number): number {
  return Number.isFinite(ratio) && ratio > 0 ? Math.min(Math.max(ratio, 0.1), 10) : 1;
}

/**
 * Lay out items given by their aspect ratios (width/height) and day keys; items of one day
 * must be consecutive. Day keys are opaque strings (e.g. "2026-01-05").
 */
export function layoutSection(
  ratios: ArrayLike<number>,
  dayKeys: ArrayLike<string>,
  options: LayoutOptions,
): SectionLayout {
  const n = ratios.length;
  const { width, rowHeight: target, gap, headerHeight, dayGap, bottomPadding } = options;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  const ws = new Float64Array(n);
  const hs = new Float64Array(n);
  const rows: LayoutRow[] = [];
  const headers: DayHeaderBox[] = [];
  const dayStart = (i: number) => i === 0 || dayKeys[i] !== dayKeys[i - 1];

  // Day ranges, found once.
  const dayEnds = new Int32Array(n);
  for (let i = n - 1; i >= 0; i--) dayEnds[i] = i === n - 1 || dayStart(i + 1) ? i + 1 : dayEnds[i + 1];

  let y = 0;
  let rowStart = 0;
  let rowCount = 0;
  let rowSum = 0; // sum of ratios
  let rowGaps = 0; // horizontal space taken by gaps

  const flush = (height: number) => {
    if (rowCount === 0) return;
    const end = rowStart + rowCount;
    const opensDay = dayStart(rowStart);
    const top = y;
    const tilesTop = opensDay ? y + headerHeight : y;
    let x = 0;
    for (let i = rowStart; i < end; i++) {
      if (i > rowStart) x += dayStart(i) ? dayGap : gap;
      const w = safeRatio(ratios[i]) * height;
      xs[i] = x;
      ys[i] = tilesTop;
      ws[i] = w;
      hs[i] = height;
      x += w;
    }
    if (opensDay) {
      for (let i = rowStart; i < end; i++) {
        if (!dayStart(i)) continue;
        const segmentEnd = Math.min(dayEnds[i], end);
        const next = segmentEnd < end ? xs[segmentEnd] - dayGap / 2 : width;
        headers.push({
          day: dayKeys[i],
          x: xs[i],
          top,
          width: Math.max(next - xs[i], 0),
          start: i,
          end: dayEnds[i],
        });
      }
    }
    rows.push({ top, tilesTop, height, start: rowStart, end });
    y = tilesTop + height + gap;
    rowStart = end;
    rowCount = 0;
    rowSum = 0;
    rowGaps = 0;
  };
  const justified = () => (width - rowGaps) / rowSum;
  const natural = () => Math.min(target, justified());

  let i = 0;
  while (i < n) {
    const dayEnd = dayEnds[i];
    if (rowCount > 0) {
      // The open row holds whole days only when it began with a day: try to share it.
      let daySum = 0;
      for (let j = i; j < dayEnd; j++) daySum += safeRatio(ratios[j]);
      const dayWidth = daySum * target + (dayEnd - i - 1) * gap;
      const rowWidth = rowSum * target + rowGaps;
      if (dayStart(rowStart) && rowWidth + dayGap + dayWidth <= width) {
        rowGaps += dayGap + (dayEnd - i - 1) * gap;
        rowSum += daySum;
        rowCount += dayEnd - i;
        i = dayEnd;
        continue;
      }
      flush(natural());
    }
    for (; i < dayEnd; i++) {
      const ratio = safeRatio(ratios[i]);
      if (rowCount === 0) {
        rowCount = 1;
        rowSum = ratio;
        continue;
      }
      const withSum = rowSum + ratio;
      const withGaps = rowGaps + gap;
      if (withSum * target + withGaps < width) {
        rowCount++;
        rowSum = withSum;
        rowGaps = withGaps;
        continue;
      }
      const heightWithout = justified();
      const heightWith = (width - withGaps) / withSum;
      if (heightWithout - target < target - heightWith) {
        flush(heightWithout);
        rowCount = 1;
        rowSum = ratio;
      } else {
        rowCount++;
        rowSum = withSum;
        rowGaps = withGaps;
        flush(heightWith);
      }
    }
  }
  flush(natural());
  const height = rows.length ? y - gap + bottomPadding : 0;
  return { width, height, xs, ys, ws, hs, rows, headers };
}

/**
 * The height of a section before its items are known, from its count alone (bucket counts):
 * rows of average-ratio photos plus one header band and a half-empty row per expected day.
 */
export function estimateSectionHeight(count: number, options: LayoutOptions, averageRatio = 1.4): number {
  if (count <= 0) return 0;
  const { width, rowHeight, gap, headerHeight, bottomPadding } = options;
  const perRow = Math.max(1, (width + gap) / (averageRatio * rowHeight + gap));
  const days = Math.min(31, Math.max(1, Math.ceil(Math.sqrt(count))));
  const sharedDays = Math.max(1, Math.min(days, Math.ceil(count / perRow)));
  const rows = Math.ceil(count / perRow + sharedDays * 0.5);
  return Math.round(rows * (rowHeight + gap) + sharedDays * headerHeight + bottomPadding);
}

/** Index of the first row whose bottom reaches `y` (binary search). */
export function firstRowAt(rows: LayoutRow[], y: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid].tilesTop + rows[mid].height < y) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
