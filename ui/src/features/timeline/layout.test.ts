import { describe, expect, it } from "vitest";
import {
  defaultLayoutOptions,
  estimateSectionHeight,
  firstRowAt,
  layoutSection,
  targetRowHeight,
  type LayoutOptions,
} from "./layout";

const options: LayoutOptions = {
  width: 1000,
  rowHeight: 200,
  gap: 4,
  headerHeight: 40,
  dayGap: 20,
  bottomPadding: 0,
};

function rowWidth(layout: ReturnType<typeof layoutSection>, row: number): number {
  const { end } = layout.rows[row];
  return layout.xs[end - 1] + layout.ws[end - 1];
}

describe("layoutSection", () => {
  it("fills full rows to the width and leaves the last row unstretched", () => {
    const ratios = Array(12).fill(1.5);
    const layout = layoutSection(ratios, Array(12).fill("2026-01-05"), options);
    expect(layout.rows.length).toBeGreaterThan(1);
    for (let r = 0; r < layout.rows.length - 1; r++) {
      expect(rowWidth(layout, r)).toBeCloseTo(1000, 6);
      expect(layout.rows[r].height).toBeGreaterThan(150);
      expect(layout.rows[r].height).toBeLessThan(260);
    }
    const last = layout.rows[layout.rows.length - 1];
    expect(last.height).toBe(200);
    expect(rowWidth(layout, layout.rows.length - 1)).toBeLessThan(1000);
  });

  it("keeps ratios, gaps and order inside a row", () => {
    const ratios = [1, 2, 0.5, 1.5, 1, 1];
    const layout = layoutSection(ratios, Array(6).fill("d"), options);
    for (const row of layout.rows) {
      for (let i = row.start; i < row.end; i++) {
        expect(layout.ws[i] / layout.hs[i]).toBeCloseTo(ratios[i], 6);
        if (i > row.start) expect(layout.xs[i]).toBeCloseTo(layout.xs[i - 1] + layout.ws[i - 1] + 4, 6);
        expect(layout.ys[i]).toBe(row.tilesTop);
      }
    }
  });

  it("opens each large day with a header on a new row", () => {
    const days = [...Array(8).fill("2026-01-05"), ...Array(8).fill("2026-01-04")];
    const layout = layoutSection(Array(16).fill(1.5), days, options);
    expect(layout.headers.map((h) => [h.day, h.x, h.start, h.end])).toEqual([
      ["2026-01-05", 0, 0, 8],
      ["2026-01-04", 0, 8, 16],
    ]);
    const second = layout.headers[1];
    expect(layout.ys[8]).toBe(second.top + 40);
    expect(layout.ys[7]).toBeLessThan(second.top);
  });

  it("lets small days share a row, headers starting mid-row", () => {
    const days = ["a", "a", "b", "c"];
    const layout = layoutSection([1, 1, 1, 1], days, options);
    expect(layout.rows).toHaveLength(1);
    expect(layout.headers.map((h) => h.day)).toEqual(["a", "b", "c"]);
    expect(layout.headers[1].x).toBeCloseTo(2 * 200 + 4 + 20, 6);
    expect(layout.headers[2].x).toBeCloseTo(3 * 200 + 4 + 40, 6);
    expect(layout.headers[1].top).toBe(layout.headers[0].top);
  });

  it("does not share a row after a day that spanned rows", () => {
    const days = [...Array(7).fill("a"), "b"];
    const layout = layoutSection(Array(8).fill(1), days, options);
    const b = layout.headers.find((h) => h.day === "b")!;
    expect(b.x).toBe(0);
    expect(layout.ys[7]).toBeGreaterThan(layout.ys[6]);
  });

  it("gives a panorama wider than the row a row of its own", () => {
    const layout = layoutSection([8, 1, 1], ["d", "d", "d"], options);
    expect(layout.rows[0].end).toBe(1);
    expect(layout.ws[0]).toBeCloseTo(1000, 6);
    expect(layout.ws[0]).toBeLessThanOrEqual(1000);
  });

  it("treats unknown ratios as square", () => {
    const layout = layoutSection([0, NaN, -1], ["d", "d", "d"], options);
    expect(layout.ws[0]).toBe(layout.hs[0]);
    expect(layout.ws[1]).toBe(layout.hs[1]);
  });

  it("lays out 30,000 items quickly and in order", () => {
    const n = 30_000;
    const ratios = Array.from({ length: n }, (_, i) => [1.5, 0.75, 1, 1.33][i % 4]);
    const days = Array.from({ length: n }, (_, i) => `2026-01-${String(31 - Math.floor(i / 1000)).padStart(2, "0")}`);
    const started = performance.now();
    const layout = layoutSection(ratios, days, defaultLayoutOptions(1280));
    expect(performance.now() - started).toBeLessThan(200);
    expect(layout.headers).toHaveLength(30);
    for (let i = 1; i < n; i++) {
      const sameRow = layout.ys[i] === layout.ys[i - 1];
      expect(sameRow ? layout.xs[i] > layout.xs[i - 1] : layout.ys[i] > layout.ys[i - 1]).toBe(true);
    }
    expect(layout.height).toBeGreaterThan(layout.ys[n - 1]);
  });

  it("finds the first row reaching a position", () => {
    const layout = layoutSection(Array(40).fill(1.5), Array(40).fill("d"), options);
    expect(firstRowAt(layout.rows, 0)).toBe(0);
    const third = layout.rows[2];
    expect(firstRowAt(layout.rows, third.tilesTop + 1)).toBe(2);
    expect(firstRowAt(layout.rows, layout.height + 100)).toBe(layout.rows.length);
  });

  it("returns an empty layout for no items", () => {
    expect(layoutSection([], [], options).height).toBe(0);
  });
});

describe("targetRowHeight", () => {
  it("grows with the width within 180–240 px on wide screens and shrinks on phones", () => {
    expect(targetRowHeight(640)).toBe(180);
    expect(targetRowHeight(1280)).toBeGreaterThan(200);
    expect(targetRowHeight(3840)).toBe(240);
    expect(targetRowHeight(390)).toBeLessThan(180);
    let previous = 0;
    for (let width = 320; width < 4000; width += 37) {
      expect(targetRowHeight(width)).toBeGreaterThanOrEqual(previous);
      previous = targetRowHeight(width);
    }
  });
});

describe("estimateSectionHeight", () => {
  it("grows with the count and lands near the real layout", () => {
    const opts = defaultLayoutOptions(1280);
    expect(estimateSectionHeight(0, opts)).toBe(0);
    let previous = 0;
    for (const count of [1, 5, 20, 100, 1000, 30_000]) {
      const estimate = estimateSectionHeight(count, opts);
      expect(estimate).toBeGreaterThan(previous);
      previous = estimate;
      const days = Array.from({ length: count }, (_, i) => String(Math.floor((i * 30) / count)));
      const real = layoutSection(Array(count).fill(1.4), days, opts).height;
      expect(estimate / real).toBeGreaterThan(0.5);
      expect(estimate / real).toBeLessThan(2);
    }
  });
});
