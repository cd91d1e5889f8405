/**
 * Resume records in IndexedDB, one per unfinished file, keyed by its fingerprint
 * (name + size + lastModified). Written after `create`, updated as parts land, deleted when
 * the file is done, a duplicate or cancelled.
 */
import { openDB, type DBSchema, type IDBPDatabase } from "idb";
import type { PendingResume } from "../model";

export interface ResumeRecord {
  fingerprint: string;
  name: string;
  relativePath: string;
  size: number;
  lastModified: number;
  sha256: string;
  assetId: string;
  type: "single" | "multipart";
  partSize: number | null;
  /** Parts this page saw stored (the server's list, `GET /uploads/{id}`, is authoritative). */
  partsDone: { partNumber: number; etag: string }[];
  bytesDone: number;
  updatedAt: number;
}

export interface ResumeStore {
  all(): Promise<ResumeRecord[]>;
  put(record: ResumeRecord): Promise<void>;
  delete(fingerprint: string): Promise<void>;
}

interface ResumeSchema extends DBSchema {
  uploads: { key: string; value: ResumeRecord };
}

const DB_NAME = "mediabox-uploads";
const STORE = "uploads";

export class IdbResumeStore implements ResumeStore {
  private db: Promise<IDBPDatabase<ResumeSchema>> | null = null;

  constructor(private readonly name = DB_NAME) {}

  private open(): Promise<IDBPDatabase<ResumeSchema>> {
    this.db ??= openDB<ResumeSchema>(this.name, 1, {
      upgrade(db) {
        db.createObjectStore(STORE, { keyPath: "fingerprint" });
      },
    });
    return this.db;
  }

  async all(): Promise<ResumeRecord[]> {
    return (await this.open()).getAll(STORE);
  }

  async put(record: ResumeRecord): Promise<void> {
    await (await this.open()).put(STORE, record);
  }

  async delete(fingerprint: string): Promise<void> {
    await (await this.open()).delete(STORE, fingerprint);
  }

  close(): void {
    void this.db?.then((db) => db.close());
    this.db = null;
  }
}

/** The record written once `create` has named the asset. */
export function newResumeRecord(
  file: File,
  fingerprint: string,
  relativePath: string,
  sha256: string,
  assetId: string,
  plan: { type: "single" } | { type: "multipart"; part_size: number },
): ResumeRecord {
  return {
    fingerprint,
    name: file.name,
    relativePath,
    size: file.size,
    lastModified: file.lastModified,
    sha256,
    assetId,
    type: plan.type,
    partSize: plan.type === "multipart" ? plan.part_size : null,
    partsDone: [],
    bytesDone: 0,
    updatedAt: Date.now(),
  };
}

export function toPendingResume(record: ResumeRecord): PendingResume {
  return {
    fingerprint: record.fingerprint,
    name: record.name,
    relativePath: record.relativePath,
    size: record.size,
    lastModified: record.lastModified,
    bytesDone: record.bytesDone,
    updatedAt: record.updatedAt,
  };
}

/** The record after one more part landed (kept sorted, one entry per part number). */
export function withPartDone(
  record: ResumeRecord,
  part: { partNumber: number; etag: string; size: number },
  now: number,
): ResumeRecord {
  if (record.partsDone.some((done) => done.partNumber === part.partNumber)) return record;
  const partsDone = [...record.partsDone, { partNumber: part.partNumber, etag: part.etag }].sort(
    (a, b) => a.partNumber - b.partNumber,
  );
  return { ...record, partsDone, bytesDone: Math.min(record.size, record.bytesDone + part.size), updatedAt: now };
}
