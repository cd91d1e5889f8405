"""Benchmark: uploads through the local store vs `cp` of the same bytes on the same disk.

One large file as a multipart upload (4 parts in flight) and many 30 MiB files as single
signed PUTs (4 in flight), against a real `mediabox serve` (waitress) on 127.0.0.1, or the
same app under cheroot or granian (`--servers waitress,cheroot,granian`, one row each).
Prints throughput beside `cp` + fsync of the same bytes on the same disk, the server's CPU
time per MB (less sensitive to other load than the wall clock), and each server's idle and
peak RSS.

Usage: python scripts/bench/bench_upload.py [--big-mib 2048] [--small-count 50]
       [--small-mib 30] [--in-flight 4] [--dir /work/tmp] [--servers waitress,...]
Targets: throughput >= 0.7 of cp; server peak RSS < 150 MB.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _http_server import WSGI_SERVERS, Server

MiB = 1024 * 1024
JPEG_HEAD = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"


def make_source(path: Path, size: int) -> None:
    """Random bytes behind a JPEG signature (passes the upload type check)."""
    with open(path, "wb") as out:
        out.write(JPEG_HEAD)
        left = size - len(JPEG_HEAD)
        while left > 0:
            chunk = os.urandom(min(left, 8 * MiB))
            out.write(chunk)
            left -= len(chunk)


def _absolute(server: Server, url: str) -> str:
    return url if url.startswith("http") else server.base + url


def upload_multipart(server: Server, headers: dict, path: Path, in_flight: int) -> None:
    size = path.stat().st_size
    created = requests.post(
        f"{server.base}/api/v1/uploads/create",
        json={"filename": path.name, "content_type": "image/jpeg", "size_bytes": size},
        headers=headers,
        timeout=60,
    ).json()
    asset_id, plan = created["asset_id"], created["upload"]
    assert plan["type"] == "multipart", plan
    part_size, count = plan["part_size"], plan["part_count"]
    urls = requests.post(
        f"{server.base}/api/v1/uploads/{asset_id}/parts",
        json={"part_numbers": list(range(1, count + 1))},
        headers=headers,
        timeout=60,
    ).json()["parts"]
    session = requests.Session()

    def put(part: dict) -> tuple[int, str]:
        number = part["part_number"]
        with open(path, "rb") as source:
            source.seek((number - 1) * part_size)
            body = source.read(part_size)
        response = session.put(_absolute(server, part["url"]), data=body, timeout=600)
        response.raise_for_status()
        return number, response.headers["ETag"].strip('"')

    with ThreadPoolExecutor(max_workers=in_flight) as pool:
        etags = sorted(pool.map(put, urls))
    final = requests.post(
        f"{server.base}/api/v1/uploads/{asset_id}/finalize",
        json={"parts": [{"part_number": n, "etag": e} for n, e in etags]},
        headers=headers,
        timeout=600,
    )
    assert final.status_code == 200, final.text


def upload_single(server: Server, headers: dict, name: str, body: bytes) -> None:
    created = requests.post(
        f"{server.base}/api/v1/uploads/create",
        json={"filename": name, "content_type": "image/jpeg", "size_bytes": len(body)},
        headers=headers,
        timeout=60,
    ).json()
    plan = created["upload"]
    assert plan["type"] == "single", plan
    put = requests.put(
        _absolute(server, plan["url"]), data=body, headers=plan["headers"], timeout=600
    )
    put.raise_for_status()
    final = requests.post(
        f"{server.base}/api/v1/uploads/{created['asset_id']}/finalize", headers=headers, timeout=60
    )
    assert final.status_code == 200, final.text


def cp_seconds(source: Path, dest_dir: Path, copies: int, in_flight: int) -> float:
    """`cp` then fsync (`sync FILE`) of each copy, `in_flight` at a time."""

    def one(index: int) -> None:
        dest = dest_dir / f"copy-{index}"
        subprocess.run(["cp", str(source), str(dest)], check=True)
        subprocess.run(["sync", str(dest)], check=True)

    began = time.perf_counter()
    with ThreadPoolExecutor(max_workers=in_flight) as pool:
        list(pool.map(one, range(copies)))
    elapsed = time.perf_counter() - began
    for path in dest_dir.glob("copy-*"):
        path.unlink()
    return elapsed


def measure(kind: str, work: Path, big: Path, small_body: bytes, args) -> dict[str, float]:
    """Upload through one WSGI server on a fresh data dir: seconds and peak RSS."""
    data_dir = work / f"data-{kind}"
    data_dir.mkdir()
    server = Server(data_dir, threads=8, wsgi=kind)
    try:
        headers = server.login("bench@example.com")
        rss_idle = server.peak_rss_mb()
        cpu_began = server.cpu_seconds()
        began = time.perf_counter()
        upload_multipart(server, headers, big, args.in_flight)
        big_s = time.perf_counter() - began
        big_cpu = server.cpu_seconds() - cpu_began
        cpu_began = server.cpu_seconds()
        began = time.perf_counter()
        with ThreadPoolExecutor(max_workers=args.in_flight) as pool:
            list(
                pool.map(
                    lambda i: upload_single(server, headers, f"s{i}.jpg", small_body),
                    range(args.small_count),
                )
            )
        small_s = time.perf_counter() - began
        small_cpu = server.cpu_seconds() - cpu_began
        return {
            "big_s": big_s,
            "small_s": small_s,
            "big_cpu": big_cpu,
            "small_cpu": small_cpu,
            "idle": rss_idle,
            "peak": server.peak_rss_mb(),
        }
    finally:
        server.stop()
        shutil.rmtree(data_dir, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--big-mib", type=int, default=2048)
    parser.add_argument("--small-count", type=int, default=50)
    parser.add_argument("--small-mib", type=int, default=30)
    parser.add_argument("--in-flight", type=int, default=4)
    parser.add_argument("--dir", default="/work/tmp", help="scratch dir (same disk as data)")
    parser.add_argument(
        "--servers", default="waitress", help=f"comma-separated, of {', '.join(WSGI_SERVERS)}"
    )
    args = parser.parse_args()
    kinds = [k.strip() for k in args.servers.split(",") if k.strip()]
    unknown = set(kinds) - set(WSGI_SERVERS)
    if unknown:
        parser.error(f"unknown server(s): {', '.join(sorted(unknown))}")

    Path(args.dir).mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="mediabox-bench-upload-", dir=args.dir))
    try:
        scratch = work / "scratch"
        scratch.mkdir()
        big, small = scratch / "big.jpg", scratch / "small.jpg"
        make_source(big, args.big_mib * MiB)
        make_source(small, args.small_mib * MiB)
        small_body = small.read_bytes()
        big_cp = cp_seconds(big, scratch, 1, 1)
        small_cp = cp_seconds(small, scratch, args.small_count, args.in_flight)
        results = {kind: measure(kind, work, big, small_body, args) for kind in kinds}

        big_mb = args.big_mib * MiB / 1e6
        small_mb = args.small_count * args.small_mib * MiB / 1e6
        flight = args.in_flight
        print(f"multipart: {args.big_mib} MiB, {flight} parts in flight; single: "
              f"{args.small_count} x {args.small_mib} MiB PUTs, {flight} in flight")  # fmt: skip
        print(f"cp+fsync: multipart-size {big_mb / big_cp:.1f} MB/s, "
              f"single-size {small_mb / small_cp:.1f} MB/s")  # fmt: skip
        print(f"{'server':<10}{'multipart MB/s':>16}{'x cp':>7}{'single MB/s':>14}{'x cp':>7}"
              f"{'RSS idle':>10}{'RSS peak':>10}")  # fmt: skip
        for kind, r in results.items():
            print(f"{kind:<10}{big_mb / r['big_s']:>16.1f}{big_cp / r['big_s']:>7.2f}"
                  f"{small_mb / r['small_s']:>14.1f}{small_cp / r['small_s']:>7.2f}"
                  f"{r['idle']:>9.0f}M{r['peak']:>9.0f}M")  # fmt: skip
        for kind, r in results.items():
            print(f"{kind:<10}server CPU per MB: multipart {r['big_cpu'] * 1000 / big_mb:.2f} ms, "
                  f"single {r['small_cpu'] * 1000 / small_mb:.2f} ms")  # fmt: skip
        print("targets: ratio >= 0.7 of cp; server peak RSS < 150 MB")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
