"""ProcessingService on a real database and store: integrity, hostile input, store outages,
idempotency, reprocessing and recovery of stalled work."""

from __future__ import annotations

import hashlib
import os
import struct
import uuid
import zlib
from datetime import UTC, datetime, timedelta

import pytest

from mediabox.container import build_blob_store, container_of
from mediabox.domain.errors import StorageUnavailable
from mediabox.domain.models import Asset
from mediabox.infra.db import db
from tests.integration.processing.helpers import (
    UPLOADED_AT,
    create_owner,
    load_asset,
    small_jpeg,
    store_asset,
)
from tests.manifest import (
    MEDIA_DIR,
)


class FlakyStore:
    """The real local store, but `put_file`/`open_read` fail while `failures` is positive."""

    def __init__(self, inner, failures: int = 0, methods=("put_file",)):
        self.inner = inner
        self.failures = failures
        self.methods = methods
        self.calls = 0

    def __getattr__(self, name):
        attr = getattr(self.inner, name)
        if name not in self.methods:
            return attr

        def flaky(*args, **kwargs):
            self.calls += 1
            if self.failures != 0:
                self.failures -= 1
                raise StorageUnavailable("S3 request failed: 503")
            return attr(*args, **kwargs)

        return flaky


def _run(app, asset_id):
    with app.app_context():
        return container_of(app).processing.process(asset_id)


def _png_bomb(side: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    ihdr = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * (side + 1) * 4)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def test_sha256_mismatch_fails_the_asset_and_frees_the_checksum(app):
    owner = create_owner(app)
    asset_id = store_asset(app, owner, small_jpeg(1), "a.jpg", declared_sha256="0" * 64)
    assert _run(app, asset_id) == "failed"
    asset = load_asset(app, asset_id)
    assert asset.processing_state == "failed" and asset.status == "failed"
    assert "checksum mismatch" in asset.processing_error and "0" * 64 in asset.processing_error
    assert asset.sha256 is None and asset.storage_key_thumb is None


def test_undeclared_sha256_is_recorded(app):
    owner = create_owner(app)
    data = small_jpeg(2)
    asset_id = store_asset(app, owner, data, "a.jpg", declared_sha256=None)
    assert _run(app, asset_id) == "done"
    assert load_asset(app, asset_id).sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("bomb.png", _png_bomb(40_000), "too large"),
        ("bomb2.png", _png_bomb(12_000), "too large"),
        ("notes.jpg", b"just text, not a photo\n" * 20, "not a supported"),
        ("empty.jpg", b"", "empty"),
        ("page.jpg", b"<!doctype html><html><body>hi</body></html>", "not a supported"),
    ],
)
def test_hostile_photo_fails_with_a_reason(app, name, content, reason):
    owner = create_owner(app)
    asset_id = store_asset(app, owner, content, name, video=False)
    assert _run(app, asset_id) == "failed"
    asset = load_asset(app, asset_id)
    assert reason in asset.processing_error
    assert asset.status == "ready"


def test_video_opencv_cannot_decode_fails(app):
    owner = create_owner(app)
    head = (MEDIA_DIR / "video" / "big_buck_bunny_432_433.webm").read_bytes()[:300]
    asset_id = store_asset(app, owner, head + os.urandom(50_000), "clip.webm", video=True)
    assert _run(app, asset_id) == "failed"
    assert load_asset(app, asset_id).processing_error


def test_video_opencv_cannot_open_fails(app, monkeypatch):
    import cv2

    class Closed:
        def __init__(self, *args):
            pass

        def isOpened(self):
            return False

        def release(self):
            pass

    monkeypatch.setattr(cv2, "VideoCapture", Closed)
    owner = create_owner(app)
    path = MEDIA_DIR / "video" / "chaplin.mp4"
    asset_id = store_asset(app, owner, path, "chaplin.mp4", video=True)
    assert _run(app, asset_id) == "failed"
    assert "cannot be opened" in load_asset(app, asset_id).processing_error


def test_missing_original_is_an_integrity_failure(app):
    owner = create_owner(app)
    asset_id = store_asset(app, owner, small_jpeg(3), "a.jpg", write_original=False)
    assert _run(app, asset_id) == "failed"
    asset = load_asset(app, asset_id)
    assert asset.status == "failed" and "missing" in asset.processing_error


def test_store_outage_is_retried_with_back_off(make_app, config):
    store = FlakyStore(build_blob_store(config))
    app = make_app(config, blob_store=store)
    naps = []
    container_of(app).processing.sleep = naps.append
    owner = create_owner(app)
    asset_id = store_asset(app, owner, small_jpeg(4), "a.jpg")
    store.failures = 2
    assert _run(app, asset_id) == "done"
    assert naps == [1.0, 2.0]
    assert load_asset(app, asset_id).processing_state == "done"


@pytest.mark.parametrize("method", ["put_file", "open_read"])
def test_store_outage_fails_visibly_after_three_tries(make_app, config, method):
    store = FlakyStore(build_blob_store(config), failures=-1, methods=(method,))
    enqueued = []
    app = make_app(config, blob_store=store, enqueue=enqueued.append)
    naps = []
    container_of(app).processing.sleep = naps.append
    owner = create_owner(app)
    store.failures = 0
    asset_id = store_asset(app, owner, small_jpeg(5), "a.jpg")
    store.failures, store.calls = -1, 0
    assert _run(app, asset_id) == "failed"
    assert store.calls == 3 and naps == [1.0, 2.0]
    asset = load_asset(app, asset_id)
    assert asset.processing_state == "failed" and asset.status == "ready"
    assert "storage unavailable" in asset.processing_error
    assert "3 tries" in asset.processing_error
    with app.app_context():
        counts = container_of(app).processing.job_counts(owner)
    assert counts.failed == 1

    store.failures = 0
    with app.app_context():
        assert container_of(app).processing.reprocess(failed_only=True) == [asset_id]
    assert enqueued == [asset_id]
    assert load_asset(app, asset_id).processing_state == "pending"
    assert _run(app, asset_id) == "done"


def test_processing_twice_does_nothing_the_second_time(app):
    owner = create_owner(app)
    asset_id = store_asset(app, owner, small_jpeg(6), "a.jpg")
    assert _run(app, asset_id) == "done"
    first = load_asset(app, asset_id)
    assert _run(app, asset_id) == "skipped"
    again = load_asset(app, asset_id)
    assert again.processing_attempts == first.processing_attempts == 1
    assert again.updated_at == first.updated_at


def test_unknown_and_unfinished_assets_are_skipped(app):
    owner = create_owner(app)
    uploading = store_asset(app, owner, small_jpeg(7), "a.jpg", status="uploading")
    assert _run(app, uploading) == "skipped"
    assert _run(app, uuid.uuid4()) == "skipped"
    assert load_asset(app, uploading).processing_state == "pending"


def test_captured_at_falls_back_to_upload_time_and_keeps_an_override(app):
    owner = create_owner(app)
    no_exif = (MEDIA_DIR / "camera" / "no_exif.jpg").read_bytes()
    plain = store_asset(app, owner, no_exif, "no_exif.jpg")
    assert _run(app, plain) == "done"
    asset = load_asset(app, plain)
    assert (asset.captured_at, asset.captured_at_source) == (UPLOADED_AT, "upload")

    overridden = store_asset(app, owner, small_jpeg(8), "b.jpg")
    chosen = datetime(2001, 1, 1, tzinfo=UTC)
    with app.app_context():
        asset = db.session.get(Asset, overridden)
        asset.captured_at = asset.captured_at_override = chosen
        asset.captured_at_source = "override"
        db.session.commit()
    assert _run(app, overridden) == "done"
    kept = load_asset(app, overridden)
    assert (kept.captured_at, kept.captured_at_source) == (chosen, "override")


def test_reprocess_by_id_all_and_not_integrity_failures(make_app, config):
    enqueued = []
    app = make_app(config, enqueue=enqueued.append)
    owner = create_owner(app)
    good = store_asset(app, owner, small_jpeg(9), "a.jpg")
    broken = store_asset(app, owner, small_jpeg(10), "b.jpg", declared_sha256="1" * 64)
    assert _run(app, good) == "done" and _run(app, broken) == "failed"
    container = container_of(app)
    with app.app_context():
        assert container.processing.reprocess([good, broken, uuid.uuid4()]) == [good]
        assert container.processing.reprocess(failed_only=True) == []
        assert container.processing.reprocess() == [good]
    assert enqueued == [good, good]
    assert _run(app, good) == "done"
    assert load_asset(app, good).processing_attempts == 2


def test_stalled_running_asset_is_recovered_after_the_lease(make_app, config):
    enqueued = []
    app = make_app(config, enqueue=enqueued.append)
    owner = create_owner(app)
    asset_id = store_asset(app, owner, small_jpeg(11), "a.jpg")
    container = container_of(app)
    long_ago = datetime.now(UTC) - timedelta(hours=2)
    with app.app_context():
        asset = db.session.get(Asset, asset_id)
        asset.processing_state, asset.processing_started_at = "running", long_ago
        db.session.commit()
    fresh = store_asset(app, owner, small_jpeg(12), "b.jpg")
    with app.app_context():
        asset = db.session.get(Asset, fresh)
        asset.processing_state = "running"
        asset.processing_started_at = datetime.now(UTC)
        db.session.commit()
    with app.app_context():
        recovered = container.processing.recover_stalled()
    assert asset_id in recovered and fresh not in recovered
    assert _run(app, fresh) == "skipped"
    assert _run(app, asset_id) == "done"


def test_pending_asset_whose_job_was_lost_is_enqueued_when_the_queue_is_idle(make_app, config):
    enqueued = []
    app = make_app(config, enqueue=enqueued.append)
    owner = create_owner(app)
    lost = store_asset(app, owner, small_jpeg(13), "a.jpg")
    container = container_of(app)
    with app.app_context():
        container.processing.queued_jobs = lambda: 3
        assert container.processing.recover_stalled() == []
        container.processing.queued_jobs = lambda: 0
        assert container.processing.recover_stalled() == [lost]


def test_corrupt_file_does_not_disturb_the_next_one(app):
    owner = create_owner(app)
    bad = store_asset(app, owner, b"\xff\xd8\xff" + b"x" * 100, "bad.jpg", video=False)
    good = store_asset(app, owner, small_jpeg(14), "good.jpg")
    assert _run(app, bad) == "failed"
    assert _run(app, good) == "done"
