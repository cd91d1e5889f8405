/** The upload engine's entry point (see ../model.ts and ./controller.ts). */
import type { UploadController } from "../model";
import { UploadEngine } from "./controller";
import { HashPool, createHashWorker, defaultPoolSize } from "./hashPool";
import { IdbResumeStore, type ResumeStore } from "./resumeStore";
import { DEFAULT_RETRY } from "./retry";
import { createUploadsApi, type UploadsApi } from "./uploadsApi";
import { UppyTransport } from "./uppyTransport";

export interface UploadControllerOptions {
  /** Files uploaded at once (default 4). */
  concurrency?: number;
  /** HTTP requests at once across all files, parts included (default 6). */
  requestLimit?: number;
  /** Hashing workers (default: 2–4 from `navigator.hardwareConcurrency`). */
  hashWorkers?: number;
  /** For tests: another API, resume store or hashing pool. */
  api?: UploadsApi;
  store?: ResumeStore;
  pool?: HashPool;
}

/** A new engine. Its methods are bound, so they can be passed around on their own (e.g.
 * `useSyncExternalStore(controller.subscribe, controller.getSnapshot)`). */
export function createUploadController(options: UploadControllerOptions = {}): UploadController {
  const api = options.api ?? createUploadsApi();
  const requestLimit = options.requestLimit ?? 6;
  const engine = new UploadEngine({
    api,
    store: options.store ?? new IdbResumeStore(),
    pool: options.pool ?? new HashPool(createHashWorker, options.hashWorkers ?? defaultPoolSize()),
    transport: (events) =>
      new UppyTransport(api, events, { requestLimit, retryDelays: [0, 1000, 3000, 5000, 10000] }),
    concurrency: options.concurrency ?? 4,
    fileRetry: { ...DEFAULT_RETRY, attempts: 4 },
    publishIntervalMs: 250,
    checkWindowMs: 200,
  });
  return {
    addFiles: (files) => engine.addFiles(files),
    retry: (id) => engine.retry(id),
    retryAllFailed: () => engine.retryAllFailed(),
    cancel: (id) => engine.cancel(id),
    cancelAll: () => engine.cancelAll(),
    clearFinished: () => engine.clearFinished(),
    forgetPending: (fingerprint) => engine.forgetPending(fingerprint),
    subscribe: (listener) => engine.subscribe(listener),
    getSnapshot: () => engine.getSnapshot(),
    onAssetFinalized: (listener) => engine.onAssetFinalized(listener),
    dispose: () => engine.dispose(),
  };
}

export { HASH_MEASURE } from "./hashPool";
