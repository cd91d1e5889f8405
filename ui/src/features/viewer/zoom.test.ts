import { describe, expect, it } from "vitest";
import {
  clampPan,
  clampScale,
  fitSize,
  IDENTITY,
  maxScale,
  needsMorePixels,
  panBy,
  pinchZoom,
  swipeDirection,
  toggleZoom,
  wheelZoom,
  zoomAt,
  type Point,
  type Size,
  type Transform,
} from "./zoom";

const stage: Size = { width: 1000, height: 800 };
const fit = fitSize(stage, 1.5); // 1000 × 666.67

/** Where a picture point (relative to the picture centre, in fit pixels) shows on the stage. */
function screenOf(t: Transform, u: Point): Point {
  return { x: stage.width / 2 + t.x + t.scale * u.x, y: stage.height / 2 + t.y + t.scale * u.y };
}
function pictureAt(t: Transform, p: Point): Point {
  return {
    x: (p.x - stage.width / 2 - t.x) / t.scale,
    y: (p.y - stage.height / 2 - t.y) / t.scale,
  };
}

describe("fitSize", () => {
  it("fits a wide picture to the width and a tall one to the height", () => {
    expect(fitSize(stage, 2)).toEqual({ width: 1000, height: 500 });
    expect(fitSize(stage, 0.5)).toEqual({ width: 400, height: 800 });
  });
  it("is empty without a ratio or a stage", () => {
    expect(fitSize(stage, 0)).toEqual({ width: 0, height: 0 });
    expect(fitSize({ width: 0, height: 0 }, 1)).toEqual({ width: 0, height: 0 });
  });
});

describe("scale limits", () => {
  it("allows at least 4× and more for a large original", () => {
    expect(maxScale(fit, 1200)).toBe(4);
    expect(maxScale(fit, 4000)).toBe(8);
    expect(maxScale(fit, 4000, 2)).toBe(4);
    expect(maxScale(fit, null)).toBe(4);
  });
  it("clamps between fit and the maximum", () => {
    expect(clampScale(0.2, 4)).toBe(1);
    expect(clampScale(9, 4)).toBe(4);
    expect(clampScale(Number.NaN, 4)).toBe(1);
  });
});

describe("clampPan", () => {
  it("centres a picture that is not larger than the stage", () => {
    expect(clampPan({ scale: 1, x: 120, y: -50 }, stage, fit)).toEqual(IDENTITY);
  });
  it("stops at the edges of a zoomed picture", () => {
    // At 2× the picture is 2000 × 1333: it may move 500 px sideways and 266.7 px up or down.
    const t = clampPan({ scale: 2, x: 900, y: -900 }, stage, fit);
    expect(t.x).toBe(500);
    expect(t.y).toBeCloseTo(-(1333.33 - 800) / 2, 1);
  });
});

describe("zoomAt", () => {
  it("keeps the picture point under the cursor in place", () => {
    const cursor = { x: 700, y: 300 };
    const before = pictureAt(IDENTITY, cursor);
    const t = zoomAt(IDENTITY, 3, cursor, stage, fit, 4);
    expect(t.scale).toBe(3);
    const after = screenOf(t, before);
    expect(after.x).toBeCloseTo(cursor.x, 6);
    expect(after.y).toBeCloseTo(cursor.y, 6);
  });
  it("zooms around the centre without moving", () => {
    expect(zoomAt(IDENTITY, 2, { x: 500, y: 400 }, stage, fit, 4)).toEqual({
      scale: 2,
      x: 0,
      y: 0,
    });
  });
  it("clamps the scale and the pan near a corner", () => {
    const t = zoomAt(IDENTITY, 10, { x: 0, y: 0 }, stage, fit, 4);
    expect(t.scale).toBe(4);
    expect(t.x).toBe((1000 * 4 - 1000) / 2);
    expect(t.y).toBeCloseTo((666.667 * 4 - 800) / 2, 2);
  });
  it("returns to the centred fit when zoomed out fully", () => {
    const zoomed = zoomAt(IDENTITY, 3, { x: 100, y: 100 }, stage, fit, 4);
    expect(zoomAt(zoomed, 0.5, { x: 900, y: 700 }, stage, fit, 4)).toEqual(IDENTITY);
  });
});

describe("wheel, double-tap, pinch and pan", () => {
  it("zooms in on wheel up and out on wheel down", () => {
    const inward = wheelZoom(IDENTITY, -100, { x: 500, y: 400 }, stage, fit, 4);
    expect(inward.scale).toBeGreaterThan(1);
    expect(wheelZoom(inward, 100, { x: 500, y: 400 }, stage, fit, 4).scale).toBeCloseTo(1, 6);
  });
  it("reaches 4× with enough wheel steps", () => {
    let t = IDENTITY;
    for (let i = 0; i < 20; i++) t = wheelZoom(t, -120, { x: 300, y: 300 }, stage, fit, 4);
    expect(t.scale).toBe(4);
  });
  it("toggles between fit and a close-up at the point", () => {
    const close = toggleZoom(IDENTITY, { x: 600, y: 400 }, stage, fit, 4);
    expect(close.scale).toBe(2.5);
    expect(close.x).toBeCloseTo(-(600 - 500) * 1.5, 6);
    expect(toggleZoom(close, { x: 600, y: 400 }, stage, fit, 4)).toEqual(IDENTITY);
  });
  it("scales a pinch by the finger distance and follows the midpoint", () => {
    const pinch = { start: IDENTITY, midpoint: { x: 500, y: 400 }, distance: 100 };
    const t = pinchZoom(pinch, { x: 540, y: 400 }, 300, stage, fit, 4);
    expect(t.scale).toBe(3);
    expect(t.x).toBeCloseTo(40, 6);
    expect(pinchZoom(pinch, { x: 500, y: 400 }, 10, stage, fit, 4)).toEqual(IDENTITY);
  });
  it("pans by the drag within the bounds", () => {
    const start = { scale: 2, x: 0, y: 0 };
    expect(panBy(start, 120, -40, stage, fit)).toEqual({ scale: 2, x: 120, y: -40 });
    expect(panBy(start, 5000, 0, stage, fit).x).toBe(500);
  });
});

describe("needsMorePixels", () => {
  it("asks for the original once the preview would be magnified", () => {
    // A 1600 px preview of a 4000 px original shown 1000 px wide.
    expect(needsMorePixels(fit, 1, 1, 1600, 4000)).toBe(false);
    expect(needsMorePixels(fit, 1.6, 1, 1600, 4000)).toBe(false);
    expect(needsMorePixels(fit, 1.8, 1, 1600, 4000)).toBe(true);
    expect(needsMorePixels(fit, 1, 2, 1600, 4000)).toBe(true);
  });
  it("never when the original is no larger than the preview or unknown", () => {
    expect(needsMorePixels(fit, 4, 1, 640, 640)).toBe(false);
    expect(needsMorePixels(fit, 4, 1, 1600, null)).toBe(false);
    expect(needsMorePixels(fit, 4, 1, 0, 4000)).toBe(false);
  });
});

describe("swipeDirection", () => {
  it("reads a sideways swipe and ignores short or vertical moves", () => {
    expect(swipeDirection(-120, 10, 390)).toBe("next");
    expect(swipeDirection(120, -20, 390)).toBe("prev");
    expect(swipeDirection(-30, 0, 390)).toBeNull();
    expect(swipeDirection(-120, 200, 390)).toBeNull();
  });
});
