"""A big drop on one machine: many finalizes from request threads while the real consumer
writes its results into the same database (on SQLite: one file, one writer at a time)."""

from __future__ import annotations

import hashlib
import logging
import threading
from concurrent.futures import ThreadPoolExecutor

from mediabox.container import container_of
from mediabox.jobs import start_consumer
from tests.factories import sign_up
from tests.integration.processing.helpers import small_jpeg, states, wait_for

UPLOADERS = 8
FILES_PER_UPLOADER = 15


def _upload(client, headers: dict, data: bytes, name: str) -> list[str]:
    """create → PUT → finalize through the API; the failures seen (empty when all went well)."""
    created = client.post(
        "/api/v1/uploads/create",
        json={
            "filename": name,
            "content_type": "image/jpeg",
            "size_bytes": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
        },
        headers=headers,
    )
    if created.status_code != 201:
        return [f"create {name}: {created.status_code} {created.get_data(as_text=True)}"]
    plan, asset_id = created.json["upload"], created.json["asset_id"]
    put = client.open(plan["url"], method="PUT", data=data, headers=plan["headers"])
    if put.status_code != 200:
        return [f"put {name}: {put.status_code} {put.get_data(as_text=True)}"]
    final = client.post(f"/api/v1/uploads/{asset_id}/finalize", headers=headers)
    if final.status_code != 200:
        return [f"finalize {name}: {final.status_code} {final.get_data(as_text=True)}"]
    return []


def test_finalizes_from_many_threads_while_the_consumer_writes(queue_app, caplog):
    app = queue_app
    caplog.set_level(logging.WARNING)
    headers = sign_up(app.test_client()).bearer
    container = container_of(app)
    consumer = start_consumer(container.queue, container.config, workers=3, embedded=True)
    uploading = threading.Event()
    uploading.set()
    failures: list[str] = []

    def uploader(index: int) -> list[str]:
        client, seen = app.test_client(), []
        for n in range(FILES_PER_UPLOADER):
            seed = index * FILES_PER_UPLOADER + n
            seen += _upload(client, headers, small_jpeg(seed), f"drop_{seed:03d}.jpg")
        return seen

    def reader() -> list[str]:
        """The web app meanwhile: the timeline and dedupe checks, as the grid and hasher ask."""
        client, seen, probe = app.test_client(), [], [hashlib.sha256(b"x").hexdigest()]
        while uploading.is_set():
            for method, path, body in (
                ("GET", "/api/v1/timeline/buckets", None),
                ("GET", "/api/v1/timeline/buckets/2020-01", None),
                ("POST", "/api/v1/uploads/check", {"sha256s": probe}),
            ):
                response = client.open(path, method=method, json=body, headers=headers)
                if response.status_code != 200:
                    seen.append(f"{path}: {response.status_code} {response.get_data(True)}")
        return seen

    try:
        with ThreadPoolExecutor(UPLOADERS + 2) as pool:
            readers = [pool.submit(reader) for _ in range(2)]
            for result in pool.map(uploader, range(UPLOADERS)):
                failures += result
            uploading.clear()
            for future in readers:
                failures += future.result()
        assert failures == []
        total = UPLOADERS * FILES_PER_UPLOADER
        ids = [row.id for row in _owner_assets(app)]
        assert len(ids) == total
        wait_for(lambda: states(app, ids).get("done", 0) == total, timeout=300)
    finally:
        consumer.stop(graceful=True)
    locked = [r.getMessage() for r in caplog.records if "locked" in r.getMessage().lower()]
    assert locked == []
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []


def _owner_assets(app):
    from sqlalchemy import select

    from mediabox.domain.models import Asset
    from mediabox.infra.db import db

    with app.app_context():
        return db.session.execute(select(Asset.id).where(Asset.status == "ready")).all()
