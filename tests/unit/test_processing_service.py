"""ProcessingService with fakes: claims, checksum, retries with back-off, fallbacks."""

from __future__ import annotations

import hashlib
import io
import uuid
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
from PIL import Image

from mediabox.domain import storage_keys
from mediabox.domain.errors import NotFound, StorageUnavailable
from mediabox.services.processing import ProcessingService

NOW = datetime(2026, 5, 6, 7, 8, 9, tzinfo=UTC)
CREATED = NOW - timedelta(days=1)
OWNER = uuid.UUID("11111111-1111-4111-8111-111111111111")


def _jpeg() -> bytes:
    out = io.BytesIO()
    exif = Image.Exif()
    exif.get_ifd(0x8769)[0x9003] = "2019:08:07 06:05:04"
    Image.new("RGB", (800, 600), (20, 120, 220)).save(out, "JPEG", exif=exif)
    return out.getvalue()


def _asset(content: bytes, **overrides):
    asset_id = uuid.uuid4()
    values = dict(
        id=asset_id,
        owner_id=OWNER,
        type="photo",
        status="ready",
        sha256=hashlib.sha256(content).hexdigest(),
        original_filename="a.jpg",
        storage_key_original=storage_keys.original_key(OWNER, asset_id, CREATED, "a.jpg"),
        created_at=CREATED,
        file_modified_at=None,
        captured_at=NOW,
        captured_at_override=None,
        processing_state="pending",
        processing_error=None,
    )
    values.update(overrides)
    return SimpleNamespace(**values)


class FakeSession:
    def __init__(self):
        self.commits = self.rollbacks = 0

    def commit(self):
        self.commits += 1

    def rollback(self):
        self.rollbacks += 1


class FakeRepo:
    def __init__(self, *assets, claimable=True):
        self.assets = {a.id: a for a in assets}
        self.claimable = claimable
        self.stalled: list[uuid.UUID] = []
        self.waiting: list[uuid.UUID] = []

    def claim(self, asset_id, now, stale_before):
        return self.claimable and asset_id in self.assets

    def get(self, asset_id):
        return self.assets.get(asset_id)

    def sha256_taken(self, owner_id, sha256, except_id):
        return False

    def stalled_running_ids(self, stale_before):
        return list(self.stalled)

    def waiting_ids(self, updated_before):
        return list(self.waiting)


class FakeStore:
    def __init__(self, objects=None, failures=0):
        self.objects = dict(objects or {})
        self.failures = failures

    def open_read(self, key):
        if key not in self.objects:
            raise NotFound("Blob not found.")
        return io.BytesIO(self.objects[key])

    def put_file(self, key, fileobj, content_type):
        if self.failures:
            self.failures -= 1
            raise StorageUnavailable("store down")
        self.objects[key] = fileobj.read()


def _service(tmp_path, repo, store, **kwargs):
    naps: list[float] = []
    enqueued: list[uuid.UUID] = []
    service = ProcessingService(
        FakeSession(),
        repo,
        store,
        lambda: NOW,
        enqueued.append,
        work_dir=tmp_path,
        sleep=naps.append,
        **kwargs,
    )
    return service, naps, enqueued


def derived_keys(asset):
    return storage_keys.derived_keys(asset.owner_id, asset.id, asset.created_at)


def test_processing_a_photo_stores_both_derivatives(tmp_path):
    content = _jpeg()
    asset = _asset(content)
    store = FakeStore({asset.storage_key_original: content})
    service, _, _ = _service(tmp_path, FakeRepo(asset), store)
    assert service.process(asset.id) == "done"
    assert (asset.width, asset.height, asset.processing_state) == (800, 600, "done")
    assert asset.captured_at == datetime(2019, 8, 7, 6, 5, 4, tzinfo=UTC)
    assert asset.captured_at_source == "metadata"
    keys = derived_keys(asset)
    assert Image.open(io.BytesIO(store.objects[keys["t"]])).size == (400, 300)
    assert Image.open(io.BytesIO(store.objects[keys["v"]])).size == (800, 600)
    assert list(tmp_path.iterdir()) == []


def test_an_asset_that_cannot_be_claimed_is_skipped(tmp_path):
    asset = _asset(b"x")
    service, _, _ = _service(tmp_path, FakeRepo(asset, claimable=False), FakeStore())
    assert service.process(asset.id) == "skipped"
    assert asset.processing_state == "pending"


def test_checksum_mismatch_is_an_integrity_failure(tmp_path):
    content = _jpeg()
    asset = _asset(content, sha256="f" * 64)
    service, _, _ = _service(
        tmp_path, FakeRepo(asset), FakeStore({asset.storage_key_original: content})
    )
    assert service.process(asset.id) == "failed"
    assert asset.status == "failed" and asset.sha256 is None
    assert asset.processing_error.startswith("checksum mismatch")


def test_store_errors_back_off_then_fail_visibly(tmp_path):
    content = _jpeg()
    asset = _asset(content)
    store = FakeStore({asset.storage_key_original: content}, failures=99)
    service, naps, _ = _service(tmp_path, FakeRepo(asset), store, retry_delay_seconds=0.5)
    assert service.process(asset.id) == "failed"
    assert naps == [0.5, 1.0]
    assert "gave up after 3 tries" in asset.processing_error
    assert asset.status == "ready"


def test_a_transient_store_error_is_survived(tmp_path):
    content = _jpeg()
    asset = _asset(content)
    store = FakeStore({asset.storage_key_original: content}, failures=1)
    service, naps, _ = _service(tmp_path, FakeRepo(asset), store)
    assert service.process(asset.id) == "done"
    assert naps == [1.0]


def test_an_unexpected_error_fails_the_asset_not_the_worker(tmp_path):
    asset = _asset(b"x")

    class Exploding(FakeStore):
        def open_read(self, key):
            raise RuntimeError("boom")

    service, _, _ = _service(tmp_path, FakeRepo(asset), Exploding())
    assert service.process(asset.id) == "failed"
    assert asset.processing_error == "internal error while processing (see the server log)"


@pytest.mark.parametrize(
    ("found", "file_time", "override", "expected", "source"),
    [
        (
            datetime(2000, 1, 1, tzinfo=UTC),
            datetime(2010, 1, 1, tzinfo=UTC),
            None,
            2000,
            "metadata",
        ),
        (None, datetime(2010, 1, 1, tzinfo=UTC), None, 2010, "file"),
        (None, None, None, 2026, "upload"),
        (
            datetime(2000, 1, 1, tzinfo=UTC),
            None,
            datetime(1990, 1, 1, tzinfo=UTC),
            1990,
            "override",
        ),
    ],
)
def test_captured_at_fallback_order(found, file_time, override, expected, source):
    asset = _asset(b"x", file_modified_at=file_time, captured_at_override=override)
    ProcessingService._set_captured_at(asset, found, 120 if found else None)
    assert asset.captured_at.year == expected and asset.captured_at_source == source
    if override is None:
        assert asset.captured_offset_minutes == (120 if found else None)


def test_recovery_requeues_lost_pending_jobs_only_when_the_queue_is_idle(tmp_path):
    repo = FakeRepo()
    stalled, waiting = uuid.uuid4(), uuid.uuid4()
    repo.stalled, repo.waiting = [stalled], [waiting]
    busy, _, enqueued = _service(tmp_path, repo, FakeStore(), queued_jobs=lambda: 5)
    assert busy.recover_stalled() == [stalled] and enqueued == [stalled]
    idle, _, enqueued = _service(tmp_path, repo, FakeStore(), queued_jobs=lambda: 0)
    assert idle.recover_stalled() == [stalled, waiting] and enqueued == [stalled, waiting]
