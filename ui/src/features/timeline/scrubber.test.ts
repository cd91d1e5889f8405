import { describe, expect, it } from "vitest";
import { fractionToVirtual, trackStarts, virtualToFraction } from "./scrubber";
import { sectionTops } from "./anchor";

describe("scrubber mapping", () => {
  const counts = [10, 30, 60];
  const starts = trackStarts(counts);
  const tops = sectionTops([1000, 500, 4000]);

  it("gives months track space proportional to their counts", () => {
    expect(Array.from(starts)).toEqual([0, 0.1, 0.4, 1]);
  });

  it("maps track fractions to month positions and back", () => {
    expect(fractionToVirtual(0, starts, tops)).toEqual({ index: 0, top: 0 });
    expect(fractionToVirtual(0.1, starts, tops)).toEqual({ index: 1, top: 1000 });
    expect(fractionToVirtual(0.7, starts, tops).index).toBe(2);
    expect(fractionToVirtual(0.7, starts, tops).top).toBeCloseTo(1500 + 2000, 6);
    expect(fractionToVirtual(1, starts, tops).top).toBe(5500);
    for (let f = 0; f <= 1; f += 0.05) {
      const { top } = fractionToVirtual(f, starts, tops);
      expect(virtualToFraction(top, starts, tops)).toBeCloseTo(f, 9);
    }
  });

  it("is monotonic", () => {
    let previous = -1;
    for (let f = 0; f <= 1; f += 0.01) {
      const { top } = fractionToVirtual(f, starts, tops);
      expect(top).toBeGreaterThanOrEqual(previous);
      previous = top;
    }
  });

  it("copes with no months", () => {
    expect(fractionToVirtual(0.5, trackStarts([]), sectionTops([]))).toEqual({ index: -1, top: 0 });
    expect(virtualToFraction(10, trackStarts([]), sectionTops([]))).toBe(0);
  });
});
