/**
 * A pool of 2–4 Web Workers hashing files (SHA-256, hash-wasm). Each finished file leaves a
 * `performance.measure("mediabox:hash", {detail: {worker, bytes}})` for the benchmark.
 */

export interface HashRequest {
  jobId: number;
  file: Blob;
}

export type HashResponse = { jobId: number; sha256: string } | { jobId: number; error: string };

/** The part of `Worker` the pool uses (tests pass an in-process stand-in). */
export interface WorkerLike {
  postMessage(message: HashRequest): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<HashResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export type WorkerFactory = () => WorkerLike;

interface Job {
  jobId: number;
  file: Blob;
  resolve: (sha256: string) => void;
  reject: (error: Error) => void;
  signal?: AbortSignal;
}

interface Slot {
  index: number;
  worker: WorkerLike | null;
  job: Job | null;
  startedAt: number;
}

export const HASH_MEASURE = "mediabox:hash";

export function defaultPoolSize(): number {
  const cores = typeof navigator !== "undefined" ? navigator.hardwareConcurrency || 2 : 2;
  return Math.min(4, Math.max(2, cores));
}

export function createHashWorker(): WorkerLike {
  return new Worker(new URL("./hash.worker.ts", import.meta.url), {
    type: "module",
    name: "mediabox-hash",
  }) as unknown as WorkerLike;
}

export class HashPool {
  private readonly slots: Slot[];
  private queue: Job[] = [];
  private nextJobId = 1;

  constructor(
    private readonly createWorker: WorkerFactory = createHashWorker,
    size: number = defaultPoolSize(),
  ) {
    this.slots = Array.from({ length: size }, (_, index) => ({
      index,
      worker: null,
      job: null,
      startedAt: 0,
    }));
  }

  get size(): number {
    return this.slots.length;
  }

  /** Hashes waiting or running. */
  get load(): number {
    return this.queue.length + this.slots.filter((slot) => slot.job).length;
  }

  hash(file: Blob, signal?: AbortSignal): Promise<string> {
    return new Promise((resolve, reject) => {
      const job: Job = { jobId: this.nextJobId++, file, resolve, reject, signal };
      signal?.addEventListener(
        "abort",
        () => {
          this.queue = this.queue.filter((queued) => queued !== job);
          reject(new DOMException("Aborted", "AbortError"));
        },
        { once: true },
      );
      this.queue.push(job);
      this.pump();
    });
  }

  dispose(): void {
    for (const slot of this.slots) {
      slot.worker?.terminate();
      slot.worker = null;
      slot.job?.reject(new DOMException("Aborted", "AbortError"));
      slot.job = null;
    }
    this.queue.forEach((job) => job.reject(new DOMException("Aborted", "AbortError")));
    this.queue = [];
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.job) continue;
      let job = this.queue.shift();
      while (job?.signal?.aborted) job = this.queue.shift();
      if (!job) return;
      this.start(slot, job);
    }
  }

  private start(slot: Slot, job: Job): void {
    const worker = slot.worker ?? this.spawn(slot);
    slot.job = job;
    slot.startedAt = performance.now();
    worker.postMessage({ jobId: job.jobId, file: job.file });
  }

  private spawn(slot: Slot): WorkerLike {
    const worker = this.createWorker();
    worker.onmessage = (event) => this.finish(slot, event.data);
    worker.onerror = (event) => {
      event.preventDefault?.();
      worker.terminate();
      slot.worker = null;
      const job = slot.job;
      slot.job = null;
      job?.reject(new Error(`The hashing worker failed: ${event.message || "unknown error"}`));
      this.pump();
    };
    slot.worker = worker;
    return worker;
  }

  private finish(slot: Slot, reply: HashResponse): void {
    const job = slot.job;
    if (!job || job.jobId !== reply.jobId) return;
    slot.job = null;
    if ("sha256" in reply) {
      measure(slot.index, job.file.size, slot.startedAt);
      job.resolve(reply.sha256);
    } else {
      job.reject(new Error(reply.error));
    }
    this.pump();
  }
}

function measure(worker: number, bytes: number, start: number): void {
  try {
    performance.measure(HASH_MEASURE, { start, end: performance.now(), detail: { worker, bytes } });
  } catch {
    // Only the benchmark reads these; an environment without User Timing L3 just skips them.
  }
}
