/**
 * Zoom and pan math for the photo viewer, free of the DOM so it can be tested.
 *
 * The image element fills the stage; its visible picture is the `fit` rectangle (the photo
 * scaled to fit, centred). A transform `translate(x, y) scale(scale)` with the origin at the
 * stage centre zooms it: a stage point `p` (relative to the centre) shows the picture point
 * `(p - (x, y)) / scale`.
 */

export interface Size {
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

export interface Transform {
  scale: number;
  x: number;
  y: number;
}

export const IDENTITY: Transform = { scale: 1, x: 0, y: 0 };
/** The least maximum zoom; photos larger than the screen allow more (up to 1:1 × 2). */
export const MIN_MAX_SCALE = 4;
export const DOUBLE_TAP_SCALE = 2.5;

/** The picture's size when it fits the stage (object-fit: contain). */
export function fitSize(stage: Size, ratio: number): Size {
  if (!(ratio > 0) || stage.width <= 0 || stage.height <= 0) return { width: 0, height: 0 };
  const stageRatio = stage.width / stage.height;
  return ratio >= stageRatio
    ? { width: stage.width, height: stage.width / ratio }
    : { width: stage.height * ratio, height: stage.height };
}

/** The largest zoom: at least 4×, or enough to see the original at twice its pixel size. */
export function maxScale(fit: Size, originalWidth: number | null | undefined, dpr = 1): number {
  if (!originalWidth || fit.width <= 0) return MIN_MAX_SCALE;
  return Math.max(MIN_MAX_SCALE, ((originalWidth / dpr) * 2) / fit.width);
}

export function clampScale(scale: number, max: number): number {
  if (!Number.isFinite(scale)) return 1;
  return Math.min(max, Math.max(1, scale));
}

/** Keep the picture covering the stage where it can: no empty margin beside a zoomed edge. */
export function clampPan(t: Transform, stage: Size, fit: Size): Transform {
  const limitX = Math.max(0, (fit.width * t.scale - stage.width) / 2);
  const limitY = Math.max(0, (fit.height * t.scale - stage.height) / 2);
  const clamp = (value: number, limit: number) => Math.min(limit, Math.max(-limit, value)) || 0;
  return { scale: t.scale, x: clamp(t.x, limitX), y: clamp(t.y, limitY) };
}

/** A stage point (from its top-left corner) relative to the stage centre. */
export function fromCentre(point: Point, stage: Size): Point {
  return { x: point.x - stage.width / 2, y: point.y - stage.height / 2 };
}

/**
 * Zoom to `scale` keeping the picture point under `point` (stage coordinates from the
 * top-left) where it is, then clamp.
 */
export function zoomAt(
  t: Transform,
  scale: number,
  point: Point,
  stage: Size,
  fit: Size,
  max: number,
): Transform {
  const next = clampScale(scale, max);
  const q = fromCentre(point, stage);
  const u = { x: (q.x - t.x) / t.scale, y: (q.y - t.y) / t.scale };
  return clampPan({ scale: next, x: q.x - next * u.x, y: q.y - next * u.y }, stage, fit);
}

/** A wheel step: zoom by a factor of the scroll distance, around the cursor. */
export function wheelZoom(
  t: Transform,
  deltaY: number,
  point: Point,
  stage: Size,
  fit: Size,
  max: number,
): Transform {
  const factor = Math.exp(-Math.max(-200, Math.min(200, deltaY)) * 0.002);
  return zoomAt(t, t.scale * factor, point, stage, fit, max);
}

/** Double-click / double-tap: zoom in on the point, or back to fit when already zoomed. */
export function toggleZoom(
  t: Transform,
  point: Point,
  stage: Size,
  fit: Size,
  max: number,
): Transform {
  if (t.scale > 1.01) return IDENTITY;
  return zoomAt(t, Math.min(DOUBLE_TAP_SCALE, max), point, stage, fit, max);
}

export interface Pinch {
  /** The transform when the second finger went down. */
  start: Transform;
  /** Midpoint and distance of the two fingers then (stage coordinates). */
  midpoint: Point;
  distance: number;
}

/** Two fingers: scale by the change of their distance, keep the picture under the midpoint. */
export function pinchZoom(
  pinch: Pinch,
  midpoint: Point,
  distance: number,
  stage: Size,
  fit: Size,
  max: number,
): Transform {
  const { start } = pinch;
  const scale = clampScale(start.scale * (distance / Math.max(1, pinch.distance)), max);
  const q0 = fromCentre(pinch.midpoint, stage);
  const q1 = fromCentre(midpoint, stage);
  const u = { x: (q0.x - start.x) / start.scale, y: (q0.y - start.y) / start.scale };
  return clampPan({ scale, x: q1.x - scale * u.x, y: q1.y - scale * u.y }, stage, fit);
}

/** Drag: move by the pointer's travel since the drag began, clamped. */
export function panBy(start: Transform, dx: number, dy: number, stage: Size, fit: Size): Transform {
  return clampPan({ scale: start.scale, x: start.x + dx, y: start.y + dy }, stage, fit);
}

/** Device pixels across the picture at this zoom: when it passes the preview's, load more. */
export function needsMorePixels(
  fit: Size,
  scale: number,
  dpr: number,
  loadedWidth: number,
  originalWidth: number | null | undefined,
): boolean {
  if (!originalWidth || loadedWidth <= 0 || originalWidth <= loadedWidth * 1.05) return false;
  return fit.width * scale * dpr > loadedWidth * 1.05;
}

export type SwipeDirection = "prev" | "next" | null;

/** A horizontal touch swipe at fit: far enough and more sideways than vertical. */
export function swipeDirection(dx: number, dy: number, stageWidth: number): SwipeDirection {
  const threshold = Math.min(80, Math.max(40, stageWidth * 0.15));
  if (Math.abs(dx) < threshold || Math.abs(dx) < Math.abs(dy) * 1.5) return null;
  return dx < 0 ? "next" : "prev";
}

export function distance(a: Point, b: Point): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

export function midpoint(a: Point, b: Point): Point {
  return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
}
