import { createHash } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { ApiError } from "../../../api/http";
import type { UploadController, UploadPhase } from "../model";
import { UploadEngine } from "./controller";
import { fingerprintOf } from "./fingerprint";
import { HashPool } from "./hashPool";
import type { ResumeRecord } from "./resumeStore";
import { FakeTransport, FakeWorker, MemoryResumeStore, fakeUploadsApi } from "./testing/fakes";

const sha = (text: string) => createHash("sha256").update(text).digest("hex");
const file = (text: string, name = `${text}.jpg`, lastModified = 1_700_000_000_000) =>
  new File([text], name, { type: "image/jpeg", lastModified });

let engine: UploadController | null = null;

function setup(options: { concurrency?: number; store?: MemoryResumeStore; threshold?: number } = {}) {
  const api = fakeUploadsApi(options.threshold);
  const store = options.store ?? new MemoryResumeStore();
  const transport = new FakeTransport();
  FakeWorker.created = [];
  const pool = new HashPool(() => new FakeWorker(), 2);
  const created = new UploadEngine({
    api,
    store,
    pool,
    transport: (events) => {
      transport.events = events;
      return transport;
    },
    concurrency: options.concurrency ?? 4,
    fileRetry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 2 },
    publishIntervalMs: 5,
    checkWindowMs: 2,
  });
  engine = created;
  const phases = () => created.getSnapshot().items.map((item) => item.phase);
  return { api, store, transport, engine: created, phases };
}

async function until(check: () => boolean, what = "condition"): Promise<void> {
  for (let i = 0; i < 2000; i += 1) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const every = (phases: UploadPhase[], phase: UploadPhase) => phases.length > 0 && phases.every((p) => p === phase);

afterEach(() => {
  engine?.dispose();
  engine = null;
});

describe("UploadEngine", () => {
  it("serves useSyncExternalStore with subscribe and getSnapshot called without their object", async () => {
    const { engine } = setup();
    const { subscribe, getSnapshot } = engine;
    let calls = 0;
    const unsubscribe = subscribe(() => (calls += 1));
    engine.addFiles([{ file: file("unbound"), relativePath: "" }]);
    // The first publish may be the resume records loading; the file comes in on a later tick.
    await until(() => getSnapshot().totals.total === 1, "the file in a published snapshot");
    expect(calls).toBeGreaterThan(0);
    unsubscribe();
  });

  it("hashes, checks once, uploads unknown files, finalizes and tells listeners", async () => {
    const { api, transport, engine, phases } = setup();
    api.library.set(sha("old"), { asset_id: "asset-old", status: "ready" });
    const finalized: string[] = [];
    engine.onAssetFinalized((id) => finalized.push(id));
    engine.addFiles([{ file: file("new"), relativePath: "Trip/new.jpg" }, { file: file("old"), relativePath: "old.jpg" }]);

    await until(() => transport.inFlight.length === 1, "the new file in flight");
    expect(api.check).toHaveBeenCalledTimes(1);
    expect(api.check.mock.calls[0][0].sort()).toEqual([sha("new"), sha("old")].sort());
    expect(api.create).toHaveBeenCalledTimes(1);
    expect(api.create.mock.calls[0][0]).toMatchObject({
      filename: "new.jpg",
      content_type: "image/jpeg",
      size_bytes: 3,
      sha256: sha("new"),
      file_modified_at: new Date(1_700_000_000_000).toISOString(),
    });
    transport.succeed("upload-1");
    await until(() => phases()[0] === "done", "done");
    expect(api.finalize).toHaveBeenCalledWith("asset-1", null, expect.anything());
    const [fresh, duplicate] = engine.getSnapshot().items;
    expect(fresh).toMatchObject({ phase: "done", assetId: "asset-1", bytesSent: 3, relativePath: "Trip/new.jpg" });
    expect(duplicate).toMatchObject({ phase: "duplicate", assetId: "asset-old", bytesSent: 0 });
    expect(finalized).toEqual(["asset-1"]);
    expect(engine.getSnapshot().totals).toMatchObject({ done: 1, duplicates: 1, total: 2 });
    expect(engine.getSnapshot().active).toBe(false);
  });

  it("keeps `concurrency` files in flight and starts the next as one lands", async () => {
    const { transport, phases } = setup({ concurrency: 4 });
    engine!.addFiles(Array.from({ length: 10 }, (_, n) => ({ file: file(`f${n}`), relativePath: "" })));
    await until(() => transport.inFlight.length === 4, "four in flight");
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(transport.inFlight).toHaveLength(4);
    transport.succeed(transport.inFlight[0]);
    await until(() => transport.sent.length === 5, "the fifth file");
    expect(transport.inFlight).toHaveLength(4);
    while (transport.inFlight.length) {
      transport.inFlight.forEach((id) => transport.succeed(id));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await until(() => every(phases(), "done"), "all done");
  });

  it("a multipart file's record follows its parts and is deleted once done", async () => {
    const { store, transport, engine, phases, api } = setup({ threshold: 4 });
    const big = file("0123456789");
    engine.addFiles([{ file: big, relativePath: "big.jpg" }]);
    await until(() => transport.inFlight.length === 1, "in flight");
    expect(transport.sent[0].plan).toMatchObject({ type: "multipart", part_size: 4, part_count: 3 });
    const record = store.records.get(fingerprintOf(big))!;
    expect(record).toMatchObject({ sha256: sha("0123456789"), assetId: "asset-1", type: "multipart", partSize: 4 });
    transport.events.partUploaded("upload-1", { partNumber: 2, etag: "e2", size: 4 });
    await until(() => store.records.get(fingerprintOf(big))!.partsDone.length === 1, "part recorded");
    expect(store.records.get(fingerprintOf(big))).toMatchObject({ bytesDone: 4, partsDone: [{ partNumber: 2, etag: "e2" }] });
    transport.succeed("upload-1", { id: "asset-1" } as never);
    await until(() => phases()[0] === "done", "done");
    expect(api.finalize).not.toHaveBeenCalled(); // multipart is finalized by the transport
    expect(store.records.size).toBe(0);
  });

  it("resumes a remembered file without hashing it again", async () => {
    const store = new MemoryResumeStore();
    const big = file("resumable", "clip.mov");
    const record: ResumeRecord = {
      fingerprint: fingerprintOf(big),
      name: "clip.mov",
      relativePath: "Trip/clip.mov",
      size: big.size,
      lastModified: big.lastModified,
      sha256: "b".repeat(64),
      assetId: "asset-9",
      type: "multipart",
      partSize: 4,
      partsDone: [{ partNumber: 1, etag: "e1" }],
      bytesDone: 4,
      updatedAt: 1,
    };
    await store.put(record);
    const { api, transport, engine } = setup({ store, threshold: 4 });
    api.library.set("b".repeat(64), { asset_id: "asset-9", status: "uploading" });
    await until(() => engine.getSnapshot().pendingResume.length === 1, "pending resume loaded");
    expect(engine.getSnapshot().pendingResume[0]).toMatchObject({ name: "clip.mov", bytesDone: 4 });

    engine.addFiles([{ file: big, relativePath: "Trip/clip.mov" }]);
    await until(() => transport.inFlight.length === 1, "in flight");
    expect(FakeWorker.created).toHaveLength(0);
    expect(api.check).not.toHaveBeenCalled();
    expect(api.create.mock.calls[0][0].sha256).toBe("b".repeat(64));
    expect(transport.sent[0].assetId).toBe("asset-9");
    await until(() => engine.getSnapshot().items[0]?.resumed === true, "resumed shown");
    expect(engine.getSnapshot().items[0]).toMatchObject({ resumed: true, assetId: "asset-9" });
    await until(() => engine.getSnapshot().pendingResume.length === 0, "pending picked up");
    transport.events.partsStored("upload-1", [{ partNumber: 1, etag: "e1", size: 4 }]);
    await until(() => engine.getSnapshot().items[0].bytesSent === 4, "stored bytes shown");
  });

  it("starts again cleanly when the server no longer has the upload (404)", async () => {
    const { api, transport, phases } = setup({ threshold: 4 });
    engine!.addFiles([{ file: file("0123456789"), relativePath: "" }]);
    await until(() => transport.inFlight.length === 1, "in flight");
    transport.fail("upload-1", new ApiError(404, "upload_not_found", "Upload not found."));
    await until(() => transport.sent.length === 2, "sent again");
    expect(api.create).toHaveBeenCalledTimes(2);
    transport.succeed("upload-1", { id: "asset-1" } as never);
    await until(() => phases()[0] === "done", "done");
  });

  it("retries a 503 with back-off, then fails retryable; retry() brings it home", async () => {
    const { transport, engine, phases } = setup();
    engine.addFiles([{ file: file("flaky"), relativePath: "" }]);
    const error = Object.assign(new Error("Non 2xx"), { source: { status: 503 } });
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      await until(() => transport.inFlight.length === 1, `attempt ${attempt}`);
      transport.fail("upload-1", error);
    }
    await until(() => phases()[0] === "failed", "failed");
    expect(transport.sent).toHaveLength(3);
    expect(engine.getSnapshot().items[0].error).toEqual({ code: "http_503", message: "The server answered 503.", retryable: true });
    expect(engine.getSnapshot().totals.failed).toBe(1);

    engine.retryAllFailed();
    await until(() => transport.inFlight.length === 1, "retried");
    transport.succeed("upload-1");
    await until(() => phases()[0] === "done", "done after retry");
    expect(engine.getSnapshot().items[0].error).toBeUndefined();
  });

  it("does not retry a refused type and says why", async () => {
    const { api, phases } = setup();
    api.create.mockRejectedValueOnce(new ApiError(415, "unsupported_file_type", "Only photos and videos can be uploaded."));
    engine!.addFiles([{ file: file("doc", "doc.pdf"), relativePath: "" }]);
    await until(() => phases()[0] === "failed", "failed");
    expect(api.create).toHaveBeenCalledTimes(1);
    expect(engine!.getSnapshot().items[0].error).toEqual({
      code: "unsupported_file_type",
      message: "Only photos and videos can be uploaded.",
      retryable: false,
    });
  });

  it("gives the next file the slot once the bytes are sent, while the last finalizes", async () => {
    const { api, transport, engine, phases } = setup({ concurrency: 1 });
    let finishFirst: () => void = () => undefined;
    api.finalize.mockImplementationOnce(
      (assetId: string) => new Promise((resolve) => (finishFirst = () => resolve({ id: assetId } as never))),
    );
    engine.addFiles([{ file: file("first"), relativePath: "" }, { file: file("second"), relativePath: "" }]);
    await until(() => transport.inFlight.length === 1, "first in flight");
    transport.succeed(transport.inFlight[0]);
    await until(() => phases()[0] === "finalizing" && transport.inFlight.length === 1, "second sending");
    expect(transport.sent).toHaveLength(2);
    finishFirst();
    transport.succeed(transport.inFlight[0]);
    await until(() => every(phases(), "done"), "both done");
  });

  it("forgets the resume record of a file the server refused for good (415 at finalize)", async () => {
    const { store, transport, phases } = setup();
    const refused = file("text", "not_an_image.jpg");
    engine!.addFiles([{ file: refused, relativePath: "" }]);
    await until(() => transport.inFlight.length === 1, "in flight");
    expect(store.records.has(fingerprintOf(refused))).toBe(true);
    transport.fail("upload-1", new ApiError(415, "unsupported_file_type", "Not a photo or video."));
    await until(() => phases()[0] === "failed", "failed");
    expect(store.records.has(fingerprintOf(refused))).toBe(false);
  });

  it("cancel stops the transfer, aborts on the server and forgets the record", async () => {
    const { api, store, transport, engine, phases } = setup();
    const one = file("one");
    engine.addFiles([{ file: one, relativePath: "" }, { file: file("two"), relativePath: "" }]);
    await until(() => transport.inFlight.length === 2, "in flight");
    expect(store.records.has(fingerprintOf(one))).toBe(true);
    engine.cancel("upload-1");
    expect(transport.aborted).toEqual(["upload-1"]);
    expect(api.abort).toHaveBeenCalledWith("asset-1");
    await until(() => phases()[0] === "cancelled", "cancelled");
    expect(store.records.has(fingerprintOf(one))).toBe(false);
    expect(engine.getSnapshot().active).toBe(true);

    engine.cancelAll();
    await until(() => every(phases(), "cancelled"), "all cancelled");
    engine.clearFinished();
    await until(() => engine.getSnapshot().items.length === 0, "cleared");
    expect(engine.getSnapshot().active).toBe(false);
  });

  it("forgetPending deletes the records and aborts the server uploads", async () => {
    const store = new MemoryResumeStore();
    for (const [n, assetId] of [["a", "asset-a"], ["b", "asset-b"]]) {
      await store.put({
        fingerprint: `fp-${n}`,
        name: `${n}.mov`,
        relativePath: `${n}.mov`,
        size: 10,
        lastModified: 1,
        sha256: n.repeat(64),
        assetId,
        type: "single",
        partSize: null,
        partsDone: [],
        bytesDone: 0,
        updatedAt: 1,
      });
    }
    const { api, engine } = setup({ store });
    await until(() => engine.getSnapshot().pendingResume.length === 2, "loaded");
    engine.forgetPending("fp-a");
    await until(() => engine.getSnapshot().pendingResume.length === 1, "one forgotten");
    expect(api.abort).toHaveBeenCalledWith("asset-a");
    expect([...store.records.keys()]).toEqual(["fp-b"]);
    engine.forgetPending();
    await until(() => engine.getSnapshot().pendingResume.length === 0, "all forgotten");
    expect(api.abort).toHaveBeenCalledWith("asset-b");
    expect(store.records.size).toBe(0);
  });

  it("takes a big selection in slices so the page never blocks for long", async () => {
    const { engine } = setup();
    // A picked file's size is a synchronous stat in Chromium; make each cost ~1 ms here.
    const slow = (n: number) => {
      const f = file(`s${n}`);
      Object.defineProperty(f, "size", {
        get() {
          const until = performance.now() + 1;
          while (performance.now() < until);
          return 3;
        },
      });
      return { file: f, relativePath: f.name };
    };
    const started = performance.now();
    engine.addFiles(Array.from({ length: 150 }, (_, n) => slow(n)));
    expect(performance.now() - started).toBeLessThan(20);
    await until(() => engine.getSnapshot().items.length > 0, "the first slice");
    const firstSlice = engine.getSnapshot().items.length;
    expect(firstSlice).toBeLessThan(150);
    await until(() => engine.getSnapshot().items.length === 150, "all taken in");
    expect(engine.getSnapshot().items.map((i) => i.name)).toEqual(Array.from({ length: 150 }, (_, n) => `s${n}.jpg`));
  });

  it("uploads without resume when IndexedDB never answers", async () => {
    const store = new MemoryResumeStore();
    store.all = () => new Promise(() => undefined);
    const { transport } = setup({ store });
    engine!.addFiles([{ file: file("a"), relativePath: "" }]);
    await new Promise((resolve) => setTimeout(resolve, 3100));
    await until(() => transport.inFlight.length === 1, "in flight without the store");
  }, 10_000);

  it("publishes throttled snapshots under a stream of progress", async () => {
    const { transport, engine } = setup({ threshold: 10_000_000 });
    let published = 0;
    engine.subscribe(() => (published += 1));
    engine.addFiles([{ file: new File([new Uint8Array(1000)], "a.jpg"), relativePath: "" }]);
    await until(() => transport.inFlight.length === 1, "in flight");
    published = 0;
    const before = engine.getSnapshot();
    const started = performance.now();
    for (let bytes = 1; bytes <= 1000; bytes += 1) transport.events.progress("upload-1", bytes);
    await new Promise((resolve) => setTimeout(resolve, 40));
    const elapsed = performance.now() - started;
    expect(published).toBeGreaterThan(0);
    expect(published).toBeLessThanOrEqual(Math.ceil(elapsed / 5) + 1);
    const after = engine.getSnapshot();
    expect(after).not.toBe(before);
    expect(after.items[0].bytesSent).toBe(1000);
    expect(after.totals.bytesSent).toBe(1000);
  });
});
