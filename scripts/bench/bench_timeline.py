"""Benchmark: the timeline API (`GET /timeline/buckets` and one 30,000-asset month).

Seeds one user with N assets spread over 20 years plus one month of 30,000 straight through
the database (bulk inserts), with real thumbnails: a few hundred distinct generated JPEGs
written into the local store and reused by key. Then starts `mediabox serve` on 127.0.0.1
(SQLite + local store unless --database-url) and times both requests (cold first request,
then median and p95). When `scripts/bench/timeline_browser.py` exists, its
`measure(base_url, email, password) -> dict` runs against the same server and its figures
are printed too.

Usage: python scripts/bench/bench_timeline.py [--assets 100000] [--month-assets 30000]
           [--runs 10] [--thumbs 300] [--database-url postgresql://...]
           [--data-dir DIR] [--seed-only] [--keep-server]
  --data-dir DIR   seed into DIR (kept) or reuse DIR when it was seeded before
  --seed-only      seed --data-dir and exit (prints how to serve it)
  --keep-server    leave the server running after measuring, until Ctrl+C
Target (SQLite): the 30,000-asset month answers in < 300 ms.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _http_server import Server

EMAIL = "timeline@example.com"
PASSWORD = "benchmark passphrase"
BIG_MONTH = "2024-08"
MARKER = "bench-timeline.json"
OFFSETS = (None, 0, 60, 120, 180, -300, -420, 330, 540)
SHAPES = ((400, 300), (300, 400), (400, 267), (267, 400), (400, 400), (400, 225))


def _make_thumbs(app, owner: uuid.UUID, count: int) -> list[tuple[str, int, int, str]]:
    """Write `count` distinct JPEG thumbnails into the store: (key, width, height, thumbhash)."""
    from PIL import Image, ImageDraw

    from mediabox.container import container_of
    from mediabox.infra.media.thumbhash import image_thumbhash

    store = container_of(app).blob_store
    rng = random.Random(7)
    made = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(count):
            width, height = SHAPES[n % len(SHAPES)]
            top = tuple(rng.randrange(256) for _ in range(3))
            image = Image.new("RGB", (width, height), top)
            draw = ImageDraw.Draw(image)
            for _ in range(6):
                x, y = rng.randrange(width), rng.randrange(height)
                r = rng.randrange(20, 160)
                fill = tuple(rng.randrange(256) for _ in range(3))
                draw.ellipse((x - r, y - r, x + r, y + r), fill=fill)
            path = Path(tmp) / f"{n}.jpg"
            image.save(path, quality=80)
            key = f"u/{owner}/t/2000/01/{uuid.UUID(int=n + 1)}.jpg"  # a valid SPEC §3 key
            with open(path, "rb") as fileobj:
                store.put_file(key, fileobj, "image/jpeg")
            made.append((key, width * 10, height * 10, image_thumbhash(path)))
    return made


def _rows(owner, count, thumbs, rng, captured_of):
    from mediabox.domain.local_time import local_date_of

    now = datetime.now(UTC)
    for i in range(count):
        asset_id = uuid.UUID(int=rng.getrandbits(128), version=4)
        captured = captured_of(i)
        offset = OFFSETS[i % len(OFFSETS)]
        key, width, height, thumbhash = thumbs[i % len(thumbs)]
        is_video = i % 15 == 0
        yield {
            "id": asset_id,
            "owner_id": owner,
            "type": "video" if is_video else "photo",
            "status": "ready",
            "original_filename": f"IMG_{i:06d}.{'mp4' if is_video else 'jpg'}",
            "content_type": "video/mp4" if is_video else "image/jpeg",
            "size_bytes": 3_000_000 + i,
            "sha256": asset_id.hex * 2,
            "description": "",
            "captured_at": captured,
            "captured_at_source": "metadata",
            "captured_offset_minutes": offset,
            "local_date": local_date_of(captured, offset),
            "width": width,
            "height": height,
            "duration_ms": 12_000 + i % 50_000 if is_video else None,
            "storage_key_original": f"u/{owner}/o/{captured:%Y/%m}/{asset_id}.jpg",
            "storage_key_thumb": key,
            "storage_key_preview": key,
            "upload_kind": "single",
            "processing_state": "done",
            "processing_attempts": 1,
            "is_favorite": i % 40 == 0,
            "thumbhash": thumbhash,
            "created_at": now,
            "updated_at": now,
        }


def _seconds(rng: random.Random, upto: int) -> timedelta:
    return timedelta(seconds=rng.randrange(upto))


def _insert(db, rows) -> None:
    from sqlalchemy import insert

    from mediabox.domain.models import Asset

    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == 10_000:
            db.session.execute(insert(Asset), batch)
            db.session.commit()
            batch = []
    if batch:
        db.session.execute(insert(Asset), batch)
        db.session.commit()


def seed_timeline(
    data_dir: Path,
    *,
    assets: int = 100_000,
    month_assets: int = 30_000,
    years: int = 20,
    thumbs: int = 300,
    database_url: str = "",
    email: str = EMAIL,
    password: str = PASSWORD,
) -> dict:
    """Create (or reuse) a seeded data dir; returns what a client needs to use it.

    A data dir seeded before (it holds `bench-timeline.json`) is reused as it is.
    """
    from mediabox.app import create_app
    from mediabox.container import container_of
    from mediabox.infra.config import Config
    from mediabox.infra.db import db, upgrade_database

    data_dir = Path(data_dir).resolve()
    marker = data_dir / MARKER
    if marker.is_file():
        return json.loads(marker.read_text())
    data_dir.mkdir(parents=True, exist_ok=True)
    database_url = database_url or f"sqlite:///{data_dir / 'mediabox.sqlite3'}"
    config = Config(data_dir=data_dir, database_url=database_url, run_consumer=False)
    app = create_app(config.with_secrets())
    upgrade_database(app)
    rng = random.Random(42)
    end = datetime(2025, 12, 31, tzinfo=UTC)
    span = years * 365 * 86400
    month_start = datetime.fromisoformat(f"{BIG_MONTH}-01T12:00:00+00:00")
    with app.app_context():
        user = container_of(app).users.create_user(email, password, is_admin=True)
        owner = user.id
        made = _make_thumbs(app, owner, thumbs)
        _insert(db, _rows(owner, assets, made, rng, lambda i: end - _seconds(rng, span)))
        in_month = 28 * 86400
        _insert(db, _rows(owner, month_assets, made, rng,
                          lambda i: month_start + _seconds(rng, in_month)))  # fmt: skip
        analyze = "ANALYZE" if db.engine.dialect.name == "sqlite" else "ANALYZE assets"
        db.session.execute(db.text(analyze))
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    seeded = {
        "data_dir": str(data_dir),
        "database_url": database_url,
        "email": email,
        "password": password,
        "owner_id": str(owner),
        "big_month": BIG_MONTH,
        "assets": assets + month_assets,
        "month_assets": month_assets,
    }
    marker.write_text(json.dumps(seeded, indent=2))
    return seeded


def _login(base: str, email: str, password: str) -> dict[str, str]:
    response = requests.post(
        f"{base}/api/v1/auth/login", json={"email": email, "password": password}, timeout=30
    )
    response.raise_for_status()
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def server_cpu_ms(pid: int) -> float:
    """CPU time (user + system) the server process has used so far, in ms (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def time_get(session, url: str, headers: dict, runs: int, check, pid: int) -> dict:
    """The first (cold) request, then `runs` more: median, p95 (wall clock), the server's
    median CPU time per request (what contention on a busy machine does not inflate), bytes."""
    samples, cpu, size = [], [], 0
    for _ in range(runs + 1):
        cpu_before = server_cpu_ms(pid)
        began = time.perf_counter()
        response = session.get(url, headers=headers, timeout=120)
        samples.append((time.perf_counter() - began) * 1000)
        cpu.append(server_cpu_ms(pid) - cpu_before)
        response.raise_for_status()
        size = len(response.content)
        check(response.json())
    cold, warm = samples[0], sorted(samples[1:])
    p95 = warm[min(len(warm) - 1, round(0.95 * (len(warm) - 1)))]
    return {
        "cold": cold,
        "median": statistics.median(warm),
        "p95": p95,
        "cpu": statistics.median(cpu[1:]),
        "bytes": size,
    }


def signing_cost(seeded: dict, count: int) -> float:
    """Milliseconds to sign `count` distinct thumbnail keys cold (what a month of never-seen
    thumbnails costs once per URL window; the seeded data reuses a few hundred keys)."""
    from mediabox.infra.blobstore import LocalBlobStore, UrlSigner
    from mediabox.infra.config import Config
    from mediabox.services.media_urls import MediaUrls

    config = Config(data_dir=Path(seeded["data_dir"])).with_secrets()
    store = LocalBlobStore(config.blob_root, UrlSigner(config.url_signing_key.encode()))
    urls = MediaUrls(store, config.signed_url_ttl_seconds)
    keys = [f"u/{seeded['owner_id']}/t/2024/08/{uuid.uuid4()}.jpg" for _ in range(count)]
    began = time.perf_counter()
    urls.stable_jpeg_urls(keys)
    return (time.perf_counter() - began) * 1000


def browser_figures(base: str, email: str, password: str) -> dict | None:
    """Figures of `timeline_browser.measure` when that module exists, else None."""
    try:
        module = importlib.import_module("timeline_browser")
    except ModuleNotFoundError as exc:
        if exc.name != "timeline_browser":
            raise
        return None
    return module.measure(base, email, password)


def _fmt(stats: dict) -> str:
    return (f"cold {stats['cold']:7.1f} ms   median {stats['median']:7.1f} ms   "
            f"p95 {stats['p95']:7.1f} ms   server CPU {stats['cpu']:6.1f} ms   "
            f"{stats['bytes'] / 1024:8.1f} KiB")  # fmt: skip


def measure(seeded: dict, runs: int, *, keep_server: bool) -> None:
    env = {"DATABASE_URL": seeded["database_url"]}
    server = Server(Path(seeded["data_dir"]), env)
    try:
        base = server.base
        headers = _login(base, seeded["email"], seeded["password"])
        session = requests.Session()
        total = seeded["assets"]
        month = seeded["big_month"]

        def check_buckets(body):
            assert body["total"] == total, body["total"]

        def check_month(body):
            assert len(body["ids"]) >= seeded["month_assets"], len(body["ids"])

        buckets = time_get(session, f"{base}/api/v1/timeline/buckets", headers, runs,
                           check_buckets, server.process.pid)  # fmt: skip
        month_stats = time_get(session, f"{base}/api/v1/timeline/buckets/{month}", headers,
                               runs, check_month, server.process.pid)  # fmt: skip
        body = session.get(f"{base}/api/v1/timeline/buckets", headers=headers, timeout=60).json()
        count = next(b["count"] for b in body["buckets"] if b["month"] == month)
        print(f"library: {total} assets in {len(body['buckets'])} months; {month}: {count}")
        print(f"GET /timeline/buckets             {_fmt(buckets)}")
        print(f"GET /timeline/buckets/{month}     {_fmt(month_stats)}")
        print(f"signing {count} distinct thumbnail URLs cold (in-process): "
              f"{signing_cost(seeded, count):.1f} ms")  # fmt: skip
        print(f"load average while measuring: {os.getloadavg()[0]:.1f} "
              f"on {os.cpu_count()} CPUs")  # fmt: skip
        print("target (SQLite): the 30,000-asset month < 300 ms")
        figures = browser_figures(base, seeded["email"], seeded["password"])
        if figures is None:
            print("browser figures skipped: scripts/bench/timeline_browser.py is not there")
        else:
            print("browser:")
            for name, value in figures.items():
                print(f"  {name}: {value}")
        if keep_server:
            print(f"server kept at {base}/  ({seeded['email']} / {seeded['password']}); "
                  "Ctrl+C to stop")  # fmt: skip
            try:
                while server.process.poll() is None:
                    time.sleep(1)
            except KeyboardInterrupt:
                pass
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--assets", type=int, default=100_000, help="assets over 20 years")
    parser.add_argument("--month-assets", type=int, default=30_000, help=f"assets in {BIG_MONTH}")
    parser.add_argument("--thumbs", type=int, default=300, help="distinct thumbnails")
    parser.add_argument("--runs", type=int, default=10, help="timed requests after the first")
    parser.add_argument("--database-url", default="", help="default: SQLite in the data dir")
    parser.add_argument("--data-dir", default="", help="seed into / reuse this dir (kept)")
    parser.add_argument("--seed-only", action="store_true", help="seed --data-dir and exit")
    parser.add_argument("--keep-server", action="store_true", help="keep serving until Ctrl+C")
    args = parser.parse_args()
    if args.seed_only and not args.data_dir:
        parser.error("--seed-only needs --data-dir")

    data_dir = Path(args.data_dir) if args.data_dir else Path(
        tempfile.mkdtemp(prefix="mediabox-bench-timeline-"))  # fmt: skip
    try:
        began = time.perf_counter()
        seeded = seed_timeline(
            data_dir,
            assets=args.assets,
            month_assets=args.month_assets,
            thumbs=args.thumbs,
            database_url=args.database_url,
        )
        engine = seeded["database_url"].split(":")[0]
        print(f"seeded {seeded['assets']} assets in {time.perf_counter() - began:.1f} s "
              f"({engine}, {data_dir})")  # fmt: skip
        if args.seed_only:
            print(f"serve it with: MEDIABOX_DATA_DIR={seeded['data_dir']} "
                  f"DATABASE_URL={seeded['database_url']} mediabox serve; "
                  f"sign in as {seeded['email']} / {seeded['password']}")  # fmt: skip
            return
        measure(seeded, args.runs, keep_server=args.keep_server)
    finally:
        if not args.data_dir:
            shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
