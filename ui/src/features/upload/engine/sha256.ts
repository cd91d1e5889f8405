/**
 * SHA-256 of a Blob, never the whole of a big file in memory. A file of at most one 8 MiB slice
 * (`NATIVE_MAX_BYTES`) is read at once and digested by the platform (`crypto.subtle`, native
 * with the CPU's SHA instructions) where the page is a secure context; a bigger one is streamed
 * (`Blob.stream()`, or 8 MiB slices where it is missing) through hash-wasm, and so is every
 * file on plain-HTTP LAN pages (no `crypto.subtle` there). Measured in Chromium
 * (scripts/bench/bench_browser_hash.py): reading costs the same however it is done; hash-wasm
 * takes about twice the CPU of the native digest, but a 32 MiB native limit saved no wall time
 * in bench_browser_upload, so a file over one slice is never read whole.
 */
import { createSHA256, type IHasher } from "hash-wasm";

export const NATIVE_MAX_BYTES = 8 * 1024 * 1024;
/** Slices of a big file where `Blob.stream()` is missing. */
export const SLICE_BYTES = 8 * 1024 * 1024;

/** Idle hashers to reuse (one WebAssembly instance each); a call never shares one. */
const idle: IHasher[] = [];

type Digest = (data: Uint8Array<ArrayBuffer>) => Promise<ArrayBuffer>;

export interface Sha256Options {
  /** Files up to this size go to `digest` in one read. */
  nativeMaxBytes?: number;
  /** The platform's SHA-256 (null: hash-wasm for everything). */
  digest?: Digest | null;
  /** Read in slices of this size instead of `Blob.stream()`. */
  sliceBytes?: number;
}

function platformDigest(): Digest | null {
  const subtle = globalThis.crypto?.subtle;
  return subtle ? (data) => subtle.digest("SHA-256", data) : null;
}

export async function sha256Of(file: Blob, options: Sha256Options = {}): Promise<string> {
  const { nativeMaxBytes = NATIVE_MAX_BYTES, digest = platformDigest(), sliceBytes } = options;
  if (digest && file.size <= nativeMaxBytes) return toHex(await digest(new Uint8Array(await file.arrayBuffer())));
  const state = idle.pop() ?? (await createSHA256());
  try {
    state.init();
    if (sliceBytes === undefined && typeof file.stream === "function") {
      const reader = file.stream().getReader();
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) state.update(chunk.value);
    } else {
      const step = sliceBytes ?? SLICE_BYTES;
      for (let offset = 0; offset < file.size; offset += step) {
        state.update(new Uint8Array(await file.slice(offset, offset + step).arrayBuffer()));
      }
    }
    return state.digest("hex");
  } finally {
    idle.push(state);
  }
}

function toHex(buffer: ArrayBuffer): string {
  return Array.from(new Uint8Array(buffer), (byte) => byte.toString(16).padStart(2, "0")).join("");
}
