/// <reference lib="webworker" />
/** Hashes one file at a time: SHA-256 over 8 MiB slices, never the whole file in memory. */
import { createSHA256, type IHasher } from "hash-wasm";
import type { HashRequest, HashResponse } from "./hashPool";

const SLICE_BYTES = 8 * 1024 * 1024;
let hasher: Promise<IHasher> | null = null;

async function sha256Of(file: Blob): Promise<string> {
  hasher ??= createSHA256();
  const state = await hasher;
  state.init();
  for (let offset = 0; offset < file.size; offset += SLICE_BYTES) {
    const slice = await file.slice(offset, offset + SLICE_BYTES).arrayBuffer();
    state.update(new Uint8Array(slice));
  }
  return state.digest("hex");
}

self.onmessage = async (event: MessageEvent<HashRequest>) => {
  const { jobId, file } = event.data;
  let reply: HashResponse;
  try {
    reply = { jobId, sha256: await sha256Of(file) };
  } catch (error) {
    reply = { jobId, error: error instanceof Error ? error.message : String(error) };
  }
  (self as unknown as DedicatedWorkerGlobalScope).postMessage(reply);
};
