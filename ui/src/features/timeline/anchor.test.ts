import { describe, expect, it } from "vitest";
import { anchoredScrollTop, sectionAt, sectionTops } from "./anchor";

describe("sectionAt", () => {
  it("finds the section holding a position", () => {
    const tops = sectionTops([100, 200, 300]);
    expect(Array.from(tops)).toEqual([0, 100, 300, 600]);
    expect(sectionAt(tops, 0)).toBe(0);
    expect(sectionAt(tops, 99)).toBe(0);
    expect(sectionAt(tops, 100)).toBe(1);
    expect(sectionAt(tops, 599)).toBe(2);
    expect(sectionAt(tops, 5000)).toBe(2);
  });
});

describe("anchoredScrollTop", () => {
  it("shifts by the height change of sections above the viewport", () => {
    expect(anchoredScrollTop([1000, 1000, 1000], [1500, 1000, 1000], 2300)).toBe(2800);
    expect(anchoredScrollTop([1000, 1000, 1000], [400, 1000, 1000], 2300)).toBe(1700);
  });

  it("ignores changes below the viewport top", () => {
    expect(anchoredScrollTop([1000, 1000, 1000], [1000, 1000, 5000], 1500)).toBe(1500);
  });

  it("keeps the distance to the nearer edge of the section being looked at", () => {
    // Near its top: keep the offset from the top.
    expect(anchoredScrollTop([1000, 1000], [1000, 3000], 1100)).toBe(1100);
    // Near its bottom (scrolling up into it): keep the offset from the bottom.
    expect(anchoredScrollTop([1000, 1000], [1000, 3000], 1900)).toBe(3900);
  });

  it("stays at the very top", () => {
    expect(anchoredScrollTop([1000], [2000], 0)).toBe(0);
  });
});
