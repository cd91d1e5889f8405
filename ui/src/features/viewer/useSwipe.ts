/** A horizontal touch swipe anywhere on an element (videos and messages; photos have their own gestures). */
import { useEffect, useRef, type RefObject } from "react";
import { swipeDirection, type SwipeDirection } from "./zoom";

export function useSwipe(
  ref: RefObject<HTMLElement | null>,
  onSwipe: (direction: Exclude<SwipeDirection, null>) => void,
): void {
  const latest = useRef(onSwipe);
  useEffect(() => {
    latest.current = onSwipe;
  });
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    let start: { id: number; x: number; y: number } | null = null;
    let fingers = 0;
    const down = (event: PointerEvent) => {
      if (event.pointerType === "mouse") return;
      fingers += 1;
      start = fingers === 1 ? { id: event.pointerId, x: event.clientX, y: event.clientY } : null;
    };
    const up = (event: PointerEvent) => {
      if (event.pointerType === "mouse") return;
      fingers = Math.max(0, fingers - 1);
      if (!start || start.id !== event.pointerId || event.type === "pointercancel") return;
      const direction = swipeDirection(
        event.clientX - start.x,
        event.clientY - start.y,
        element.clientWidth,
      );
      start = null;
      if (direction) latest.current(direction);
    };
    element.addEventListener("pointerdown", down);
    element.addEventListener("pointerup", up);
    element.addEventListener("pointercancel", up);
    return () => {
      element.removeEventListener("pointerdown", down);
      element.removeEventListener("pointerup", up);
      element.removeEventListener("pointercancel", up);
    };
  }, [ref]);
}
