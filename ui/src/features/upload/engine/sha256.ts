/**
 * SHA-256 of a Blob, read in 8 MiB slices (never the whole file in memory). A file of one slice
 * is digested by the platform (`crypto.subtle`, native and several times faster than
 * WebAssembly) where the page is a secure context; longer files, and pages served over plain
 * HTTP on the LAN (no `crypto.subtle` there), stream through hash-wasm.
 */
import { createSHA256, type IHasher } from "hash-wasm";

export const SLICE_BYTES = 8 * 1024 * 1024;

/** Idle hashers to reuse (one WebAssembly instance each); a call never shares one. */
const idle: IHasher[] = [];

type Digest = (data: Uint8Array<ArrayBuffer>) => Promise<ArrayBuffer>;

function platformDigest(): Digest | null {
  const subtle = globalThis.crypto?.subtle;
  return subtle ? (data) => subtle.digest("SHA-256", data) : null;
}

export async function sha256Of(
  file: Blob,
  sliceBytes: number = SLICE_BYTES,
  digest: Digest | null = platformDigest(),
): Promise<string> {
  if (digest && file.size <= sliceBytes) return toHex(await digest(new Uint8Array(await file.arrayBuffer())));
  const state = idle.pop() ?? (await createSHA256());
  try {
    state.init();
    for (let offset = 0; offset < file.size; offset += sliceBytes) {
      const slice = await file.slice(offset, offset + sliceBytes).arrayBuffer();
      state.update(new Uint8Array(slice));
    }
    return state.digest("hex");
  } finally {
    idle.push(state);
  }
}

function toHex(buffer: ArrayBuffer): string {
  return Array.from(new Uint8Array(buffer), (byte) => byte.toString(16).padStart(2, "0")).join("");
}
