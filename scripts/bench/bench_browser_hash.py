"""Micro-benchmark: SHA-256 of picked files in Chromium's Web Workers, by how the worker reads
the File and digests it (what `ui/src/features/upload/engine/sha256.ts` does, and alternatives).

Usage: python scripts/bench/bench_browser_hash.py [--sets small,mid,big] [--methods ...]
           [--slices 8,16,32] [--workers 1,2,4] [--repeat 2] [--dir /tmp/mediabox-hash-bench]

Writes random files once (sets: small = 50 x 6 MB, mid = 20 x 12 MB, big = 2 x 100 MB), serves a
page and hash-wasm's UMD build from 127.0.0.1, sets the files on an <input type=file> in Debian's
Chromium (headless, the flags of _chromium.py) and hashes them with a pool of N workers, one file
per worker at a time. Methods (`reader-digest`):
- `slice-subtle`: a file of one slice `blob.arrayBuffer()` + `crypto.subtle.digest`, longer ones
  `slice().arrayBuffer()` into hash-wasm (the engine before this benchmark);
- `slice-wasm`: every file through hash-wasm, `slice().arrayBuffer()`;
- `frs-subtle` / `frs-wasm`: the same reading with `FileReaderSync.readAsArrayBuffer`;
- `prefetch-wasm`: slices into hash-wasm, the next slice read while this one is hashed;
- `stream-wasm`: `file.stream()` chunks into hash-wasm (no slice size);
- `stream-subtle`: a file up to the slice size read at once into `crypto.subtle.digest`, a
  bigger one `file.stream()` into hash-wasm (the engine after this benchmark, slice 32);
- `read-slice` / `read-frs`: read only, no digest (the cost of getting the bytes).
Prints per run: MB/s (wall), per-worker MB/s (bytes / the workers' summed per-file times) and the
CPU seconds of Chromium's processes (utime+stime from /proc) per GB, in all and by process kind.
Every digest is checked against Python's hashlib.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import http.server
import os
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _chromium import CHROMIUM_ARGS, chromium_cpu_s, cpu_since, launch

ROOT = Path(__file__).resolve().parents[2]
HASH_WASM = ROOT / "ui" / "node_modules" / "hash-wasm" / "dist" / "sha256.umd.min.js"
SETS = {"small": (50, 6_000_000), "mid": (20, 12_000_000), "big": (2, 100_000_000)}
METHODS = (
    "slice-subtle",
    "slice-wasm",
    "prefetch-wasm",
    "frs-subtle",
    "frs-wasm",
    "stream-wasm",
    "stream-subtle",
    "read-slice",
    "read-frs",
)

PAGE = "<!doctype html><meta charset=utf-8><title>hash bench</title><input type=file multiple>"

WORKER = r"""
importScripts('/sha256.umd.min.js');
let hasher = null;
const hex = (buf) =>
  Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, '0')).join('');
const frs = new FileReaderSync();

async function wasm(file, read, slice) {
  hasher ??= await hashwasm.createSHA256();
  hasher.init();
  for (let at = 0; at < file.size; at += slice) {
    hasher.update(new Uint8Array(await read(file.slice(at, at + slice))));
  }
  return hasher.digest('hex');
}

async function prefetched(file, slice) {
  hasher ??= await hashwasm.createSHA256();
  hasher.init();
  let next = file.slice(0, slice).arrayBuffer();
  for (let at = 0; at < file.size; at += slice) {
    const current = await next;
    if (at + slice < file.size) next = file.slice(at + slice, at + 2 * slice).arrayBuffer();
    hasher.update(new Uint8Array(current));
  }
  return hasher.digest('hex');
}

async function streamed(file) {
  hasher ??= await hashwasm.createSHA256();
  hasher.init();
  const reader = file.stream().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    hasher.update(value);
  }
  return hasher.digest('hex');
}

async function readOnly(file, read, slice) {
  let n = 0;
  for (let at = 0; at < file.size; at += slice) {
    n += (await read(file.slice(at, at + slice))).byteLength;
  }
  return String(n);
}

const bySlice = (blob) => blob.arrayBuffer();
const byFrs = async (blob) => frs.readAsArrayBuffer(blob);

async function run(file, method, slice) {
  const [reader, digest] = method.split('-');
  const read = reader === 'frs' ? byFrs : bySlice;
  if (reader === 'read') return readOnly(file, digest === 'frs' ? byFrs : bySlice, slice);
  if (method === 'stream-subtle' && file.size <= slice) {
    return hex(await crypto.subtle.digest('SHA-256', await file.arrayBuffer()));
  }
  if (reader === 'stream') return streamed(file);
  if (reader === 'prefetch') return prefetched(file, slice);
  if (digest === 'subtle' && file.size <= slice) {
    return hex(await crypto.subtle.digest('SHA-256', await read(file)));
  }
  return wasm(file, read, slice);
}

onmessage = async (event) => {
  const { file, method, slice } = event.data;
  if (!file) { hasher ??= await hashwasm.createSHA256(); postMessage({ ready: true }); return; }
  const started = performance.now();
  try {
    const sha = await run(file, method, slice);
    postMessage({ sha, ms: performance.now() - started });
  } catch (error) {
    postMessage({ error: String(error) });
  }
};
"""

SETUP = """
async (n) => {
  (window.__pool || []).forEach((w) => w.terminate());
  window.__pool = Array.from({ length: n }, () => new Worker('/worker.js'));
  await Promise.all(window.__pool.map((w) => new Promise((resolve) => {
    w.onmessage = resolve; w.postMessage({});
  })));
}
"""

RUN = """
async ({ method, slice }) => {
  const files = [...document.querySelector('input').files];
  const results = new Array(files.length);
  let next = 0;
  const started = performance.now();
  await Promise.all(window.__pool.map(async (worker) => {
    while (next < files.length) {
      const index = next++;
      results[index] = await new Promise((resolve) => {
        worker.onmessage = (event) => resolve(event.data);
        worker.postMessage({ file: files[index], method, slice });
      });
    }
  }));
  return { wall: performance.now() - started, results };
}
"""


def make_files(folder: Path, name: str) -> list[Path]:
    count, size = SETS[name]
    paths = []
    for index in range(count):
        path = folder / f"{name}_{index:03d}.bin"
        if not path.exists() or path.stat().st_size != size:
            path.write_bytes(os.urandom(size))
        paths.append(path)
    return paths


@functools.cache
def expected(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    (folder / "index.html").write_text(PAGE)
    (folder / "worker.js").write_text(WORKER)
    (folder / "sha256.umd.min.js").write_bytes(HASH_WASM.read_bytes())
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def run_one(page, paths: list[Path], method: str, slice_mib: str) -> tuple[dict, dict]:
    """Hash `paths` (already on the input) with the page's pool; (page figures, CPU by kind)."""
    slice_bytes = int(slice_mib) * 1024 * 1024 if slice_mib != "-" else 0
    before = chromium_cpu_s()
    out = page.evaluate(RUN, {"method": method, "slice": slice_bytes})
    cpu = cpu_since(before, chromium_cpu_s())
    for path, result in zip(paths, out["results"], strict=True):
        if "error" in result:
            raise SystemExit(f"{method}: {result['error']}")
        if not method.startswith("read") and result["sha"] != expected(path):
            raise SystemExit(f"{method}: wrong digest for {path}")
    return out, cpu


def row(name: str, method: str, slice_mib: str, workers: int, megabytes: float, out, cpu) -> str:
    busy = sum(r["ms"] for r in out["results"]) / 1000
    gigabytes = megabytes / 1000
    split = " ".join(f"{k} {v / gigabytes:.2f}" for k, v in sorted(cpu.items()) if v > 0.005)
    return (
        f"{name:6} {method:13} {slice_mib:>5} {workers:3d} {megabytes / (out['wall'] / 1000):6.0f} "
        f"{megabytes / busy:8.0f} {sum(cpu.values()) / gigabytes:8.2f}  {split}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default="small,mid,big")
    parser.add_argument("--methods", default=",".join(METHODS))
    parser.add_argument("--slices", default="8,16,32", help="MiB")
    parser.add_argument("--workers", default="2")
    parser.add_argument("--repeat", type=int, default=1, help="rounds (runs interleaved)")
    parser.add_argument("--dir", type=Path, default=Path("/tmp/mediabox-hash-bench"))
    args = parser.parse_args()
    if not HASH_WASM.is_file():
        raise SystemExit(f"missing {HASH_WASM}: npm ci in ui/ first")
    from playwright.sync_api import sync_playwright

    data, web = args.dir / "files", args.dir / "web"
    data.mkdir(parents=True, exist_ok=True)
    web.mkdir(parents=True, exist_ok=True)
    files = {name: make_files(data, name) for name in args.sets.split(",")}
    server, base = serve(web)
    print(f"Chromium {CHROMIUM_ARGS}; {os.cpu_count()} CPUs; load {os.getloadavg()[0]:.2f}")
    print(f"{'set':6} {'method':13} {'slice':>5} {'wrk':>3} {'MB/s':>6} {'MB/s/wrk':>8} "
          f"{'cpu s/GB':>8}  by process")  # fmt: skip
    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            page = browser.new_page()
            page.goto(base)
            for _ in range(args.repeat):
                for name, paths in files.items():
                    page.set_input_files("input", [str(p) for p in paths])
                    megabytes = sum(p.stat().st_size for p in paths) / 1e6
                    for workers in (int(w) for w in args.workers.split(",")):
                        page.evaluate(SETUP, workers)
                        for method in args.methods.split(","):
                            slices = ["-"] if method == "stream-wasm" else args.slices.split(",")
                            for slice_mib in slices:
                                out, cpu = run_one(page, paths, method, slice_mib)
                                print(row(name, method, slice_mib, workers, megabytes, out, cpu),
                                      flush=True)  # fmt: skip
        finally:
            browser.close()
            server.shutdown()
    print(f"load after {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
