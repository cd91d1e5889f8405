"""Benchmark: photos uploaded through the HTTP API until every thumbnail exists.

Usage: python scripts/bench/bench_ingest.py [--count 1000] [--clients 8] [--cache DIR]
                                            [--workers N] [--embedded]

Generates camera-like JPEGs of 2 to 24 MP (cached between runs), starts `mediabox serve`
(no in-process jobs) and `mediabox worker` on 127.0.0.1 with the local store in a temporary
data directory, uploads with N parallel clients (create → signed PUT → finalize) and waits
until every thumbnail is in the store. The floor is `cp` of the same files plus a libvips
(pyvips) preview + thumbnail of each on every core. Prints photos/s, totals, the ratio to
the floor and the worker's peak RSS. `--embedded` runs the jobs inside `serve` instead.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
SIZES = [  # 2, 4, 8, 12, 16, 24 MP
    (1728, 1152),
    (2448, 1632),
    (3456, 2304),
    (4240, 2832),
    (4896, 3264),
    (6000, 4000),
]
PASSWORD = "bench password 123"


def generate(cache: Path, count: int) -> list[Path]:
    """Mixed-size JPEGs (noise + gradients + EXIF), each one distinct; cached."""
    from PIL import Image, ImageChops

    cache.mkdir(parents=True, exist_ok=True)
    paths = [cache / f"ingest_{i:05d}_{SIZES[i % len(SIZES)][0]}.jpg" for i in range(count)]
    missing = [p for p in paths if not p.exists()]
    bases: dict[tuple[int, int], tuple] = {}
    for n, path in enumerate(missing):
        i = paths.index(path)
        size = SIZES[i % len(SIZES)]
        if size not in bases:
            bases[size] = (
                Image.effect_noise(size, 40),
                Image.linear_gradient("L").resize(size),
                Image.radial_gradient("L").resize(size),
            )
        noise, gradient, radial = bases[size]
        channels = [
            ImageChops.add(ImageChops.offset(noise, i * 131 + k * 17, i * 71), src, 1.6, -30)
            for k, src in enumerate(
                (gradient, radial, gradient.transpose(Image.Transpose.ROTATE_180))
            )
        ]
        exif = Image.Exif()
        exif[0x010F], exif[0x0110], exif[0x0112] = "BenchCam", "Ingest", 1
        exif.get_ifd(0x8769)[0x9003] = f"2023:{1 + i % 12:02d}:{1 + i % 28:02d} 12:{i % 60:02d}:00"
        tmp = path.with_suffix(".part")
        Image.merge("RGB", channels).save(tmp, "JPEG", quality=88, exif=exif)
        tmp.rename(path)
        print(f"\rgenerating {n + 1}/{len(missing)}", end="", file=sys.stderr, flush=True)
    if missing:
        print(file=sys.stderr)
    return paths


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def peak_rss_mb(pid: int) -> float:
    """VmHWM (peak resident set) of a live process, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def process_cpu_s(pid: int) -> float:
    """utime+stime of a live process (all its threads), in seconds."""
    text = Path(f"/proc/{pid}/stat").read_text()
    fields = text[text.rindex(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _own_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def wait_http(url: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    raise SystemExit(f"server did not answer at {url}")


def upload(base: str, token: str, path: Path, local: threading.local) -> None:
    session = getattr(local, "session", None)
    if session is None:
        session = local.session = requests.Session()
        session.headers["Authorization"] = f"Bearer {token}"
    data = path.read_bytes()
    modified = datetime.fromtimestamp(path.stat().st_mtime, UTC).isoformat()
    created = session.post(
        f"{base}/api/v1/uploads/create",
        json={
            "filename": path.name,
            "content_type": "image/jpeg",
            "size_bytes": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
            "file_modified_at": modified,
        },
        timeout=60,
    )
    created.raise_for_status()
    body = created.json()
    if body["duplicate"]:
        return
    plan = body["upload"]
    url = plan["url"] if plan["url"].startswith("http") else base + plan["url"]
    put = session.request(plan["method"], url, data=data, headers=plan["headers"], timeout=120)
    put.raise_for_status()
    final = session.post(f"{base}/api/v1/uploads/{body['asset_id']}/finalize", timeout=60)
    final.raise_for_status()


def count_thumbs(blob_root: Path) -> int:
    users = blob_root / "u"
    if not users.is_dir():
        return 0
    return sum(1 for _ in users.glob("*/t/*/*/*.jpg"))


@dataclass
class IngestServer:
    """A running `mediabox serve` (and `mediabox worker` unless the jobs are embedded)."""

    base: str
    data_dir: Path
    server: subprocess.Popen
    worker: subprocess.Popen | None

    def check_alive(self) -> None:
        for proc in (self.server, self.worker):
            if proc is not None and proc.poll() is not None:
                raise SystemExit(f"a mediabox process exited; see {self.data_dir}/server.log")

    def wait_thumbs(self, count: int) -> None:
        """Until `count` thumbnails are in the local store."""
        while count_thumbs(self.data_dir / "blobs") < count:
            self.check_alive()
            time.sleep(0.2)


@contextmanager
def ingest_server(workers: int | None, embedded: bool) -> Iterator[IngestServer]:
    """`mediabox serve` on a free 127.0.0.1 port with a fresh data dir (SQLite, the local store,
    the SQLite queue), jobs embedded or in a `mediabox worker`; the data dir is removed after."""
    data_dir = Path(tempfile.mkdtemp(prefix="mediabox-bench-ingest-"))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "MEDIABOX_DATA_DIR": str(data_dir), "ALLOW_REGISTRATION": "1"}
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    if workers:
        env["WORKER_THREADS"] = str(workers)
    cli = [sys.executable, "-m", "mediabox.cli"]
    log = open(data_dir / "server.log", "w")  # noqa: SIM115 (closed below)
    serve_args = ["serve", "--host", "127.0.0.1", "--port", str(port), "--threads", "16"]
    server = subprocess.Popen(
        [*cli, *serve_args, *([] if embedded else ["--no-worker"])],
        env=env,
        cwd=data_dir,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    worker = None
    try:
        wait_http(f"{base}/api/v1/health")
        if not embedded:
            worker = subprocess.Popen(
                [*cli, "worker"], env=env, cwd=data_dir, stdout=log, stderr=subprocess.STDOUT
            )
        yield IngestServer(base, data_dir, server, worker)
    finally:
        for proc in (worker, server):
            if proc is not None and proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in (worker, server):
            if proc is not None:
                try:
                    proc.wait(timeout=60)
                except subprocess.TimeoutExpired:
                    proc.kill()
        log.close()
        shutil.rmtree(data_dir, ignore_errors=True)


def sign_up(base: str, email: str = "bench@example.com") -> str:
    """Register the owner and sign in; the access token."""
    requests.post(
        f"{base}/api/v1/auth/register", json={"email": email, "password": PASSWORD}, timeout=30
    ).raise_for_status()
    login = requests.post(
        f"{base}/api/v1/auth/login", json={"email": email, "password": PASSWORD}, timeout=30
    )
    login.raise_for_status()
    return login.json()["access_token"]


def run_ingest(paths: list[Path], clients: int, workers: int | None, embedded: bool) -> dict:
    with ingest_server(workers, embedded) as running:
        token = sign_up(running.base)
        time.sleep(2.0)  # let the worker import its libraries before the clock starts
        server_cpu = process_cpu_s(running.server.pid)
        client_cpu = _own_cpu_s()

        local = threading.local()
        start = time.perf_counter()
        with ThreadPoolExecutor(clients) as pool:
            for future in [pool.submit(upload, running.base, token, p, local) for p in paths]:
                future.result()
        uploaded = time.perf_counter() - start
        running.wait_thumbs(len(paths))
        total = time.perf_counter() - start
        jobs = requests.get(
            f"{running.base}/api/v1/jobs",
            headers={"Authorization": f"Bearer {token}"},
            timeout=30,
        ).json()
        rss_worker = peak_rss_mb((running.worker or running.server).pid)
        rss_server = peak_rss_mb(running.server.pid)
        server_cpu = process_cpu_s(running.server.pid) - server_cpu
        client_cpu = _own_cpu_s() - client_cpu
    return {
        "server_cpu_s": server_cpu,
        "client_cpu_s": client_cpu,
        "uploaded_s": uploaded,
        "total_s": total,
        "jobs": jobs,
        "rss_worker_mb": rss_worker,
        "rss_server_mb": rss_server,
    }


def run_floor(paths: list[Path]) -> dict:
    """`cp` of the files, then a pyvips preview (1600) and thumbnail (400) of each."""
    import pyvips

    out = Path(tempfile.mkdtemp(prefix="mediabox-bench-floor-"))
    try:
        start = time.perf_counter()
        subprocess.run(["cp", *map(str, paths), str(out)], check=True)
        copied = time.perf_counter() - start

        def derive(path: Path) -> None:
            copy = out / path.name
            pyvips.Image.thumbnail(str(copy), 1600).write_to_file(
                str(out / f"{path.stem}.v.jpg"), Q=85, interlace=True, strip=True
            )
            pyvips.Image.thumbnail(str(copy), 400).write_to_file(
                str(out / f"{path.stem}.t.jpg"), Q=85, interlace=True, strip=True
            )

        with ThreadPoolExecutor(os.cpu_count() or 1) as pool:
            list(pool.map(derive, paths))
        total = time.perf_counter() - start
    finally:
        shutil.rmtree(out, ignore_errors=True)
    return {"cp_s": copied, "total_s": total}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=None, help="worker threads (default: CPUs)")
    parser.add_argument("--embedded", action="store_true", help="run jobs inside serve")
    parser.add_argument(
        "--cache", type=Path, default=Path(tempfile.gettempdir()) / "mediabox-bench-ingest"
    )
    args = parser.parse_args()

    paths = generate(args.cache, args.count)
    megabytes = sum(p.stat().st_size for p in paths) / 1e6
    pixels = sum(SIZES[i % len(SIZES)][0] * SIZES[i % len(SIZES)][1] for i in range(args.count))
    print(
        f"{args.count} JPEGs, {megabytes:.0f} MB, {pixels / args.count / 1e6:.1f} MP on average; "
        f"{args.clients} clients; {os.cpu_count()} CPUs; jobs "
        f"{'inside serve' if args.embedded else 'in a separate worker'}"
    )
    ingest = run_ingest(paths, args.clients, args.workers, args.embedded)
    floor = run_floor(paths)
    rate, throughput = args.count / ingest["total_s"], megabytes / ingest["total_s"]
    print(
        f"mediabox  upload+finalize {ingest['uploaded_s']:.1f} s, all thumbnails "
        f"{ingest['total_s']:.1f} s  → {rate:.2f} photos/s, {throughput:.1f} MB/s"
    )
    print(
        f"floor     cp {floor['cp_s']:.1f} s + pyvips preview+thumb → {floor['total_s']:.1f} s "
        f"({args.count / floor['total_s']:.2f} photos/s)"
    )
    print(f"ratio     {ingest['total_s'] / floor['total_s']:.2f}× the floor (target ≤ 2.5×)")
    print(
        f"peak RSS  worker {ingest['rss_worker_mb']:.0f} MB (target < 400 MB), "
        f"web server {ingest['rss_server_mb']:.0f} MB"
    )
    print(f"jobs      {ingest['jobs']}")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
