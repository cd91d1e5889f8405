/**
 * An in-memory `UploadController` for tests of the upload UI: it keeps the rows it is given,
 * answers commands the way the engine does (retry → queued, cancel → cancelled, …), records
 * every command, and lets a test move files along and finalize them.
 */
import {
  FINAL_PHASES,
  type FileWithPath,
  type PendingResume,
  type UploadController,
  type UploadItem,
  type UploadSnapshot,
  type UploadTotals,
} from "../model";

export function fakeItem(id: string, patch: Partial<UploadItem> = {}): UploadItem {
  return { id, name: `${id}.jpg`, relativePath: `${id}.jpg`, size: 1000, phase: "queued", bytesSent: 0, ...patch };
}

function totalsOf(items: readonly UploadItem[], transfer: Pick<UploadTotals, "bytesPerSecond" | "etaSeconds">): UploadTotals {
  const count = (...phases: UploadItem["phase"][]) => items.filter((item) => phases.includes(item.phase)).length;
  const counted = items.filter((item) => item.phase !== "cancelled");
  return {
    total: items.length,
    queued: count("queued"),
    hashing: count("hashing", "checking"),
    uploading: count("uploading", "finalizing"),
    done: count("done"),
    duplicates: count("duplicate"),
    failed: count("failed"),
    cancelled: count("cancelled"),
    bytesTotal: counted.reduce((sum, item) => sum + item.size, 0),
    bytesSent: counted.reduce((sum, item) => sum + item.bytesSent, 0),
    ...transfer,
  };
}

export class FakeUploadController implements UploadController {
  /** Every command, as "retry:a", "cancelAll", "addFiles:2", "forgetPending:*" … */
  readonly calls: string[] = [];
  /** The files handed to addFiles, in order. */
  readonly added: FileWithPath[] = [];
  disposed = false;
  private items: UploadItem[] = [];
  private pending: PendingResume[] = [];
  private transfer: Pick<UploadTotals, "bytesPerSecond" | "etaSeconds"> = { bytesPerSecond: 0, etaSeconds: null };
  private snapshot: UploadSnapshot;
  private listeners = new Set<() => void>();
  private finalizedListeners = new Set<(assetId: string) => void>();
  private nextId = 1;

  constructor(items: UploadItem[] = [], pending: PendingResume[] = []) {
    this.items = items;
    this.pending = pending;
    this.snapshot = this.build();
  }

  // --- the contract ---

  addFiles(files: readonly FileWithPath[]): void {
    this.calls.push(`addFiles:${files.length}`);
    this.added.push(...files);
    const fresh = files.map(({ file, relativePath }) =>
      fakeItem(`added-${this.nextId++}`, { name: file.name, relativePath, size: file.size }),
    );
    this.set([...this.items, ...fresh]);
  }

  retry(id: string): void {
    this.calls.push(`retry:${id}`);
    this.patch(id, { phase: "queued", error: undefined });
  }

  retryAllFailed(): void {
    this.calls.push("retryAllFailed");
    this.set(this.items.map((item) => (item.phase === "failed" ? { ...item, phase: "queued", error: undefined } : item)));
  }

  cancel(id: string): void {
    this.calls.push(`cancel:${id}`);
    this.patch(id, { phase: "cancelled" });
  }

  cancelAll(): void {
    this.calls.push("cancelAll");
    this.set(this.items.map((item) => (FINAL_PHASES.has(item.phase) ? item : { ...item, phase: "cancelled" })));
  }

  clearFinished(): void {
    this.calls.push("clearFinished");
    this.set(this.items.filter((item) => !["done", "duplicate", "cancelled"].includes(item.phase)));
  }

  forgetPending(fingerprint?: string): void {
    this.calls.push(`forgetPending:${fingerprint ?? "*"}`);
    this.pending = fingerprint ? this.pending.filter((each) => each.fingerprint !== fingerprint) : [];
    this.publish();
  }

  // Plain methods, like the engine's: the UI must not call them unbound.
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  getSnapshot(): UploadSnapshot {
    return this.snapshot;
  }

  onAssetFinalized(listener: (assetId: string) => void): () => void {
    this.finalizedListeners.add(listener);
    return () => this.finalizedListeners.delete(listener);
  }

  dispose(): void {
    this.disposed = true;
    this.listeners.clear();
    this.finalizedListeners.clear();
  }

  // --- for tests ---

  set(items: UploadItem[]): void {
    this.items = items;
    this.publish();
  }

  patch(id: string, patch: Partial<UploadItem>): void {
    this.set(this.items.map((item) => (item.id === id ? { ...item, ...patch } : item)));
  }

  setPending(pending: PendingResume[]): void {
    this.pending = pending;
    this.publish();
  }

  setTransfer(transfer: Pick<UploadTotals, "bytesPerSecond" | "etaSeconds">): void {
    this.transfer = transfer;
    this.publish();
  }

  /** Marks a file done and tells the finalize listeners, as the engine does. */
  finalize(id: string, assetId = `asset-${id}`): void {
    const item = this.items.find((each) => each.id === id);
    this.patch(id, { phase: "done", assetId, bytesSent: item?.size ?? 0 });
    this.finalizedListeners.forEach((listener) => listener(assetId));
  }

  private build(): UploadSnapshot {
    const items = [...this.items];
    const claimed = new Set(items.map((item) => `${item.name}:${item.size}`));
    return {
      items,
      totals: totalsOf(items, this.transfer),
      pendingResume: this.pending.filter((each) => !claimed.has(`${each.name}:${each.size}`)),
      active: items.some((item) => !FINAL_PHASES.has(item.phase)),
    };
  }

  private publish(): void {
    this.snapshot = this.build();
    this.listeners.forEach((listener) => listener());
  }
}
