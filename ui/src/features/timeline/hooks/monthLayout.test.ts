import { describe, expect, it } from "vitest";
import type { MonthColumns } from "../api";
import { defaultLayoutOptions } from "../layout";
import { indexInMonth, monthLayout } from "./useTimeline";

function month(ids: string[]): MonthColumns {
  const n = ids.length;
  return {
    month: "2026-01",
    ids,
    ratios: Array(n).fill(1.5),
    local_dates: Array(n).fill("2026-01-05"),
    types: Array(n).fill("photo"),
    duration_ms: Array(n).fill(null),
    is_favorite: Array(n).fill(false),
    thumbhash: Array(n).fill(null),
    thumb_urls: Array(n).fill("/t.jpg"),
    processing: Array(n).fill("done"),
  };
}

describe("monthLayout", () => {
  it("keeps the layout across a refetch that only changed URLs", () => {
    const options = defaultLayoutOptions(1000);
    const first = month(["a", "b", "c"]);
    const refetched = { ...first, thumb_urls: ["/x.jpg", "/y.jpg", "/z.jpg"] };
    expect(monthLayout(refetched, options)).toBe(monthLayout(first, options));
  });

  it("lays out again when the width or the days change", () => {
    const data = month(["a", "b", "c"]);
    const narrow = monthLayout(data, defaultLayoutOptions(400));
    expect(monthLayout(data, defaultLayoutOptions(1200))).not.toBe(narrow);
    const moved = { ...data, local_dates: ["2026-01-05", "2026-01-05", "2026-01-04"] };
    expect(monthLayout(moved, defaultLayoutOptions(1200)).headers).toHaveLength(2);
  });

  it("finds an id's index in its month", () => {
    const data = month(["a", "b", "c"]);
    expect(indexInMonth(data, "c")).toBe(2);
    expect(indexInMonth(data, "zz")).toBe(-1);
  });
});
