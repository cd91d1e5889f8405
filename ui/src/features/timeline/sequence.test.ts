import { describe, expect, it } from "vitest";
import type { MonthColumns } from "./api";
import { idsBetween, neighboursOf, positionOf } from "./sequence";

function month(name: string, ids: string[]): MonthColumns {
  const n = ids.length;
  return {
    month: name,
    ids,
    ratios: Array(n).fill(1),
    local_dates: Array(n).fill(`${name}-01`),
    types: Array(n).fill("photo"),
    duration_ms: Array(n).fill(null),
    is_favorite: Array(n).fill(false),
    thumbhash: Array(n).fill(null),
    thumb_urls: Array(n).fill(null),
    processing: Array(n).fill("done"),
  };
}

const months = [month("2026-03", ["a", "b"]), undefined, month("2026-01", ["c", "d", "e"])];
const counts = [2, 0, 3];

describe("timeline sequence", () => {
  it("finds positions in loaded months", () => {
    expect(positionOf(months, "d")).toEqual({ month: 2, index: 1 });
    expect(positionOf(months, "zz")).toBeNull();
  });

  it("crosses month boundaries and skips empty months", () => {
    expect(neighboursOf(months, counts, "b")).toEqual({ prev: "a", next: "c", missing: [] });
    expect(neighboursOf(months, counts, "c")).toEqual({ prev: "b", next: "d", missing: [] });
    expect(neighboursOf(months, counts, "a").prev).toBeNull();
    expect(neighboursOf(months, counts, "e").next).toBeNull();
  });

  it("names the month to load when a neighbour is not loaded yet", () => {
    const partly = [months[0], undefined, months[2]];
    expect(neighboursOf(partly, [2, 5, 3], "b")).toEqual({ prev: "a", next: null, missing: [1] });
  });

  it("lists ranges across months in timeline order either way", () => {
    const a = positionOf(months, "b")!;
    const b = positionOf(months, "d")!;
    expect(idsBetween(months, a, b)).toEqual(["b", "c", "d"]);
    expect(idsBetween(months, b, a)).toEqual(["b", "c", "d"]);
  });
});
