/**
 * The contract between the upload engine (`engine/`) and the upload UI (`ui/`).
 *
 * The engine owns the queue (hashing, dedupe, Uppy, resume records in IndexedDB) and publishes
 * immutable snapshots at about 4 Hz; the UI subscribes with `useSyncExternalStore` and calls the
 * controller's commands. Neither side reaches into the other's files.
 */

/** Where one file is in its life. `done` and `duplicate` are the successful ends. */
export type UploadPhase =
  | "queued"
  | "hashing"
  | "checking"
  | "uploading"
  | "finalizing"
  | "done"
  | "duplicate"
  | "failed"
  | "cancelled";

export const FINAL_PHASES: ReadonlySet<UploadPhase> = new Set([
  "done",
  "duplicate",
  "failed",
  "cancelled",
]);

/** A file handed to the engine, with its folder path when it came from a folder pick or drop. */
export interface FileWithPath {
  file: File;
  /** "Holiday/IMG_1.jpg" for folder picks and drops; the file name otherwise. */
  relativePath: string;
}

export interface UploadError {
  /** The API's error code (`unsupported_file_type`, `http_503`, `network`, …). */
  code: string;
  /** A readable message for the person; the UI may translate known codes instead. */
  message: string;
  /** Whether "retry" can help (network errors and 5xx: yes; 415: no). */
  retryable: boolean;
}

/** One row of the panel. A new object whenever something about the file changes. */
export interface UploadItem {
  /** Stable for the whole page session. */
  id: string;
  name: string;
  relativePath: string;
  size: number;
  phase: UploadPhase;
  /** Bytes of this file known to be stored (parts done + progress of the parts in flight). */
  bytesSent: number;
  /** Set once the server has answered create (or check, for a duplicate). */
  assetId?: string;
  /** True when this file continued an upload begun before a reload. */
  resumed?: boolean;
  error?: UploadError;
}

/** Counts over all items of this session, and the transfer figures. */
export interface UploadTotals {
  total: number;
  queued: number;
  /** Hashing or checking with the server. */
  hashing: number;
  /** Uploading or finalizing. */
  uploading: number;
  /** Uploaded and finalized in this session. */
  done: number;
  duplicates: number;
  failed: number;
  cancelled: number;
  bytesTotal: number;
  bytesSent: number;
  /** Smoothed over the last few seconds; 0 when idle. */
  bytesPerSecond: number;
  /** Seconds until the queue is empty at the current speed; null when unknown. */
  etaSeconds: number | null;
}

/** Totals of an empty session (copy before changing: it is frozen). */
export const EMPTY_TOTALS: Readonly<UploadTotals> = Object.freeze({
  total: 0,
  queued: 0,
  hashing: 0,
  uploading: 0,
  done: 0,
  duplicates: 0,
  failed: 0,
  cancelled: 0,
  bytesTotal: 0,
  bytesSent: 0,
  bytesPerSecond: 0,
  etaSeconds: null,
});

/** An unfinished upload remembered in IndexedDB from an earlier page (before a reload). */
export interface PendingResume {
  /** name + size + lastModified: what re-selecting the same file matches on. */
  fingerprint: string;
  name: string;
  relativePath: string;
  size: number;
  lastModified: number;
  /** Bytes already stored on the server when the record was last written. */
  bytesDone: number;
  /** ms since epoch. */
  updatedAt: number;
}

export interface UploadSnapshot {
  /** In the order the files were added. A new array whenever any item changes. */
  items: readonly UploadItem[];
  totals: UploadTotals;
  /** Unfinished uploads from an earlier page that no item of this session has picked up yet. */
  pendingResume: readonly PendingResume[];
  /** True while any item is not in a final phase (the beforeunload warning hangs on this). */
  active: boolean;
}

export interface UploadController {
  /** Queue files; files matching a pending resume record continue from their stored parts. */
  addFiles(files: readonly FileWithPath[]): void;
  retry(id: string): void;
  retryAllFailed(): void;
  cancel(id: string): void;
  cancelAll(): void;
  /** Drop the finished rows (done, duplicate, cancelled) from the list. */
  clearFinished(): void;
  /** Forget remembered unfinished uploads (one by fingerprint, or all) and abort them on the server. */
  forgetPending(fingerprint?: string): void;
  subscribe(listener: () => void): () => void;
  getSnapshot(): UploadSnapshot;
  /** Called once per file as its finalize succeeds (the timeline refetches on this). */
  onAssetFinalized(listener: (assetId: string) => void): () => void;
  dispose(): void;
}
