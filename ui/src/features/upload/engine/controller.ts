/**
 * The upload queue: hash (worker pool) → check (batched) → create → bytes (Uppy) → finalize,
 * `concurrency` files at a time, with resume records in IndexedDB and snapshots published at
 * most every 250 ms. See ../model.ts for the contract with the panel.
 */
import type {
  FileWithPath,
  PendingResume,
  UploadController,
  UploadError,
  UploadItem,
  UploadSnapshot,
} from "../model";
import { CheckBatcher } from "./checkBatcher";
import { toUploadError } from "./errors";
import { contentTypeOf, createRequestOf, fingerprintOf } from "./fingerprint";
import type { HashPool } from "./hashPool";
import { newResumeRecord, toPendingResume, withPartDone, type ResumeRecord, type ResumeStore } from "./resumeStore";
import { backoffDelay, isAbort, isRetryable, sleep, statusOf, type RetryPolicy } from "./retry";
import { etaSeconds, SpeedMeter } from "./speed";
import { computeTotals, Fifo, isActivePhase, ItemList } from "./state";
import { throttle, type Throttled } from "./throttle";
import type { CreateAnswer, SinglePlan, UploadsApi } from "./uploadsApi";
import type { Transport, TransportEvents } from "./uppyTransport";

export interface EngineDeps {
  api: UploadsApi;
  store: ResumeStore;
  pool: HashPool;
  transport: (events: TransportEvents) => Transport;
  concurrency: number;
  /** Whole-file tries (a single PUT is not retried inside Uppy; parts are). */
  fileRetry: RetryPolicy;
  publishIntervalMs: number;
  checkWindowMs: number;
  now?: () => number;
}

interface Work {
  file: File;
  fingerprint: string;
  sha256?: string;
  record?: ResumeRecord;
  /** Bumped by cancel and retry: continuations of an older run see it changed and stop. */
  run: number;
  /** Made when the file starts hashing or uploading (aborting costs an exception each). */
  abort: AbortController | null;
}

const FINISHED = new Set(["done", "duplicate", "cancelled"]);
const INTAKE_SLICE_MS = 30;
const STORE_TIMEOUT_MS = 3000;

export class UploadEngine implements UploadController {
  private readonly items = new ItemList();
  private readonly work = new Map<string, Work>();
  private readonly pending = new Map<string, ResumeRecord>();
  private readonly intake = new Fifo<FileWithPath>();
  private readonly hashQueue = new Fifo<string>();
  private readonly uploadQueue = new Fifo<string>();
  private readonly listeners = new Set<() => void>();
  private readonly finalizedListeners = new Set<(assetId: string) => void>();
  private readonly batcher: CheckBatcher;
  private readonly transport: Transport;
  private readonly speed = new SpeedMeter();
  private readonly publishSoon: Throttled;
  private readonly ready: Promise<void>;
  private readonly now: () => number;
  private snapshot: UploadSnapshot;
  private pendingView: readonly PendingResume[] = [];
  private transferred = 0;
  private uploading = 0;
  private nextId = 1;
  private ticker: ReturnType<typeof setInterval> | null = null;
  private disposed = false;

  constructor(private readonly deps: EngineDeps) {
    this.now = deps.now ?? (() => performance.now());
    this.batcher = new CheckBatcher(
      (hashes) => deps.api.check(hashes),
      deps.checkWindowMs,
      1000,
      () => this.uploadQueue.length === 0 && this.uploading < deps.concurrency,
    );
    this.transport = deps.transport(this.transportEvents());
    this.publishSoon = throttle(() => this.publish(), deps.publishIntervalMs, this.now);
    this.snapshot = this.buildSnapshot();
    // Without IndexedDB (private mode, blocked) uploads still work; only resume does not.
    const stored = Promise.race([
      deps.store.all(),
      new Promise<ResumeRecord[]>((resolve) => setTimeout(() => resolve([]), STORE_TIMEOUT_MS)),
    ]);
    this.ready = stored
      .then((records) => {
        for (const record of records) this.pending.set(record.fingerprint, record);
        this.pendingChanged();
      })
      .catch(() => undefined);
  }

  addFiles(files: readonly FileWithPath[]): void {
    const first = this.intake.length === 0;
    for (const entry of files) this.intake.push(entry);
    // Not in the caller's task: a picker's change event already costs the browser a lot.
    if (first && files.length > 0) setTimeout(() => this.takeIn(), 0);
  }

  /**
   * Register queued files in slices of ~30 ms: reading a picked file's size and mtime is a
   * synchronous stat in Chromium (~0.3 ms each), so 10,000 at once would freeze the page.
   */
  private takeIn(): void {
    if (this.disposed) return;
    const started = performance.now();
    const ids: string[] = [];
    let taken = 0;
    while (this.intake.length > 0 && (taken === 0 || performance.now() - started < INTAKE_SLICE_MS)) {
      const { file, relativePath } = this.intake.shift()!;
      taken += 1;
      const id = `upload-${this.nextId++}`;
      const { name, size, lastModified } = file;
      this.items.add({ id, name, relativePath: relativePath || name, size, phase: "queued", bytesSent: 0 });
      const fingerprint = fingerprintOf({ name, size, lastModified });
      this.work.set(id, { file, fingerprint, run: 0, abort: null });
      ids.push(id);
    }
    if (this.intake.length > 0) setTimeout(() => this.takeIn(), 0);
    this.publishSoon();
    void this.ready.then(() => {
      for (const id of ids) this.route(id, true);
      this.pendingChanged();
      this.pump();
    });
  }

  retry(id: string): void {
    const item = this.items.get(id);
    const work = this.work.get(id);
    if (!item || !work || (item.phase !== "failed" && item.phase !== "cancelled")) return;
    this.restart(id, work);
    this.set(id, { phase: "queued", error: undefined, bytesSent: 0 });
    this.route(id, false);
    this.pump();
  }

  retryAllFailed(): void {
    for (const item of this.items.items()) if (item.phase === "failed") this.retry(item.id);
  }

  cancel(id: string): void {
    const item = this.items.get(id);
    const work = this.work.get(id);
    if (!item || !work || FINISHED.has(item.phase)) return;
    this.restart(id, work);
    if (item.assetId) this.deps.api.abort(item.assetId).catch(() => undefined);
    this.forgetRecord(work);
    this.set(id, { phase: "cancelled", error: undefined });
  }

  cancelAll(): void {
    for (const item of this.items.items()) if (!FINISHED.has(item.phase)) this.cancel(item.id);
  }

  clearFinished(): void {
    for (const id of this.items.removeWhere((item) => FINISHED.has(item.phase))) this.work.delete(id);
    this.publishSoon();
  }

  forgetPending(fingerprint?: string): void {
    const records = fingerprint === undefined ? [...this.pending.values()] : [this.pending.get(fingerprint)];
    for (const record of records) {
      if (!record) continue;
      this.pending.delete(record.fingerprint);
      this.deps.store.delete(record.fingerprint).catch(() => undefined);
      this.deps.api.abort(record.assetId).catch(() => undefined);
    }
    this.pendingChanged();
  }

  /** Bound (an arrow), as `useSyncExternalStore` calls it without its object. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Bound (an arrow), as `useSyncExternalStore` calls it without its object. */
  getSnapshot = (): UploadSnapshot => this.snapshot;

  onAssetFinalized(listener: (assetId: string) => void): () => void {
    this.finalizedListeners.add(listener);
    return () => this.finalizedListeners.delete(listener);
  }

  dispose(): void {
    this.disposed = true;
    for (const work of this.work.values()) work.abort?.abort();
    this.publishSoon.cancel();
    this.batcher.dispose();
    this.deps.pool.dispose();
    this.transport.dispose();
    if (this.ticker !== null) clearInterval(this.ticker);
    this.listeners.clear();
    this.finalizedListeners.clear();
  }

  /** Send an item to hashing, or straight to upload when its sha256 is known (a resume). */
  private route(id: string, fresh: boolean): void {
    const work = this.work.get(id);
    if (!work || this.items.get(id)?.phase !== "queued") return;
    const record = fresh ? this.pending.get(work.fingerprint) : undefined;
    if (record) {
      this.pending.delete(work.fingerprint);
      work.record = record;
      work.sha256 = record.sha256;
      this.set(id, { resumed: true, assetId: record.assetId, bytesSent: record.bytesDone });
    }
    (work.sha256 ? this.uploadQueue : this.hashQueue).push(id);
  }

  private pump(): void {
    if (this.disposed) return;
    while (this.deps.pool.load < this.deps.pool.size && this.hashQueue.length > 0) {
      const id = this.hashQueue.shift()!;
      if (this.items.get(id)?.phase === "queued") void this.hashAndCheck(id, this.work.get(id)!);
    }
    while (this.uploading < this.deps.concurrency && this.uploadQueue.length > 0) {
      const id = this.uploadQueue.shift()!;
      if (this.items.get(id)?.phase !== "queued") continue;
      this.uploading += 1;
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        this.uploading -= 1;
        this.pump();
      };
      void this.upload(id, this.work.get(id)!, release).finally(release);
    }
  }

  private async hashAndCheck(id: string, work: Work): Promise<void> {
    const run = work.run;
    this.set(id, { phase: "hashing" });
    try {
      const sha256 = await this.deps.pool.hash(work.file, signalOf(work));
      if (work.run !== run) return;
      work.sha256 = sha256;
      this.set(id, { phase: "checking" });
      this.pump();
      const known = await this.batcher.check(sha256);
      if (work.run !== run) return;
      if (known && known.status !== "uploading") {
        this.finish(id, work, "duplicate", known.asset_id);
        return;
      }
      this.set(id, { phase: "queued" });
      this.uploadQueue.push(id);
    } catch (error) {
      if (work.run !== run || isAbort(error)) return;
      const message = error instanceof Error ? error.message : String(error);
      this.fail(id, { code: "hash_failed", message, retryable: true });
    } finally {
      this.pump();
    }
  }

  /** `release` gives the slot to the next file once the bytes are sent (finalize sends none). */
  private async upload(id: string, work: Work, release: () => void): Promise<void> {
    const run = work.run;
    const signal = signalOf(work);
    const stale = () => work.run !== run;
    this.set(id, { phase: "uploading", error: undefined });
    let restarted = false;
    for (let attempt = 1; ; attempt += 1) {
      try {
        const answer = await this.deps.api.create(createRequestOf(work.file, work.sha256), signal);
        if (stale()) {
          if (!answer.duplicate) this.deps.api.abort(answer.asset_id).catch(() => undefined);
          return;
        }
        if (answer.duplicate || !answer.upload) {
          this.finish(id, work, "duplicate", answer.asset_id);
          return;
        }
        await this.remember(id, work, answer);
        let asset = await this.transport.send({
          itemId: id,
          file: work.file,
          assetId: answer.asset_id,
          contentType: contentTypeOf(work.file),
          plan: answer.upload,
          refreshPlan: () => this.refreshSinglePlan(work, signal),
        });
        if (stale()) return;
        if (!asset) {
          release();
          this.set(id, { phase: "finalizing", bytesSent: work.file.size });
          asset = await this.deps.api.finalize(answer.asset_id, null, signal);
        }
        if (!stale()) this.finish(id, work, "done", asset.id);
        return;
      } catch (error) {
        if (stale() || isAbort(error)) return;
        if (statusOf(error) === 404 && !restarted) {
          restarted = true; // the server cleaned the upload up: start again cleanly
          this.forgetRecord(work);
          continue;
        }
        if (!isRetryable(error)) this.forgetRecord(work); // refused for good: nothing to resume
        if (!isRetryable(error) || attempt >= this.deps.fileRetry.attempts) {
          this.fail(id, toUploadError(error));
          return;
        }
        try {
          await sleep(backoffDelay(attempt, this.deps.fileRetry, Math.random, error), signal);
        } catch {
          return;
        }
      }
    }
  }

  private async refreshSinglePlan(work: Work, signal: AbortSignal): Promise<SinglePlan> {
    const answer = await this.deps.api.create(createRequestOf(work.file, work.sha256), signal);
    if (answer.upload?.type !== "single") throw new Error("The upload plan changed.");
    return answer.upload;
  }

  /** Write (or keep) the resume record once the server has named the asset. */
  private async remember(id: string, work: Work, answer: CreateAnswer): Promise<void> {
    this.set(id, { assetId: answer.asset_id });
    if (work.record?.assetId === answer.asset_id || !work.sha256 || !answer.upload) return;
    const relativePath = this.items.get(id)!.relativePath;
    work.record = newResumeRecord(work.file, work.fingerprint, relativePath, work.sha256, answer.asset_id, answer.upload);
    await this.deps.store.put(work.record).catch(() => undefined);
  }

  private transportEvents(): TransportEvents {
    return {
      progress: (id, bytes) => {
        const item = this.items.get(id);
        if (!item || item.phase !== "uploading") return;
        this.transferred += Math.max(0, bytes - item.bytesSent);
        this.set(id, { bytesSent: bytes });
      },
      partsStored: (id, parts) => {
        const work = this.work.get(id);
        if (!work) return;
        const stored = parts.reduce((sum, part) => sum + part.size, 0);
        this.set(id, { bytesSent: stored });
        if (work.record) {
          work.record = { ...work.record, partsDone: parts.map(({ partNumber, etag }) => ({ partNumber, etag })), bytesDone: stored };
          this.deps.store.put(work.record).catch(() => undefined);
        }
      },
      partUploaded: (id, part) => {
        const work = this.work.get(id);
        if (!work?.record) return;
        work.record = withPartDone(work.record, part, Date.now());
        this.deps.store.put(work.record).catch(() => undefined);
      },
    };
  }

  private finish(id: string, work: Work, phase: "done" | "duplicate", assetId: string): void {
    this.forgetRecord(work);
    this.set(id, { phase, assetId, error: undefined, bytesSent: phase === "done" ? work.file.size : 0 });
    if (phase === "done") this.finalizedListeners.forEach((listener) => listener(assetId));
  }

  private fail(id: string, error: UploadError): void {
    this.set(id, { phase: "failed", error });
  }

  private restart(id: string, work: Work): void {
    work.run += 1;
    work.abort?.abort();
    work.abort = null;
    this.transport.abort(id);
  }

  private forgetRecord(work: Work): void {
    if (!work.record) return;
    this.deps.store.delete(work.fingerprint).catch(() => undefined);
    work.record = undefined;
  }

  private set(id: string, patch: Partial<Omit<UploadItem, "id">>): void {
    if (this.items.update(id, patch)) this.publishSoon();
  }

  private pendingChanged(): void {
    this.pendingView = [...this.pending.values()].map(toPendingResume);
    this.publishSoon();
  }

  private buildSnapshot(): UploadSnapshot {
    const items = this.items.items();
    const totals = computeTotals(items, this.speed.sample(this.now(), this.transferred), etaSeconds);
    const active = items.some((item) => isActivePhase(item.phase));
    return { items, totals, pendingResume: this.pendingView, active };
  }

  private publish(): void {
    if (this.disposed) return;
    this.snapshot = this.buildSnapshot();
    this.tick(this.snapshot.active);
    this.listeners.forEach((listener) => listener());
  }

  /** While anything is active, publish once a second even without events (speed decays). */
  private tick(active: boolean): void {
    if (active && this.ticker === null) this.ticker = setInterval(() => this.publishSoon(), 1000);
    if (!active && this.ticker !== null) {
      clearInterval(this.ticker);
      this.ticker = null;
    }
  }
}

function signalOf(work: Work): AbortSignal {
  work.abort ??= new AbortController();
  return work.abort.signal;
}
