"""Benchmark: photos uploaded from the web app in Chromium until every thumbnail exists, beside
`bench_ingest`'s API-only upload of the same files in the same run.

Usage: python scripts/bench/bench_browser_upload.py [--count 1000] [--clients 8] [--workers N]
           [--separate-worker] [--cache DIR] [--timeout 3600] [--skip-api]

Generates camera-like JPEGs of 2 to 24 MP fast (a few noisy base images, scaled and encoded at
a few qualities, then made distinct by their EXIF; cached under `.build/bench-cache` by the
generation parameters). Starts `mediabox serve` on 127.0.0.1 (fresh data dir, SQLite, the local
store, jobs inside serve), signs the owner in in Debian's Chromium, sets the files on
`[data-testid=upload-input]` and waits until `[data-testid=upload-panel]` says they are all
done and the API shows a thumbnail for every asset. Then the API-only path of `bench_ingest`
(N parallel clients: create → signed PUT → finalize) on a fresh server. Prints photos/s and
MB/s of both, the ratio browser/API (target ≥ 0.8) and the hashing throughput of each Web
Worker from the page's `mediabox:hash` performance measures. Needs the built web app
(`source scripts/lib/common.sh && build_ui`).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import struct
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_ingest  # noqa: E402
import upload_browser  # noqa: E402

SIZES = bench_ingest.SIZES  # 2, 4, 8, 12, 16, 24 MP
QUALITIES = (74, 82, 88, 94)
GENERATOR_VERSION = 2
EMAIL = "bench@example.com"


def cache_dir(root: Path) -> Path:
    """The cache folder of these generation parameters (a different recipe, a new folder)."""
    recipe = json.dumps([GENERATOR_VERSION, SIZES, QUALITIES]).encode()
    return root / f"browser-upload-{hashlib.sha256(recipe).hexdigest()[:10]}"


def _picture(size: tuple[int, int]):
    """A noisy camera-like picture: gaussian noise over gradients, one per size."""
    from PIL import Image, ImageChops

    noise = Image.effect_noise(size, 48)
    gradient = Image.linear_gradient("L").resize(size)
    radial = Image.radial_gradient("L").resize(size)
    channels = [
        ImageChops.add(ImageChops.offset(noise, 97 * k, 41 * k), src, 1.6, -30)
        for k, src in enumerate((gradient, radial, gradient.rotate(180)))
    ]
    return Image.merge("RGB", channels)


def _base_jpegs(folder: Path) -> dict[tuple[int, int, int], bytes]:
    """A picture per size, encoded at each quality (cached)."""
    bases: dict[tuple[int, int, int], bytes] = {}
    for width, height in SIZES:
        picture = None
        for quality in QUALITIES:
            path = folder / f"base_{width}x{height}_q{quality}.jpg"
            if not path.exists():
                if picture is None:
                    picture = _picture((width, height))
                tmp = path.with_suffix(".part")
                picture.save(tmp, "JPEG", quality=quality)
                tmp.rename(path)
            bases[(width, height, quality)] = path.read_bytes()
    return bases


def _with_exif(jpeg: bytes, index: int) -> bytes:
    """`jpeg` with an EXIF segment of its own (date, camera, unique id) after its JFIF header:
    the same pixels, a distinct file and sha256, and a capture date spread over a year."""
    from PIL import Image

    exif = Image.Exif()
    exif[0x010F], exif[0x0110], exif[0x0112] = "BenchCam", "Browser", 1
    sub = exif.get_ifd(0x8769)
    sub[0x9003] = f"2024:{1 + index % 12:02d}:{1 + index % 28:02d} 12:{index % 60:02d}:00"
    sub[0xA420] = f"bench-{index:08d}"
    payload = exif.tobytes()
    segment = b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload
    assert jpeg[:4] == b"\xff\xd8\xff\xe0"
    app0_end = 4 + struct.unpack(">H", jpeg[4:6])[0]
    return jpeg[:app0_end] + segment + jpeg[app0_end:]


def generate(root: Path, count: int) -> list[Path]:
    """`count` distinct JPEGs of mixed sizes and qualities; made once, then reused."""
    folder = cache_dir(root)
    folder.mkdir(parents=True, exist_ok=True)
    began = time.perf_counter()
    bases = _base_jpegs(folder)
    paths = []
    for index in range(count):
        width, height = SIZES[index % len(SIZES)]
        quality = QUALITIES[(index // len(SIZES)) % len(QUALITIES)]
        path = folder / f"photo_{index:05d}_{width}x{height}_q{quality}.jpg"
        if not path.exists():
            tmp = path.with_suffix(".part")
            tmp.write_bytes(_with_exif(bases[(width, height, quality)], index))
            tmp.rename(path)
        paths.append(path)
    print(f"photos ready in {time.perf_counter() - began:.1f} s ({folder})", file=sys.stderr)
    return paths


class Api:
    """The owner's API session; signs in again when the 15-minute access token runs out."""

    def __init__(self, base: str):
        self.base = base
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Bearer {bench_ingest.sign_up(base, EMAIL)}"

    def get(self, path: str) -> dict:
        response = self.session.get(f"{self.base}/api/v1{path}", timeout=60)
        if response.status_code == 401:
            login = requests.post(
                f"{self.base}/api/v1/auth/login",
                json={"email": EMAIL, "password": bench_ingest.PASSWORD},
                timeout=30,
            )
            login.raise_for_status()
            self.session.headers["Authorization"] = f"Bearer {login.json()['access_token']}"
            response = self.session.get(f"{self.base}/api/v1{path}", timeout=60)
        response.raise_for_status()
        return response.json()


def wait_processed(api: Api, count: int, check_alive, timeout: float) -> dict:
    """Poll the API until `count` assets are listed, none is pending or running, and every one
    has a thumbnail URL; returns the job counts at the end."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        check_alive()
        jobs, buckets = api.get("/jobs"), api.get("/timeline/buckets")
        if buckets["total"] >= count and jobs["pending"] == 0 and jobs["running"] == 0:
            thumbs = sum(
                sum(1 for url in api.get(f"/timeline/buckets/{b['month']}")["thumb_urls"] if url)
                for b in buckets["buckets"]
            )
            if thumbs >= count:
                return jobs
            if jobs["failed"]:
                raise SystemExit(f"processing failed for some photos: {jobs}")
        time.sleep(0.5)
    raise SystemExit(f"not every photo had its thumbnail within {timeout:.0f} s")


def run_browser(paths: list[Path], workers: int | None, embedded: bool, timeout: float) -> dict:
    with bench_ingest.ingest_server(workers, embedded) as running:
        api = Api(running.base)
        time.sleep(2.0)  # as bench_ingest: the consumer imports its libraries first
        server_cpu = bench_ingest.process_cpu_s(running.server.pid)
        figures = upload_browser.measure(
            running.base,
            EMAIL,
            bench_ingest.PASSWORD,
            paths,
            until_processed=lambda: wait_processed(api, len(paths), running.check_alive, timeout),
            check_alive=running.check_alive,
            timeout=timeout,
        )
        figures["server_cpu_s"] = bench_ingest.process_cpu_s(running.server.pid) - server_cpu
        figures["rss_server_mb"] = bench_ingest.peak_rss_mb(running.server.pid)
    return figures


def _cpu_line(figures: dict) -> str:
    kinds = figures["chromium_cpu_total"]
    by_kind = ", ".join(f"{kind} {cpu:.1f}" for kind, cpu in sorted(kinds.items()) if cpu >= 0.05)
    return (
        f"cpu       Chromium {sum(figures['chromium_cpu_uploaded'].values()):.1f} s until all "
        f"done, {sum(kinds.values()):.1f} s until all thumbnails ({by_kind}); server (with jobs) "
        f"{figures['server_cpu_s']:.1f} s from sign-in to the end"
    )


def _hash_lines(figures: dict) -> list[str]:
    workers = figures["hash_workers"]
    if not workers:
        return ["hashing   no `mediabox:hash` measures were recorded by the page"]
    lines = []
    for worker, stats in sorted(workers.items()):
        lines.append(
            f"hashing   worker {worker}: {stats['files']} files, {stats['mb']:.0f} MB in "
            f"{stats['busy_s']:.1f} s busy → {stats['mb'] / max(stats['busy_s'], 1e-9):.0f} MB/s"
        )
    span = figures["hash_span_s"]
    total_mb = sum(s["mb"] for s in workers.values())
    lines.append(
        f"hashing   all {len(workers)} workers: {total_mb:.0f} MB over {span:.1f} s "
        f"→ {total_mb / max(span, 1e-9):.0f} MB/s"
    )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=8, help="API-only clients")
    parser.add_argument("--workers", type=int, default=None, help="job threads (default: CPUs)")
    parser.add_argument("--separate-worker", action="store_true", help="jobs in `mediabox worker`")
    parser.add_argument("--cache", type=Path, default=ROOT / ".build" / "bench-cache")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds per phase")
    parser.add_argument("--skip-api", action="store_true", help="only the browser run")
    args = parser.parse_args()
    if not (ROOT / "static" / "index.html").is_file():
        raise SystemExit("build the web app first: source scripts/lib/common.sh && build_ui")

    paths = generate(args.cache, args.count)
    megabytes = sum(p.stat().st_size for p in paths) / 1e6
    pixels = sum(SIZES[i % len(SIZES)][0] * SIZES[i % len(SIZES)][1] for i in range(args.count))
    embedded = not args.separate_worker
    where = "inside serve" if embedded else "in a separate worker"
    print(
        f"{args.count} JPEGs, {megabytes:.0f} MB, {pixels / args.count / 1e6:.1f} MP on average; "
        f"{os.cpu_count()} CPUs; jobs {where}; Chromium {upload_browser.CHROMIUM}"
    )
    load_before = os.getloadavg()[0]
    browser = run_browser(paths, args.workers, embedded, args.timeout)
    browser_load = (load_before, os.getloadavg()[0])
    b_rate, b_mbps = args.count / browser["total_s"], megabytes / browser["total_s"]
    print(
        f"browser   all done in the panel {browser['uploaded_s']:.1f} s, all thumbnails "
        f"{browser['total_s']:.1f} s  → {b_rate:.2f} photos/s, {b_mbps:.1f} MB/s"
    )
    for line in _hash_lines(browser):
        print(line)
    print(_cpu_line(browser))
    print(
        f"page      JS heap peak {browser['heap_peak_mb']:.0f} MB; long tasks over 200 ms: "
        f"{browser['long_tasks_over_200ms']} (longest {browser['longest_task_ms']:.0f} ms); "
        f"server peak RSS {browser['rss_server_mb']:.0f} MB"
    )
    print("requests  " + ", ".join(f"{kind} {n}" for kind, n in browser["requests"].items()))
    if args.skip_api:
        return
    load_before = os.getloadavg()[0]
    api = bench_ingest.run_ingest(paths, args.clients, args.workers, embedded)
    api_load = (load_before, os.getloadavg()[0])
    a_rate, a_mbps = args.count / api["total_s"], megabytes / api["total_s"]
    print(
        f"API-only  {args.clients} clients: upload+finalize {api['uploaded_s']:.1f} s, all "
        f"thumbnails {api['total_s']:.1f} s  → {a_rate:.2f} photos/s, {a_mbps:.1f} MB/s"
    )
    print(
        f"cpu       API-only: server (with jobs) {api['server_cpu_s']:.1f} s, the {args.clients} "
        f"clients {api['client_cpu_s']:.1f} s"
    )
    print(f"ratio     browser/API {b_rate / a_rate:.2f} (target ≥ 0.8)")
    print(
        f"load      1-min load average before → after: browser {browser_load[0]:.1f} → "
        f"{browser_load[1]:.1f}, API {api_load[0]:.1f} → {api_load[1]:.1f} "
        f"(others on this machine skew the ratio when they differ)"
    )


if __name__ == "__main__":
    main()
