/** Test doubles for the engine's collaborators (used by the *.test.ts files only). */
import { vi } from "vitest";
import type { HashRequest, HashResponse, WorkerLike } from "../hashPool";
import type { ResumeRecord, ResumeStore } from "../resumeStore";
import { sha256Of } from "../sha256";
import type { CreateAnswer, CreateRequest, FinalizedAsset, KnownHash, UploadsApi } from "../uploadsApi";
import type { Transport, TransportEvents, TransportJob } from "../uppyTransport";

export /** An in-process worker running the real hashing code; `gate` lets a test hold replies. */
class FakeWorker implements WorkerLike {
  static created: FakeWorker[] = [];
  onmessage: ((event: MessageEvent<HashResponse>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  busy = 0;
  terminated = false;

  constructor(private readonly gate: () => Promise<void> = async () => undefined) {
    FakeWorker.created.push(this);
  }

  postMessage({ jobId, file }: HashRequest): void {
    this.busy += 1;
    void (async () => {
      await this.gate();
      if ((file as Blob & { explode?: boolean }).explode) {
        this.onerror?.({ message: "boom", preventDefault() {} } as ErrorEvent);
        return;
      }
      const sha256 = await sha256Of(file, { nativeMaxBytes: 1024, sliceBytes: 1024 });
      this.busy -= 1;
      this.onmessage?.({ data: { jobId, sha256 } } as MessageEvent<HashResponse>);
    })();
  }

  terminate(): void {
    this.terminated = true;
  }
}


/** A resume store in memory, with the same contract as the IndexedDB one. */
export class MemoryResumeStore implements ResumeStore {
  readonly records = new Map<string, ResumeRecord>();

  async all(): Promise<ResumeRecord[]> {
    return [...this.records.values()];
  }

  async put(record: ResumeRecord): Promise<void> {
    this.records.set(record.fingerprint, structuredClone(record));
  }

  async delete(fingerprint: string): Promise<void> {
    this.records.delete(fingerprint);
  }
}

/** The byte transport as the controller sees it; a test settles each send by hand. */
export class FakeTransport implements Transport {
  events!: TransportEvents;
  readonly sent: TransportJob[] = [];
  readonly aborted: string[] = [];
  private readonly pending = new Map<string, { resolve: (a: FinalizedAsset | null) => void; reject: (e: unknown) => void }>();

  send(job: TransportJob): Promise<FinalizedAsset | null> {
    this.sent.push(job);
    return new Promise((resolve, reject) => this.pending.set(job.itemId, { resolve, reject }));
  }

  get inFlight(): string[] {
    return [...this.pending.keys()];
  }

  succeed(itemId: string, asset: FinalizedAsset | null = null): void {
    this.take(itemId).resolve(asset);
  }

  fail(itemId: string, error: unknown): void {
    this.take(itemId).reject(error);
  }

  abort(itemId: string): void {
    this.aborted.push(itemId);
    this.pending.get(itemId)?.reject(new DOMException("Cancelled", "AbortError"));
    this.pending.delete(itemId);
  }

  dispose(): void {}

  private take(itemId: string) {
    const flight = this.pending.get(itemId);
    if (!flight) throw new Error(`${itemId} is not in flight`);
    this.pending.delete(itemId);
    return flight;
  }
}

/** The `/uploads` API over an in-memory library: sha256 → asset; sizes over `threshold` go
 * multipart. Every method is a spy. */
export function fakeUploadsApi(threshold = 1_000_000) {
  const library = new Map<string, { asset_id: string; status: KnownHash["status"] }>();
  let next = 1;
  const api = {
    library,
    check: vi.fn(async (hashes: string[]): Promise<KnownHash[]> =>
      hashes.flatMap((sha256) => {
        const known = library.get(sha256);
        return known ? [{ sha256, ...known }] : [];
      }),
    ),
    create: vi.fn(async (request: CreateRequest): Promise<CreateAnswer> => {
      const known = request.sha256 ? library.get(request.sha256) : undefined;
      if (known && known.status !== "uploading") return { asset_id: known.asset_id, duplicate: true, upload: null };
      const asset_id = known?.asset_id ?? `asset-${next++}`;
      if (request.sha256) library.set(request.sha256, { asset_id, status: "uploading" });
      const upload: CreateAnswer["upload"] =
        request.size_bytes > threshold
          ? { type: "multipart", part_size: threshold, part_count: Math.ceil(request.size_bytes / threshold) }
          : { type: "single", method: "PUT", url: `/blob/${asset_id}`, headers: {}, expires_at: "2999-01-01T00:00:00Z" };
      return { asset_id, duplicate: false, upload };
    }),
    partUrls: vi.fn(async (assetId: string, numbers: number[]) => new Map(numbers.map((n) => [n, `/blob/${assetId}/${n}`]))),
    state: vi.fn(),
    finalize: vi.fn(async (assetId: string): Promise<FinalizedAsset> => {
      for (const entry of library.values()) if (entry.asset_id === assetId) entry.status = "ready";
      return { id: assetId } as FinalizedAsset;
    }),
    abort: vi.fn(async () => undefined),
  };
  return api satisfies UploadsApi;
}
