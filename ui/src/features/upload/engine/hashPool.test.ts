import { Blob as NodeBlob } from "node:buffer";
import { createHash } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { HASH_MEASURE, HashPool } from "./hashPool";
import { sha256Of } from "./sha256";
import { FakeWorker } from "./testing/fakes";

const nodeSha = async (blob: Blob) =>
  createHash("sha256").update(Buffer.from(await blob.arrayBuffer())).digest("hex");

afterEach(() => {
  FakeWorker.created = [];
  performance.clearMeasures(HASH_MEASURE);
});

describe("sha256Of", () => {
  const pattern = (n: number, k: number) => new Uint8Array(n).map((_, i) => (i * k) % 256);

  it("matches a one-shot SHA-256 when the file spans many slices", async () => {
    const blob = new Blob([pattern(10_000, 7)]);
    expect(await sha256Of(blob, { digest: null, sliceBytes: 1024 })).toBe(await nodeSha(blob));
    expect(await sha256Of(new Blob([]))).toBe(createHash("sha256").digest("hex"));
    expect(await sha256Of(new Blob([]), { digest: null })).toBe(createHash("sha256").digest("hex"));
  });

  it("streams a file above the native limit through hash-wasm, never reading it whole", async () => {
    // jsdom's Blob has no stream(); Node's has, with the browser's contract.
    const blob = new NodeBlob([pattern(300_000, 11)]) as unknown as Blob;
    const whole = vi.spyOn(blob, "arrayBuffer");
    const stream = vi.spyOn(blob, "stream");
    const platform = vi.fn((data: Uint8Array<ArrayBuffer>) => crypto.subtle.digest("SHA-256", data));
    const expected = createHash("sha256").update(pattern(300_000, 11)).digest("hex");
    expect(await sha256Of(blob, { nativeMaxBytes: 1024, digest: platform })).toBe(expected);
    expect(stream).toHaveBeenCalledTimes(1);
    expect(whole).not.toHaveBeenCalled();
    expect(platform).not.toHaveBeenCalled();
    expect(await sha256Of(blob, { digest: null })).toBe(expected); // a plain-HTTP page: all hash-wasm
    expect(stream).toHaveBeenCalledTimes(2);
  });

  it("digests a file up to the native limit with the platform, a bigger one and a plain-HTTP page with hash-wasm", async () => {
    const blob = new Blob([pattern(3000, 13)]);
    const platform = vi.fn((data: Uint8Array<ArrayBuffer>) => crypto.subtle.digest("SHA-256", data));
    expect(await sha256Of(blob, { nativeMaxBytes: 3000, digest: platform })).toBe(await nodeSha(blob));
    expect(platform).toHaveBeenCalledTimes(1);
    expect(await sha256Of(blob, { nativeMaxBytes: 2999, digest: platform, sliceBytes: 1024 })).toBe(await nodeSha(blob));
    expect(platform).toHaveBeenCalledTimes(1);
    expect(await sha256Of(blob, { digest: null, sliceBytes: 1024 })).toBe(await nodeSha(blob));
  });
});

describe("HashPool", () => {
  it("hashes with at most `size` workers busy and measures each file per worker", async () => {
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const pool = new HashPool(() => new FakeWorker(() => gate), 2);
    const blobs = Array.from({ length: 5 }, (_, n) => new Blob([`file ${n}`.repeat(n + 1)]));
    const hashes = Promise.all(blobs.map((blob) => pool.hash(blob)));
    expect(FakeWorker.created).toHaveLength(2);
    expect(pool.load).toBe(5);
    open();
    expect(await hashes).toEqual(await Promise.all(blobs.map(nodeSha)));
    expect(FakeWorker.created).toHaveLength(2);
    const measures = performance.getEntriesByName(HASH_MEASURE) as PerformanceMeasure[];
    expect(measures).toHaveLength(5);
    expect(new Set(measures.map((m) => (m.detail as { worker: number }).worker))).toEqual(new Set([0, 1]));
    expect(measures.map((m) => (m.detail as { bytes: number }).bytes).sort()).toEqual(
      blobs.map((b) => b.size).sort(),
    );
  });

  it("drops a queued job when its signal aborts", async () => {
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const pool = new HashPool(() => new FakeWorker(() => gate), 1);
    const first = pool.hash(new Blob(["a"]));
    const abort = new AbortController();
    const second = pool.hash(new Blob(["b"]), abort.signal);
    abort.abort();
    await expect(second).rejects.toMatchObject({ name: "AbortError" });
    expect(pool.load).toBe(1);
    open();
    await first;
    expect(pool.load).toBe(0);
  });

  it("fails the job of a crashed worker and replaces the worker", async () => {
    const pool = new HashPool(() => new FakeWorker(), 1);
    const bad = Object.assign(new Blob(["x"]), { explode: true });
    await expect(pool.hash(bad)).rejects.toThrow(/hashing worker failed: boom/);
    expect(FakeWorker.created[0].terminated).toBe(true);
    expect(await pool.hash(new Blob(["ok"]))).toBe(await nodeSha(new Blob(["ok"])));
    expect(FakeWorker.created).toHaveLength(2);
  });

  it("sizes itself from the cores: 2 to 4 workers", async () => {
    const { defaultPoolSize } = await import("./hashPool");
    vi.spyOn(navigator, "hardwareConcurrency", "get").mockReturnValue(16);
    expect(defaultPoolSize()).toBe(4);
    vi.spyOn(navigator, "hardwareConcurrency", "get").mockReturnValue(1);
    expect(defaultPoolSize()).toBe(2);
  });
});
