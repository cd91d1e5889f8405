import { describe, expect, it } from "vitest";
import { afterFor, moved } from "./reorder";

const IDS = ["a", "b", "c", "d"];

describe("drag to reorder", () => {
  it("puts a tile dragged forward after its target", () => {
    expect(afterFor(IDS, "a", "c")).toBe("c");
    expect(moved(IDS, "a", "c")).toEqual(["b", "c", "a", "d"]);
  });

  it("puts a tile dragged backward before its target", () => {
    expect(afterFor(IDS, "d", "b")).toBe("a");
    expect(moved(IDS, "d", "a")).toEqual(["a", "d", "b", "c"]);
    expect(afterFor(IDS, "c", "a")).toBeNull();
    expect(moved(IDS, "c", null)).toEqual(["c", "a", "b", "d"]);
  });

  it("does nothing on itself or outside the album", () => {
    expect(afterFor(IDS, "b", "b")).toBeUndefined();
    expect(afterFor(IDS, "x", "b")).toBeUndefined();
  });
});
