/** The upload engine's entry point (see ../model.ts). Replaced by the real engine. */
import type { UploadController } from "../model";

export interface UploadControllerOptions {
  /** Files uploaded at once (default 4). */
  concurrency?: number;
}

export function createUploadController(options: UploadControllerOptions = {}): UploadController {
  void options;
  throw new Error("The upload engine is not built yet.");
}
