import { describe, expect, it } from "vitest";
import { createScrollScale, MAX_DOM_HEIGHT } from "./scaledScroll";

describe("createScrollScale", () => {
  it("is the identity while the layout fits", () => {
    const scale = createScrollScale(1_000_000, 800);
    expect(scale.factor).toBe(1);
    expect(scale.domHeight).toBe(1_000_000);
    expect(scale.toVirtual(1234)).toBe(1234);
    expect(scale.toDom(1234)).toBe(1234);
  });

  it("caps the DOM height and still reaches the oldest row of 500,000 assets", () => {
    const virtual = 500_000 * 45; // ~ 22.5 M px of rows
    const viewport = 800;
    const scale = createScrollScale(virtual, viewport);
    expect(scale.domHeight).toBe(MAX_DOM_HEIGHT);
    expect(scale.factor).toBeGreaterThan(1);
    const maxScroll = scale.domHeight - viewport;
    expect(scale.toVirtual(maxScroll)).toBeCloseTo(virtual - viewport, 3);
    expect(scale.toVirtual(0)).toBe(0);
  });

  it("round-trips and is monotonic", () => {
    const scale = createScrollScale(40_000_000, 900);
    let previous = -1;
    for (let top = 0; top <= scale.domHeight - 900; top += 123_457) {
      const virtual = scale.toVirtual(top);
      expect(virtual).toBeGreaterThan(previous);
      previous = virtual;
      expect(scale.toDom(virtual)).toBeCloseTo(top, 6);
    }
    for (let virtual = 0; virtual < 40_000_000 - 900; virtual += 999_999) {
      expect(scale.toVirtual(scale.toDom(virtual))).toBeCloseTo(virtual, 4);
    }
  });

  it("clamps out-of-range positions", () => {
    const scale = createScrollScale(30_000_000, 800);
    expect(scale.toVirtual(-50)).toBe(0);
    expect(scale.toVirtual(MAX_DOM_HEIGHT * 2)).toBeCloseTo(30_000_000 - 800, 3);
    expect(scale.toDom(1e12)).toBeCloseTo(MAX_DOM_HEIGHT - 800, 3);
  });
});
