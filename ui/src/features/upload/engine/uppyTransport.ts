/**
 * Moves a file's bytes with Uppy core (headless) and `@uppy/aws-s3`'s callbacks mapped onto
 * our `/uploads` API: a signed single PUT, or multipart parts signed by `POST
 * /uploads/{id}/parts` and listed by `GET /uploads/{id}`. Only the files in flight live in
 * Uppy's state (it copies its whole file map on every event), so each is removed when done.
 *
 * Multipart files always start on the plugin's resume path (`s3Multipart` pre-seeded with the
 * asset id): it lists the stored parts first and sends only the missing ones, which is what a
 * retry and a resume after reload both need. The plugin's own abort is a no-op; cancelling
 * on the server is the controller's call (`DELETE /uploads/{id}`).
 */
import Uppy, { type UppyFile } from "@uppy/core";
import AwsS3, { type AwsS3Part, type AwsS3UploadParameters } from "@uppy/aws-s3";
import type { FinalizedAsset, MultipartPlan, SinglePlan, UploadsApi } from "./uploadsApi";

type Meta = { itemId: string };
type Body = Record<string, never>;
type File_ = UppyFile<Meta, Body>;

export interface TransportJob {
  itemId: string;
  file: File;
  assetId: string;
  contentType: string;
  plan: SinglePlan | MultipartPlan;
  /** A fresh signed PUT for a single upload whose URL is about to expire. */
  refreshPlan: () => Promise<SinglePlan>;
}

export interface TransportEvents {
  progress(itemId: string, bytesSent: number): void;
  /** The parts the server already holds, before the missing ones are sent. */
  partsStored(itemId: string, parts: { partNumber: number; etag: string; size: number }[]): void;
  partUploaded(itemId: string, part: { partNumber: number; etag: string; size: number }): void;
}

/** What the controller needs from the byte transport (tests give it a stand-in). */
export interface Transport {
  send(job: TransportJob): Promise<FinalizedAsset | null>;
  abort(itemId: string): void;
  dispose(): void;
}

interface Flight {
  job: TransportJob;
  resolve: (asset: FinalizedAsset | null) => void;
  reject: (error: unknown) => void;
  partUrls: Map<number, { url: Promise<string>; at: number }>;
  asset: FinalizedAsset | null;
}

const PART_URL_BATCH = 8;
const PART_URL_MAX_AGE_MS = 4 * 60_000;
const SINGLE_URL_MARGIN_MS = 60_000;

export class UppyTransport implements Transport {
  private readonly uppy: Uppy<Meta, Body>;
  private readonly flights = new Map<string, Flight>();
  private readonly partSizes = new WeakMap<Blob, number>();

  constructor(
    private readonly api: UploadsApi,
    private readonly events: TransportEvents,
    options: { requestLimit: number; retryDelays: number[] },
  ) {
    this.uppy = new Uppy<Meta, Body>({
      id: "mediabox",
      autoProceed: false,
      allowMultipleUploadBatches: true,
      // Our item id is the Uppy file id, so the same file can be in flight for two items.
      onBeforeFileAdded: (file) => ({ ...file, id: file.meta.itemId }),
      logger: { debug() {}, warn() {}, error() {} },
    });
    this.uppy.use(AwsS3<Meta, Body>, {
      id: "MediaboxUploads",
      limit: options.requestLimit,
      retryDelays: options.retryDelays,
      shouldUseMultipart: (file) => this.flight(file).job.plan.type === "multipart",
      getChunkSize: (data) => this.partSizes.get(data as Blob) ?? data.size,
      getUploadParameters: (file) => this.singleParameters(file),
      createMultipartUpload: (file) => ({ uploadId: this.flight(file).job.assetId, key: this.flight(file).job.assetId }),
      listParts: (file, { uploadId, signal }) => this.listParts(file, uploadId!, signal),
      signPart: (file, { uploadId, partNumber }) => this.signPart(file, uploadId, partNumber),
      completeMultipartUpload: (file, { uploadId, parts, signal }) =>
        this.complete(file, uploadId, parts, signal),
      abortMultipartUpload: () => undefined,
    });
    this.uppy.on("upload-progress", (file, progress) => {
      if (file) this.events.progress(file.id, progress.bytesUploaded);
    });
    this.uppy.on("s3-multipart:part-uploaded", (file, part) => {
      const flight = this.flights.get(file.id);
      if (!flight) return;
      const size = partLength(flight.job, part.PartNumber);
      this.events.partUploaded(file.id, { partNumber: part.PartNumber, etag: part.ETag, size });
    });
    this.uppy.on("upload-success", (file) => {
      if (file) this.land(file.id, (flight) => flight.resolve(flight.asset));
    });
    this.uppy.on("upload-error", (file, error) => {
      if (file) this.land(file.id, (flight) => flight.reject(error));
    });
  }

  /** Files Uppy holds right now (the window in flight). */
  get inFlight(): number {
    return this.flights.size;
  }

  /** Send the bytes; resolves with the finalized asset for multipart (finalize is the
   * plugin's last step), null for a single PUT (the caller finalizes). */
  send(job: TransportJob): Promise<FinalizedAsset | null> {
    return new Promise((resolve, reject) => {
      this.flights.set(job.itemId, { job, resolve, reject, partUrls: new Map(), asset: null });
      if (job.plan.type === "multipart") this.partSizes.set(job.file, job.plan.part_size);
      try {
        this.uppy.addFile({
          name: job.file.name,
          type: job.contentType,
          data: job.file,
          meta: { itemId: job.itemId },
          source: "mediabox",
        });
        if (job.plan.type === "multipart") {
          this.uppy.setFileState(job.itemId, {
            s3Multipart: { uploadId: job.assetId, key: job.assetId },
          } as Partial<File_>);
        }
      } catch (error) {
        this.flights.delete(job.itemId);
        reject(error);
        return;
      }
      this.uppy.upload().catch(() => undefined); // failures arrive per file as upload-error
    });
  }

  /** Stop a file's requests; its `send` rejects with an AbortError. */
  abort(itemId: string): void {
    this.land(itemId, (flight) => flight.reject(new DOMException("Cancelled", "AbortError")));
  }

  dispose(): void {
    for (const itemId of [...this.flights.keys()]) this.abort(itemId);
    this.uppy.destroy();
  }

  private land(itemId: string, settle: (flight: Flight) => void): void {
    const flight = this.flights.get(itemId);
    if (!flight) return;
    this.flights.delete(itemId);
    if (this.uppy.getFile(itemId)) this.uppy.removeFile(itemId);
    settle(flight);
  }

  private flight(file: { id: string }): Flight {
    const flight = this.flights.get(file.id);
    if (!flight) throw new DOMException("The upload was cancelled.", "AbortError");
    return flight;
  }

  private async singleParameters(file: File_): Promise<AwsS3UploadParameters> {
    const flight = this.flight(file);
    let plan = flight.job.plan as SinglePlan;
    if (Date.parse(plan.expires_at) - Date.now() < SINGLE_URL_MARGIN_MS) {
      plan = await flight.job.refreshPlan();
      flight.job.plan = plan;
    }
    return { method: "PUT", url: absolute(plan.url), headers: plan.headers };
  }

  private async listParts(file: File_, assetId: string, signal?: AbortSignal): Promise<AwsS3Part[]> {
    const flight = this.flight(file);
    const state = await this.api.state(assetId, signal);
    if (state.status !== "uploading") {
      // Finalized meanwhile (another tab): nothing left to send; complete() returns it.
      flight.asset = await this.api.finalize(assetId, null, signal);
      const count = (flight.job.plan as MultipartPlan).part_count;
      return Array.from({ length: count }, (_, i) => ({ PartNumber: i + 1, ETag: "stored" }));
    }
    const stored = state.parts.map((part) => ({
      partNumber: part.part_number,
      etag: part.etag,
      size: part.size,
    }));
    this.events.partsStored(file.id, stored);
    return stored.map((part) => ({ PartNumber: part.partNumber, ETag: part.etag, Size: part.size }));
  }

  private async signPart(file: File_, assetId: string, partNumber: number): Promise<AwsS3UploadParameters> {
    const flight = this.flight(file);
    const now = Date.now();
    const fresh = (n: number) => {
      const entry = flight.partUrls.get(n);
      return entry !== undefined && now - entry.at < PART_URL_MAX_AGE_MS;
    };
    if (!fresh(partNumber)) {
      const count = (flight.job.plan as MultipartPlan).part_count;
      const wanted: number[] = [];
      for (let n = partNumber; n <= Math.min(count, partNumber + PART_URL_BATCH - 1); n += 1) {
        if (n === partNumber || !fresh(n)) wanted.push(n);
      }
      const batch = this.api.partUrls(assetId, wanted);
      for (const n of wanted) {
        const url = batch.then((urls) => urls.get(n)!);
        url.catch(() => flight.partUrls.delete(n));
        flight.partUrls.set(n, { url, at: now });
      }
    }
    const url = await flight.partUrls.get(partNumber)!.url;
    return { method: "PUT", url: absolute(url) };
  }

  private async complete(
    file: File_,
    assetId: string,
    parts: AwsS3Part[],
    signal: AbortSignal,
  ): Promise<{ location?: string }> {
    const flight = this.flight(file);
    flight.asset ??= await this.api.finalize(
      assetId,
      parts
        .map((part) => ({ part_number: part.PartNumber!, etag: part.ETag! }))
        .sort((a, b) => a.part_number - b.part_number),
      signal,
    );
    return {};
  }
}

/** The local store signs same-origin paths; the plugin parses the URL, so make it absolute. */
function absolute(url: string): string {
  return new URL(url, globalThis.location?.href).href;
}

function partLength(job: TransportJob, partNumber: number): number {
  const partSize = (job.plan as MultipartPlan).part_size;
  return Math.max(0, Math.min(partSize, job.file.size - (partNumber - 1) * partSize));
}
