import { describe, expect, it } from "vitest";
import { addRange, emptySelection, selectAll, sliceBetween, toggle, toggleGroup } from "./model";

describe("selection model", () => {
  it("toggles ids and moves the anchor", () => {
    const one = toggle(emptySelection, "a");
    expect([...one.ids]).toEqual(["a"]);
    expect(one.anchor).toBe("a");
    const none = toggle(one, "a");
    expect(none.ids.size).toBe(0);
    expect(emptySelection.ids.size).toBe(0);
  });

  it("adds a range in either direction", () => {
    const order = ["a", "b", "c", "d", "e"];
    const start = toggle(emptySelection, "b");
    const down = addRange(start, "d", sliceBetween(order, "b", "d"));
    expect([...down.ids].sort()).toEqual(["b", "c", "d"]);
    const up = addRange(toggle(emptySelection, "e"), "c", sliceBetween(order, "e", "c"));
    expect([...up.ids].sort()).toEqual(["c", "d", "e"]);
    expect(up.anchor).toBe("c");
  });

  it("selects a whole day, or clears it when all of it was selected", () => {
    const day = ["a", "b", "c"];
    const partly = toggle(emptySelection, "a");
    const all = toggleGroup(partly, day);
    expect([...all.ids].sort()).toEqual(day);
    expect(toggleGroup(all, day).ids.size).toBe(0);
  });

  it("selects all", () => {
    expect(selectAll(["x", "y"]).ids.size).toBe(2);
  });

  it("falls back to the clicked id when an end is unknown", () => {
    expect(sliceBetween(["a"], "zz", "a")).toEqual(["a"]);
  });
});
