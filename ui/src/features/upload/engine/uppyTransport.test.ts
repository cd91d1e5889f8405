import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { statusOf } from "./retry";
import { fakeUploadsApi } from "./testing/fakes";
import type { FinalizedAsset } from "./uploadsApi";
import { UppyTransport, type TransportEvents } from "./uppyTransport";

/** XMLHttpRequest as Uppy's aws-s3 plugin uses it; each send answers from `respond`. */
class FakeXhr {
  static sent: FakeXhr[] = [];
  static respond: (xhr: FakeXhr) => { status: number; etag?: string } = () => ({ status: 200, etag: '"e"' });
  readonly upload = new EventTarget();
  private readonly events = new EventTarget();
  method = "";
  url = "";
  headers: Record<string, string> = {};
  body: Blob | null = null;
  status = 0;
  responseText = "";
  responseType = "";
  timeout = 0;
  private etag?: string;

  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  addEventListener(type: string, listener: EventListener) {
    this.events.addEventListener(type, listener);
  }
  getAllResponseHeaders() {
    return this.etag ? `content-length: 0\r\netag: ${this.etag}\r\n` : "content-length: 0\r\n";
  }
  send(body: Blob) {
    this.body = body;
    FakeXhr.sent.push(this);
    setTimeout(() => {
      const answer = FakeXhr.respond(this);
      this.status = answer.status;
      this.etag = answer.etag;
      const progress = Object.assign(new Event("progress"), { loaded: body.size, total: body.size, lengthComputable: true });
      this.upload.dispatchEvent(progress);
      this.events.dispatchEvent(new Event("load"));
    }, 1);
  }
  abort() {
    this.events.dispatchEvent(new Event("abort"));
  }
}

const MiB = 1024 * 1024;

function events() {
  return {
    progress: vi.fn(),
    partsStored: vi.fn(),
    partUploaded: vi.fn(),
  } satisfies TransportEvents;
}

let transport: UppyTransport | null = null;

beforeEach(() => {
  FakeXhr.sent = [];
  FakeXhr.respond = (xhr) => ({ status: 200, etag: `"etag-${FakeXhr.sent.indexOf(xhr)}"` });
  vi.stubGlobal("XMLHttpRequest", FakeXhr);
});

afterEach(() => {
  transport?.dispose();
  transport = null;
  vi.unstubAllGlobals();
});

describe("UppyTransport", () => {
  it("sends a single upload as one signed PUT with the plan's headers", async () => {
    const api = fakeUploadsApi();
    const on = events();
    transport = new UppyTransport(api, on, { requestLimit: 4, retryDelays: [] });
    const file = new File(["hello"], "a.jpg", { type: "image/jpeg" });
    const result = await transport.send({
      itemId: "upload-1",
      file,
      assetId: "asset-1",
      contentType: "image/jpeg",
      plan: { type: "single", method: "PUT", url: "/api/v1/blobs/k?sig=1", headers: { "Content-Type": "image/jpeg" }, expires_at: "2999-01-01T00:00:00Z" },
      refreshPlan: vi.fn(),
    });
    expect(result).toBeNull();
    expect(FakeXhr.sent).toHaveLength(1);
    const [put] = FakeXhr.sent;
    expect(put.method).toBe("PUT");
    expect(put.url).toBe(new URL("/api/v1/blobs/k?sig=1", location.href).href);
    expect(put.headers).toEqual({ "Content-Type": "image/jpeg" });
    expect(put.body).toBe(file);
    expect(on.progress).toHaveBeenLastCalledWith("upload-1", 5);
    expect(transport.inFlight).toBe(0);
    expect(api.finalize).not.toHaveBeenCalled();
  });

  it("renews a single upload's URL that is about to expire", async () => {
    const refreshPlan = vi.fn(async () => ({
      type: "single" as const,
      method: "PUT",
      url: "http://127.0.0.1:9000/bucket/k?fresh=1",
      headers: {},
      expires_at: "2999-01-01T00:00:00Z",
    }));
    transport = new UppyTransport(fakeUploadsApi(), events(), { requestLimit: 4, retryDelays: [] });
    await transport.send({
      itemId: "upload-1",
      file: new File(["x"], "a.jpg"),
      assetId: "asset-1",
      contentType: "image/jpeg",
      plan: { type: "single", method: "PUT", url: "/old", headers: {}, expires_at: new Date(Date.now() + 5_000).toISOString() },
      refreshPlan,
    });
    expect(refreshPlan).toHaveBeenCalledTimes(1);
    expect(FakeXhr.sent[0].url).toBe("http://127.0.0.1:9000/bucket/k?fresh=1");
  });

  it("lists stored parts, sends only the missing ones with batched URLs, then finalizes", async () => {
    const api = fakeUploadsApi();
    api.state.mockResolvedValue({
      asset_id: "asset-7",
      status: "uploading",
      type: "multipart",
      size_bytes: 12 * MiB,
      part_size: 5 * MiB,
      part_count: 3,
      parts: [{ part_number: 2, size: 5 * MiB, etag: "stored-2" }],
    });
    const on = events();
    transport = new UppyTransport(api, on, { requestLimit: 6, retryDelays: [] });
    const file = new File([new Uint8Array(12 * MiB)], "big.mov", { type: "video/quicktime" });
    const asset = await transport.send({
      itemId: "upload-1",
      file,
      assetId: "asset-7",
      contentType: "video/quicktime",
      plan: { type: "multipart", part_size: 5 * MiB, part_count: 3 },
      refreshPlan: vi.fn(),
    });
    expect(asset).toEqual({ id: "asset-7" });
    expect(api.state).toHaveBeenCalledTimes(1);
    expect(on.partsStored).toHaveBeenCalledWith("upload-1", [{ partNumber: 2, etag: "stored-2", size: 5 * MiB }]);
    expect(FakeXhr.sent.map((xhr) => [xhr.url.split("/").pop(), xhr.body!.size]).sort()).toEqual([
      ["1", 5 * MiB],
      ["3", 2 * MiB],
    ]);
    expect(api.partUrls).toHaveBeenCalledTimes(1);
    expect(api.partUrls.mock.calls[0].slice(0, 2)).toEqual(["asset-7", [1, 2, 3]]);
    const [assetId, parts] = api.finalize.mock.calls[0] as unknown as [string, { part_number: number; etag: string }[]];
    expect(assetId).toBe("asset-7");
    expect(parts.map((p) => p.part_number)).toEqual([1, 2, 3]);
    expect(parts[1].etag).toBe("stored-2");
    expect(on.partUploaded.mock.calls.map(([, part]) => part.partNumber).sort()).toEqual([1, 3]);
    expect(on.partUploaded.mock.calls.find(([, part]) => part.partNumber === 3)![1].size).toBe(2 * MiB);
    expect(transport.inFlight).toBe(0);
  });

  it("hands back an asset another tab finalized without sending a byte", async () => {
    const api = fakeUploadsApi();
    api.state.mockResolvedValue({
      asset_id: "asset-7",
      status: "ready",
      type: "multipart",
      size_bytes: 12 * MiB,
      part_size: 5 * MiB,
      part_count: 3,
      parts: [],
    });
    transport = new UppyTransport(api, events(), { requestLimit: 6, retryDelays: [] });
    const asset = await transport.send({
      itemId: "upload-1",
      file: new File([new Uint8Array(12 * MiB)], "big.mov"),
      assetId: "asset-7",
      contentType: "video/quicktime",
      plan: { type: "multipart", part_size: 5 * MiB, part_count: 3 },
      refreshPlan: vi.fn(),
    });
    expect(asset).toEqual({ id: "asset-7" } as FinalizedAsset);
    expect(FakeXhr.sent).toHaveLength(0);
    expect(api.finalize).toHaveBeenCalledTimes(1);
  });

  it("rejects with the PUT's status so the caller can decide to retry", async () => {
    FakeXhr.respond = () => ({ status: 503 });
    transport = new UppyTransport(fakeUploadsApi(), events(), { requestLimit: 4, retryDelays: [] });
    const error = await transport
      .send({
        itemId: "upload-1",
        file: new File(["x"], "a.jpg"),
        assetId: "asset-1",
        contentType: "image/jpeg",
        plan: { type: "single", method: "PUT", url: "/u", headers: {}, expires_at: "2999-01-01T00:00:00Z" },
        refreshPlan: vi.fn(),
      })
      .catch((e: unknown) => e);
    expect(statusOf(error)).toBe(503);
    expect(transport.inFlight).toBe(0);
  });

  it("abort stops a file and rejects its send", async () => {
    FakeXhr.respond = () => ({ status: 200, etag: '"e"' });
    transport = new UppyTransport(fakeUploadsApi(), events(), { requestLimit: 4, retryDelays: [] });
    const sending = transport.send({
      itemId: "upload-1",
      file: new File(["x"], "a.jpg"),
      assetId: "asset-1",
      contentType: "image/jpeg",
      plan: { type: "single", method: "PUT", url: "/u", headers: {}, expires_at: "2999-01-01T00:00:00Z" },
      refreshPlan: vi.fn(),
    });
    transport.abort("upload-1");
    await expect(sending).rejects.toMatchObject({ name: "AbortError" });
    expect(transport.inFlight).toBe(0);
  });
});
