import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { IdbResumeStore, toPendingResume, withPartDone, type ResumeRecord } from "./resumeStore";

const record = (fingerprint: string, extra: Partial<ResumeRecord> = {}): ResumeRecord => ({
  fingerprint,
  name: "big.mov",
  relativePath: "Trip/big.mov",
  size: 30,
  lastModified: 1_700_000_000_000,
  sha256: "a".repeat(64),
  assetId: "asset-1",
  type: "multipart",
  partSize: 10,
  partsDone: [],
  bytesDone: 0,
  updatedAt: 1,
  ...extra,
});

describe("IdbResumeStore", () => {
  it("keeps records across store instances (a reload) and deletes them", async () => {
    const name = `test-${Math.random()}`;
    const first = new IdbResumeStore(name);
    await first.put(record("f1"));
    await first.put(record("f2", { bytesDone: 10 }));
    await first.put(record("f2", { bytesDone: 20 }));
    first.close();

    const second = new IdbResumeStore(name);
    const all = await second.all();
    expect(all.map((r) => [r.fingerprint, r.bytesDone]).sort()).toEqual([
      ["f1", 0],
      ["f2", 20],
    ]);
    await second.delete("f1");
    expect((await second.all()).map((r) => r.fingerprint)).toEqual(["f2"]);
  });
});

describe("withPartDone", () => {
  it("adds each part once, sorted, and counts its bytes", () => {
    let r = record("f");
    r = withPartDone(r, { partNumber: 2, etag: "e2", size: 10 }, 5);
    r = withPartDone(r, { partNumber: 1, etag: "e1", size: 10 }, 6);
    const again = withPartDone(r, { partNumber: 1, etag: "e1", size: 10 }, 7);
    expect(again).toBe(r);
    expect(r.partsDone).toEqual([
      { partNumber: 1, etag: "e1" },
      { partNumber: 2, etag: "e2" },
    ]);
    expect(r.bytesDone).toBe(20);
    expect(r.updatedAt).toBe(6);
  });

  it("exposes what the panel needs, without hashes or etags", () => {
    expect(toPendingResume(record("f", { bytesDone: 10 }))).toEqual({
      fingerprint: "f",
      name: "big.mov",
      relativePath: "Trip/big.mov",
      size: 30,
      lastModified: 1_700_000_000_000,
      bytesDone: 10,
      updatedAt: 1,
    });
  });
});
