"""Benchmark: `GET /assets?limit=200` through the HTTP stack vs the bare SQL query.

Seeds N assets for one user and N for another with bulk inserts, serves them with a real
`mediabox serve` (waitress) on 127.0.0.1 — or cheroot, granian (`--servers`, one row each) —
and reports p50/p95/p99 for the first page and a deep page, beside the same keyset query run
directly on the database, the server's CPU time per request (less sensitive to other load
than the wall clock) and each server's peak RSS.

Usage: python scripts/bench/bench_list.py [--assets 100000] [--requests 300]
       [--database-url postgresql://...]   (default: a fresh SQLite file)
       [--servers waitress,cheroot,granian]
Targets on SQLite: p50 < 15 ms, p99 < 40 ms, HTTP/bare ratio < 3.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _http_server import WSGI_SERVERS, Server, fmt, percentiles

LIMIT = 200


def migrate_and_users(data_dir: Path, database_url: str) -> tuple[object, list[uuid.UUID]]:
    from mediabox.app import create_app
    from mediabox.infra.config import Config
    from mediabox.infra.db import upgrade_database

    config = Config(data_dir=data_dir, database_url=database_url).with_secrets()
    app = create_app(config.with_overrides(run_consumer=False))
    upgrade_database(app)
    return app, config


def seed(app, owner_ids: list[uuid.UUID], per_user: int) -> None:
    from sqlalchemy import insert

    from mediabox.domain.models import Asset
    from mediabox.infra.db import db

    rng = random.Random(42)
    start = datetime(2015, 1, 1, tzinfo=UTC)
    now = datetime.now(UTC)
    with app.app_context():
        for owner in owner_ids:
            batch = []
            for i in range(per_user):
                asset_id = uuid.uuid4()
                captured = start + timedelta(seconds=rng.randrange(0, 10 * 365 * 86400))
                if i % 10 == 0 and batch:
                    captured = batch[-1]["captured_at"]
                month = f"{captured:%Y}/{captured:%m}"
                batch.append(
                    {
                        "id": asset_id,
                        "owner_id": owner,
                        "type": "video" if i % 12 == 0 else "photo",
                        "status": "ready",
                        "original_filename": f"IMG_{i:06d}.jpg",
                        "content_type": "image/jpeg",
                        "size_bytes": 3_000_000 + i,
                        "sha256": f"{asset_id.hex}{asset_id.hex}",
                        "description": "",
                        "captured_at": captured,
                        "local_date": captured.date(),
                        "captured_at_source": "exif",
                        "width": 4032,
                        "height": 3024,
                        "storage_key_original": f"u/{owner}/o/{month}/{asset_id}.jpg",
                        "storage_key_thumb": f"u/{owner}/t/{month}/{asset_id}.jpg",
                        "storage_key_preview": f"u/{owner}/v/{month}/{asset_id}.jpg",
                        "upload_kind": "single",
                        "processing_state": "done",
                        "processing_attempts": 1,
                        "is_favorite": i % 50 == 0,
                        "created_at": now,
                        "updated_at": now,
                    }
                )
                if len(batch) == 10_000:
                    db.session.execute(insert(Asset), batch)
                    db.session.commit()
                    batch = []
            if batch:
                db.session.execute(insert(Asset), batch)
                db.session.commit()
        if db.engine.dialect.name == "postgresql":
            db.session.execute(db.text("ANALYZE assets"))
        else:
            db.session.execute(db.text("ANALYZE"))
        db.session.commit()


def time_http(
    server: Server, headers: dict, cursor: str | None, count: int
) -> tuple[list[float], float]:
    """Wall-clock samples (ms) and the server's CPU ms per request over them."""
    session = requests.Session()
    url = f"{server.base}/api/v1/assets?limit={LIMIT}" + (f"&cursor={cursor}" if cursor else "")
    for _ in range(10):
        session.get(url, headers=headers, timeout=30).raise_for_status()
    samples = []
    cpu_before = server.cpu_seconds()
    for _ in range(count):
        began = time.perf_counter()
        response = session.get(url, headers=headers, timeout=30)
        samples.append((time.perf_counter() - began) * 1000)
        assert response.status_code == 200 and len(response.json()["items"]) == LIMIT
    return samples, (server.cpu_seconds() - cpu_before) * 1000 / count


def time_sql(app, owner: uuid.UUID, after, count: int) -> list[float]:
    from mediabox.infra.db import db
    from mediabox.repositories.assets import AssetQuery, AssetRepository

    with app.app_context():
        stmt = AssetRepository(db.session).page_statement(
            AssetQuery(owner_id=owner, after=after), LIMIT + 1
        )
        samples = []
        with db.engine.connect() as conn:
            for _ in range(10):
                conn.execute(stmt).all()
            for _ in range(count):
                began = time.perf_counter()
                rows = conn.execute(stmt).all()
                samples.append((time.perf_counter() - began) * 1000)
                assert len(rows) == LIMIT + 1
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--assets", type=int, default=100_000, help="assets per user")
    parser.add_argument("--requests", type=int, default=300, help="timed requests per case")
    parser.add_argument("--deep-page", type=int, default=250, help="page number of the deep page")
    parser.add_argument("--database-url", default="", help="default: SQLite in a temp dir")
    parser.add_argument(
        "--servers", default="waitress", help=f"comma-separated, of {', '.join(WSGI_SERVERS)}"
    )
    args = parser.parse_args()
    kinds = [k.strip() for k in args.servers.split(",") if k.strip()]
    unknown = set(kinds) - set(WSGI_SERVERS)
    if unknown:
        parser.error(f"unknown server(s): {', '.join(sorted(unknown))}")

    work = Path(tempfile.mkdtemp(prefix="mediabox-bench-list-"))
    database_url = args.database_url or f"sqlite:///{work / 'mediabox.sqlite3'}"
    server = None
    try:
        app, _config = migrate_and_users(work, database_url)
        server = Server(work, {"DATABASE_URL": database_url}, wsgi=kinds[0])
        headers = server.login("bench@example.com")
        server.login("other@example.com")
        from mediabox.container import container_of
        from mediabox.domain.models import User
        from mediabox.infra.db import db

        with app.app_context():
            users = {u.email: u.id for u in db.session.scalars(db.select(User))}
        began = time.perf_counter()
        seed(app, [users["bench@example.com"], users["other@example.com"]], args.assets)
        print(f"seeded {2 * args.assets} assets in {time.perf_counter() - began:.1f} s "
              f"({container_of(app).config.database_url.split(':')[0]})")  # fmt: skip

        deep_page = min(args.deep_page, max(1, args.assets // LIMIT - 1))
        cursor, last = None, None
        session = requests.Session()
        for _ in range(deep_page - 1):
            url = f"{server.base}/api/v1/assets?limit={LIMIT}" + (
                f"&cursor={cursor}" if cursor else ""
            )
            body = session.get(url, headers=headers, timeout=30).json()
            cursor, last = body["next_cursor"], body["items"][-1]
        after = (datetime.fromisoformat(last["captured_at"]), uuid.UUID(last["id"]))

        owner = users["bench@example.com"]
        cases = {
            "first page": (None, None),
            f"page {deep_page} (~{(deep_page - 1) * LIMIT} deep)": (cursor, after),
        }
        bare = {name: percentiles(time_sql(app, owner, a, args.requests))
                for name, (_c, a) in cases.items()}  # fmt: skip
        print(f"GET /api/v1/assets?limit={LIMIT}, {args.requests} requests each")
        rows = []
        for index, kind in enumerate(kinds):
            if index:
                server.stop()
                server = Server(work, {"DATABASE_URL": database_url}, wsgi=kind)
                headers = server.login("bench@example.com")
            for name, (page_cursor, _after) in cases.items():
                samples, cpu_ms = time_http(server, headers, page_cursor, args.requests)
                http = percentiles(samples)
                rows.append((kind, name, http, (http["p50"] / bare[name]["p50"], cpu_ms)))
            rows.append((kind, "RSS peak", None, server.peak_rss_mb()))
        for name, stats in bare.items():
            print(f"  bare SQL   {name:<24} {fmt(stats)}")
        for kind, name, http, value in rows:
            if http is None:
                print(f"  {kind:<10} server RSS peak {value:.0f} MB")
            else:
                ratio, cpu_ms = value
                print(f"  {kind:<10} {name:<24} {fmt(http)}   HTTP/bare p50 {ratio:.2f}"
                      f"   server CPU {cpu_ms:.1f} ms/request")  # fmt: skip
        print("targets (SQLite): p50 < 15 ms, p99 < 40 ms, HTTP/bare ratio < 3")
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
