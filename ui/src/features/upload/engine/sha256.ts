/** SHA-256 of a Blob with hash-wasm, read in 8 MiB slices (never the whole file in memory). */
import { createSHA256, type IHasher } from "hash-wasm";

export const SLICE_BYTES = 8 * 1024 * 1024;

/** Idle hashers to reuse (one WebAssembly instance each); a call never shares one. */
const idle: IHasher[] = [];

export async function sha256Of(file: Blob, sliceBytes: number = SLICE_BYTES): Promise<string> {
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
