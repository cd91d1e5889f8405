/**
 * Pointer gestures on the photo stage: wheel zoom around the cursor, two-finger pinch,
 * double-click/double-tap toggle, drag to pan when zoomed, horizontal swipe at fit.
 */
import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from "react";
import {
  clampPan,
  distance,
  IDENTITY,
  midpoint,
  panBy,
  pinchZoom,
  swipeDirection,
  toggleZoom,
  wheelZoom,
  zoomAt,
  type Pinch,
  type Point,
  type Size,
  type SwipeDirection,
  type Transform,
} from "./zoom";

const TAP_SLOP = 10;
const DOUBLE_TAP_MS = 320;
const DOUBLE_TAP_DISTANCE = 40;
const KEY_ZOOM_FACTOR = 1.5;

interface Drag {
  pointerId: number;
  origin: Point;
  start: Transform;
  startedAt: number;
  moved: boolean;
  touch: boolean;
}

export interface PhotoGestures {
  transform: Transform;
  /** Horizontal offset of a swipe in progress (at fit), for feedback. */
  swipeOffset: number;
  /** True while a finger or the mouse drives the transform (no CSS transition then). */
  interacting: boolean;
  zoomIn(): void;
  zoomOut(): void;
  reset(): void;
}

export function usePhotoGestures(
  stageRef: RefObject<HTMLElement | null>,
  stage: Size,
  fit: Size,
  max: number,
  onSwipe: (direction: Exclude<SwipeDirection, null>) => void,
): PhotoGestures {
  const [requested, setTransform] = useState<Transform>(IDENTITY);
  const [swipeOffset, setSwipeOffset] = useState(0);
  const [interacting, setInteracting] = useState(false);
  // In bounds for the current stage and fit (they change on resize or with the info panel).
  const transform = clampPan(
    { ...requested, scale: Math.min(requested.scale, Math.max(1, max)) },
    stage,
    fit,
  );
  const latest = useRef({ transform, stage, fit, max, onSwipe });
  useLayoutEffect(() => {
    latest.current = { transform, stage, fit, max, onSwipe };
  });

  useEffect(() => {
    const element = stageRef.current;
    if (!element) return;
    const pointers = new Map<number, Point>();
    let drag: Drag | null = null;
    let pinch: Pinch | null = null;
    let lastTap: { at: number; point: Point } | null = null;
    let wheelTimer: ReturnType<typeof setTimeout> | undefined;

    const local = (event: { clientX: number; clientY: number }): Point => {
      const rect = element.getBoundingClientRect();
      return { x: event.clientX - rect.left, y: event.clientY - rect.top };
    };
    const apply = (next: Transform) => {
      latest.current.transform = next;
      setTransform(next);
    };

    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const { transform: t, stage: s, fit: f, max: m } = latest.current;
      const delta = event.deltaMode === 1 ? event.deltaY * 16 : event.deltaY;
      apply(wheelZoom(t, delta, local(event), s, f, m));
      setInteracting(true);
      clearTimeout(wheelTimer);
      wheelTimer = setTimeout(() => setInteracting(false), 150);
    };

    const startPinch = () => {
      const [a, b] = [...pointers.values()];
      pinch = { start: latest.current.transform, midpoint: midpoint(a, b), distance: distance(a, b) };
      drag = null;
      setSwipeOffset(0);
    };

    const onPointerDown = (event: PointerEvent) => {
      if (event.pointerType === "mouse" && event.button !== 0) return;
      element.setPointerCapture?.(event.pointerId);
      const point = local(event);
      pointers.set(event.pointerId, point);
      setInteracting(true);
      if (pointers.size === 2) {
        startPinch();
      } else if (pointers.size === 1) {
        drag = {
          pointerId: event.pointerId,
          origin: point,
          start: latest.current.transform,
          startedAt: performance.now(),
          moved: false,
          touch: event.pointerType !== "mouse",
        };
      }
    };

    const onPointerMove = (event: PointerEvent) => {
      if (!pointers.has(event.pointerId)) return;
      const point = local(event);
      pointers.set(event.pointerId, point);
      const { stage: s, fit: f, max: m } = latest.current;
      if (pinch && pointers.size >= 2) {
        const [a, b] = [...pointers.values()];
        apply(pinchZoom(pinch, midpoint(a, b), distance(a, b), s, f, m));
        return;
      }
      if (!drag || drag.pointerId !== event.pointerId) return;
      const dx = point.x - drag.origin.x;
      const dy = point.y - drag.origin.y;
      if (!drag.moved && Math.hypot(dx, dy) < TAP_SLOP) return;
      drag.moved = true;
      if (drag.start.scale > 1.01) apply(panBy(drag.start, dx, dy, s, f));
      else if (drag.touch) setSwipeOffset(dx);
    };

    const onPointerEnd = (event: PointerEvent) => {
      if (!pointers.has(event.pointerId)) return;
      const point = local(event);
      pointers.delete(event.pointerId);
      if (pinch) {
        if (pointers.size < 2) pinch = null;
        if (pointers.size === 0) setInteracting(false);
        drag = null;
        return;
      }
      const current = drag;
      drag = null;
      setInteracting(false);
      setSwipeOffset(0);
      if (!current || current.pointerId !== event.pointerId || event.type === "pointercancel") {
        return;
      }
      const dx = point.x - current.origin.x;
      const dy = point.y - current.origin.y;
      if (current.moved) {
        if (current.touch && current.start.scale <= 1.01) {
          const direction = swipeDirection(dx, dy, latest.current.stage.width);
          if (direction) latest.current.onSwipe(direction);
        }
        return;
      }
      const now = performance.now();
      if (
        lastTap &&
        now - lastTap.at < DOUBLE_TAP_MS &&
        distance(lastTap.point, point) < DOUBLE_TAP_DISTANCE
      ) {
        lastTap = null;
        const { transform: t, stage: s, fit: f, max: m } = latest.current;
        apply(toggleZoom(t, point, s, f, m));
      } else {
        lastTap = { at: now, point };
      }
    };

    element.addEventListener("wheel", onWheel, { passive: false });
    element.addEventListener("pointerdown", onPointerDown);
    element.addEventListener("pointermove", onPointerMove);
    element.addEventListener("pointerup", onPointerEnd);
    element.addEventListener("pointercancel", onPointerEnd);
    return () => {
      clearTimeout(wheelTimer);
      element.removeEventListener("wheel", onWheel);
      element.removeEventListener("pointerdown", onPointerDown);
      element.removeEventListener("pointermove", onPointerMove);
      element.removeEventListener("pointerup", onPointerEnd);
      element.removeEventListener("pointercancel", onPointerEnd);
    };
  }, [stageRef]);

  const zoomBy = (factor: number) => {
    const { transform: t, stage: s, fit: f, max: m } = latest.current;
    const centre = { x: s.width / 2, y: s.height / 2 };
    setTransform(zoomAt(t, t.scale * factor, centre, s, f, m));
  };

  return {
    transform,
    swipeOffset,
    interacting,
    zoomIn: () => zoomBy(KEY_ZOOM_FACTOR),
    zoomOut: () => zoomBy(1 / KEY_ZOOM_FACTOR),
    reset: () => setTransform(IDENTITY),
  };
}
