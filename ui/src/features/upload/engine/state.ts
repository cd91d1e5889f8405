/** The engine's items in order of arrival, and the totals the panel shows. */
import { EMPTY_TOTALS, type UploadItem, type UploadPhase, type UploadTotals } from "../model";

/** Phases that still need the page (the beforeunload warning hangs on these). */
export function isActivePhase(phase: UploadPhase): boolean {
  return phase !== "done" && phase !== "duplicate" && phase !== "failed" && phase !== "cancelled";
}

/**
 * Items by id with their order; every change replaces the item object so the UI can compare
 * rows by identity. The ordered array is rebuilt lazily, once per published snapshot.
 */
export class ItemList {
  private readonly byId = new Map<string, UploadItem>();
  private order: string[] = [];
  private cached: readonly UploadItem[] | null = [];

  get size(): number {
    return this.order.length;
  }

  get(id: string): UploadItem | undefined {
    return this.byId.get(id);
  }

  add(item: UploadItem): void {
    this.byId.set(item.id, item);
    this.order.push(item.id);
    this.cached = null;
  }

  /** Replace an item with a changed copy; returns the new item (undefined when unknown). */
  update(id: string, patch: Partial<Omit<UploadItem, "id">>): UploadItem | undefined {
    const current = this.byId.get(id);
    if (!current) return undefined;
    const next: UploadItem = { ...current, ...patch };
    this.byId.set(id, next);
    this.cached = null;
    return next;
  }

  /** Remove the items `drop` selects; returns their ids. */
  removeWhere(drop: (item: UploadItem) => boolean): string[] {
    const removed: string[] = [];
    this.order = this.order.filter((id) => {
      const item = this.byId.get(id)!;
      if (!drop(item)) return true;
      this.byId.delete(id);
      removed.push(id);
      return false;
    });
    if (removed.length) this.cached = null;
    return removed;
  }

  items(): readonly UploadItem[] {
    this.cached ??= this.order.map((id) => this.byId.get(id)!);
    return this.cached;
  }
}

export function computeTotals(
  items: readonly UploadItem[],
  bytesPerSecond: number,
  eta: (remaining: number, speed: number) => number | null,
): UploadTotals {
  const totals: UploadTotals = { ...EMPTY_TOTALS, total: items.length };
  let remaining = 0;
  let active = 0;
  for (const item of items) {
    switch (item.phase) {
      case "queued":
        totals.queued += 1;
        break;
      case "hashing":
      case "checking":
        totals.hashing += 1;
        break;
      case "uploading":
      case "finalizing":
        totals.uploading += 1;
        break;
      case "done":
        totals.done += 1;
        break;
      case "duplicate":
        totals.duplicates += 1;
        break;
      case "failed":
        totals.failed += 1;
        break;
      case "cancelled":
        totals.cancelled += 1;
        break;
    }
    if (item.phase === "duplicate" || item.phase === "cancelled") continue;
    totals.bytesTotal += item.size;
    totals.bytesSent += Math.min(item.size, item.bytesSent);
    if (isActivePhase(item.phase)) {
      active += 1;
      remaining += Math.max(0, item.size - item.bytesSent);
    }
  }
  if (active > 0) {
    totals.bytesPerSecond = Math.round(bytesPerSecond);
    totals.etaSeconds = eta(remaining, bytesPerSecond);
  }
  return totals;
}

/** A first-in first-out queue with O(1) shift (Array#shift moves every element). */
export class Fifo<T> {
  private items: T[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
  }

  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head] = undefined as T;
    this.head += 1;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }
}
