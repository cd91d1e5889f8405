/** Turning whatever an upload step threw into the `UploadError` the panel shows. */
import { ApiError } from "../../../api/http";
import type { UploadError } from "../model";
import { isRetryable, statusOf } from "./retry";

export function toUploadError(error: unknown): UploadError {
  const retryable = isRetryable(error);
  if (error instanceof ApiError) {
    return { code: error.code, message: error.message, retryable };
  }
  const status = statusOf(error);
  if (status === undefined || status === 0) {
    return {
      code: "network",
      message: "The connection to the server failed.",
      retryable,
    };
  }
  return {
    code: `http_${status}`,
    message: `The server answered ${status}.`,
    retryable,
  };
}
