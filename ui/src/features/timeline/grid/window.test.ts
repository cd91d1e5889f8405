import { describe, expect, it } from "vitest";
import { renderWindow, sectionsIn } from "./window";
import { sectionTops } from "../anchor";

describe("renderWindow", () => {
  it("covers the viewport with overscan and moves in coarse steps", () => {
    const a = renderWindow(10_000, 800);
    expect(a.start).toBeLessThanOrEqual(10_000 - 400);
    expect(a.end).toBeGreaterThanOrEqual(10_800 + 400);
    expect(renderWindow(10_010, 800)).toEqual(a);
    expect(renderWindow(0, 800).start).toBe(0);
  });
});

describe("sectionsIn", () => {
  it("lists the sections a band touches", () => {
    const tops = sectionTops([100, 100, 100, 100]);
    expect(sectionsIn(tops, 150, 250)).toEqual([1, 2]);
    expect(sectionsIn(tops, 0, 50)).toEqual([0, 0]);
    expect(sectionsIn(sectionTops([]), 0, 50)).toBeNull();
  });
});
