import { describe, expect, it } from "vitest";
import type { UploadItem, UploadPhase } from "../model";
import { etaSeconds } from "./speed";
import { computeTotals, Fifo, ItemList } from "./state";

const item = (id: string, phase: UploadPhase, size: number, bytesSent = 0): UploadItem => ({
  id,
  name: `${id}.jpg`,
  relativePath: `${id}.jpg`,
  size,
  phase,
  bytesSent,
});

describe("ItemList", () => {
  it("keeps order, replaces a changed item and reuses the array until something changes", () => {
    const list = new ItemList();
    list.add(item("a", "queued", 10));
    list.add(item("b", "queued", 20));
    const first = list.items();
    expect(list.items()).toBe(first);
    const b = first[1];
    list.update("a", { phase: "hashing" });
    const second = list.items();
    expect(second).not.toBe(first);
    expect(second.map((i) => i.phase)).toEqual(["hashing", "queued"]);
    expect(second[1]).toBe(b);
    expect(first[0].phase).toBe("queued");
  });

  it("removes what the predicate selects", () => {
    const list = new ItemList();
    ["done", "failed", "duplicate", "uploading"].forEach((phase, n) =>
      list.add(item(`i${n}`, phase as UploadPhase, 1)),
    );
    expect(list.removeWhere((i) => i.phase === "done" || i.phase === "duplicate")).toEqual(["i0", "i2"]);
    expect(list.items().map((i) => i.id)).toEqual(["i1", "i3"]);
    expect(list.get("i0")).toBeUndefined();
  });
});

describe("computeTotals", () => {
  it("counts phases and bytes; duplicates and cancelled files send nothing", () => {
    const items = [
      item("q", "queued", 100),
      item("h", "hashing", 100),
      item("c", "checking", 100),
      item("u", "uploading", 1000, 400),
      item("f", "finalizing", 50, 50),
      item("d", "done", 200, 200),
      item("x", "duplicate", 5000),
      item("e", "failed", 300, 100),
      item("k", "cancelled", 7000, 10),
    ];
    const totals = computeTotals(items, 100, etaSeconds);
    expect(totals).toMatchObject({
      total: 9,
      queued: 1,
      hashing: 2,
      uploading: 2,
      done: 1,
      duplicates: 1,
      failed: 1,
      cancelled: 1,
      bytesTotal: 100 * 3 + 1000 + 50 + 200 + 300,
      bytesSent: 400 + 50 + 200 + 100,
      bytesPerSecond: 100,
    });
    // Left to send: 3 × 100 queued/hashing + 600 of the file in flight.
    expect(totals.etaSeconds).toBe(9);
  });

  it("reports no speed or ETA once nothing is active", () => {
    const totals = computeTotals([item("d", "done", 10, 10), item("e", "failed", 10)], 500, etaSeconds);
    expect(totals.bytesPerSecond).toBe(0);
    expect(totals.etaSeconds).toBeNull();
  });
});

describe("Fifo", () => {
  it("hands items out in order across compactions", () => {
    const queue = new Fifo<number>();
    const out: number[] = [];
    for (let n = 0; n < 5000; n += 1) {
      queue.push(n);
      if (n % 3 === 0) out.push(queue.shift()!);
    }
    expect(queue.length).toBe(5000 - out.length);
    while (queue.length) out.push(queue.shift()!);
    expect(out).toEqual(Array.from({ length: 5000 }, (_, n) => n));
    expect(queue.shift()).toBeUndefined();
  });
});
