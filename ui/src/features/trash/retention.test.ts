import { describe, expect, it } from "vitest";
import { byDeletion, deletedDay, retentionOf } from "./retention";

describe("trash retention", () => {
  it("counts days since deletion and days left", () => {
    expect(retentionOf("2026-11-30", "2026-11-30")).toEqual({ ago: 0, left: 30 });
    expect(retentionOf("2026-11-27", "2026-11-30")).toEqual({ ago: 3, left: 27 });
    expect(retentionOf("2026-10-01", "2026-11-30")).toEqual({ ago: 60, left: 0 });
  });

  it("groups by the deletion day in the viewer's zone", () => {
    const item = { id: "a", deleted_at: "2026-11-29T23:30:00Z" };
    expect(deletedDay(item, "UTC")).toBe("2026-11-29");
    expect(deletedDay(item, "Europe/Moscow")).toBe("2026-11-30");
  });

  it("orders by deletion, newest first", () => {
    const items = [
      { id: "old", deleted_at: "2026-11-01T00:00:00Z" },
      { id: "new", deleted_at: "2026-11-20T00:00:00Z" },
      { id: "same", deleted_at: "2026-11-01T00:00:00Z" },
    ];
    expect(byDeletion(items).map((i) => i.id)).toEqual(["new", "old", "same"]);
  });
});
