/** The `/api/v1/uploads` calls the engine makes, each retried on network errors and 5xx. */
import { api, unwrap, type Schemas } from "../../../api/client";
import { withRetry, type RetryPolicy } from "./retry";

export type CreateAnswer = Schemas["UploadCreateOut"];
export type SinglePlan = Schemas["SinglePlanOut"];
export type MultipartPlan = Schemas["MultipartPlanOut"];
export type UploadState = Schemas["UploadStateOut"];
export type FinalizedAsset = Schemas["AssetOut"];

/** `uploading` continues through create; any other status is a duplicate. */
export type KnownHash = Schemas["KnownFileOut"];

export interface CreateRequest {
  filename: string;
  content_type: string;
  size_bytes: number;
  sha256: string | null;
  file_modified_at: string | null;
}

/** The subset of the API the engine needs; the controller takes one so tests can fake it. */
export interface UploadsApi {
  check(sha256s: string[]): Promise<KnownHash[]>;
  create(request: CreateRequest, signal?: AbortSignal): Promise<CreateAnswer>;
  partUrls(assetId: string, partNumbers: number[], signal?: AbortSignal): Promise<Map<number, string>>;
  state(assetId: string, signal?: AbortSignal): Promise<UploadState>;
  finalize(
    assetId: string,
    parts: { part_number: number; etag: string }[] | null,
    signal?: AbortSignal,
  ): Promise<FinalizedAsset>;
  abort(assetId: string): Promise<void>;
}

export function createUploadsApi(policy?: RetryPolicy): UploadsApi {
  const retried = <T>(task: () => Promise<T>, signal?: AbortSignal) =>
    withRetry(task, { policy, signal });
  const path = (assetId: string) => ({ params: { path: { upload_id: assetId } } });

  return {
    async check(sha256s) {
      const answer = await retried(() => unwrap(api.POST("/api/v1/uploads/check", { body: { sha256s } })));
      return answer.known;
    },
    create(request, signal) {
      return retried(() => unwrap(api.POST("/api/v1/uploads/create", { body: request, signal })), signal);
    },
    async partUrls(assetId, partNumbers, signal) {
      const answer = await retried(
        () =>
          unwrap(
            api.POST("/api/v1/uploads/{upload_id}/parts", {
              ...path(assetId),
              body: { part_numbers: partNumbers },
              signal,
            }),
          ),
        signal,
      );
      return new Map(answer.parts.map((part) => [part.part_number, part.url]));
    },
    state(assetId, signal) {
      return retried(() => unwrap(api.GET("/api/v1/uploads/{upload_id}", { ...path(assetId), signal })), signal);
    },
    async finalize(assetId, parts, signal) {
      const answer = await retried(
        () =>
          unwrap(
            api.POST("/api/v1/uploads/{upload_id}/finalize", {
              ...path(assetId),
              body: { parts },
              signal,
            }),
          ),
        signal,
      );
      return answer.asset;
    },
    async abort(assetId) {
      await retried(() => unwrap(api.DELETE("/api/v1/uploads/{upload_id}", path(assetId))));
    },
  };
}
