/// <reference lib="webworker" />
/** One hashing worker of the pool (./hashPool.ts): one file at a time. */
import type { HashRequest, HashResponse } from "./hashPool";
import { sha256Of } from "./sha256";

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
