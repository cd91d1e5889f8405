import { sectionAt } from "../anchor";

/** The band of virtual space the grid renders: the viewport plus overscan, in coarse steps. */
export interface RenderWindow {
  start: number;
  end: number;
}

export function renderWindow(virtualTop: number, viewportHeight: number): RenderWindow {
  const viewport = Math.max(viewportHeight, 200);
  const step = viewport / 4;
  const overscan = viewport * 0.6;
  const start = Math.max(0, Math.floor((virtualTop - overscan) / step) * step);
  const end = Math.ceil((virtualTop + viewport + overscan) / step) * step;
  return { start, end };
}

/** Indices [first, last] of sections that intersect [top, bottom], or null when there are none. */
export function sectionsIn(tops: ArrayLike<number>, top: number, bottom: number): [number, number] | null {
  if (tops.length < 2) return null;
  return [sectionAt(tops, top), sectionAt(tops, bottom)];
}
