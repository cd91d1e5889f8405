"""UploadService with fakes: limits, sniffing, enqueue after commit, import and dedupe."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest

from mediabox.domain.errors import Conflict, PayloadTooLarge, UnsupportedMediaType
from mediabox.infra.blobstore import ObjectInfo, PresignedRequest
from mediabox.services.imports import ImportService
from mediabox.services.upload_cleanup import UploadCleanup
from mediabox.services.uploads import UploadService

NOW = datetime(2024, 5, 1, tzinfo=UTC)
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 200


class FakeSession:
    def __init__(self, log):
        self.log = log

    def commit(self):
        self.log.append("commit")

    def rollback(self):
        self.log.append("rollback")


class FakeAssets:
    def __init__(self):
        self.rows = {}

    def add(self, asset):
        self.rows[asset.id] = asset
        return asset

    def remove(self, asset):
        self.rows.pop(asset.id, None)

    def get(self, asset_id):
        return self.rows.get(asset_id)

    def get_owned(self, owner_id, asset_id):
        asset = self.rows.get(asset_id)
        return asset if asset is not None and asset.owner_id == owner_id else None

    def find_by_sha256(self, owner_id, sha256):
        return next(
            (a for a in self.rows.values() if a.owner_id == owner_id and a.sha256 == sha256), None
        )

    def known_by_sha256(self, owner_id, hashes):
        self.asked = list(hashes)
        return [
            (a.sha256, a.id, a.status, a.deleted_at)
            for a in self.rows.values()
            if a.owner_id == owner_id and a.sha256 in hashes
        ]

    def stale_upload_ids(self, before, limit):
        return [
            a.id for a in self.rows.values() if a.status == "uploading" and a.created_at < before
        ]


class FakeStore:
    def __init__(self):
        self.objects: dict[str, bytes] = {}
        self.types: dict[str, str] = {}

    def presign_put(self, key, content_type, max_bytes, expires_in):
        return PresignedRequest(f"/put/{key}", "PUT", {"Content-Type": content_type}, NOW)

    def head(self, key):
        data = self.objects.get(key)
        return None if data is None else ObjectInfo(len(data), "etag", "image/jpeg")

    def read_range(self, key, start, length):
        return self.objects[key][start : start + length]

    def put_file(self, key, fileobj, content_type):
        self.objects[key] = fileobj.read()

    def set_content_type(self, key, content_type):
        self.types[key] = content_type

    def delete(self, key):
        self.objects.pop(key, None)

    def abort_multipart(self, key, upload_id):
        pass


@pytest.fixture
def world():
    log: list = []
    assets, store = FakeAssets(), FakeStore()
    service = UploadService(
        FakeSession(log),
        assets,
        store,
        lambda asset_id: log.append(("enqueue", asset_id)),
        lambda: NOW,
        max_upload_size_bytes=10_000,
        multipart_threshold_bytes=5_000,
        url_ttl_seconds=600,
        upload_expiry_hours=24,
    )
    session = service.session
    imports = ImportService(session, assets, store, service)
    cleanup = UploadCleanup(session, assets, store, lambda: NOW, upload_expiry_hours=24)
    user = SimpleNamespace(id=uuid.uuid4())
    return SimpleNamespace(
        service=service,
        imports=imports,
        cleanup=cleanup,
        assets=assets,
        store=store,
        log=log,
        user=user,
    )


def _create(world, data: bytes, **extra):
    return world.service.create(
        world.user,
        filename="a.jpg",
        content_type="image/jpeg",
        size_bytes=len(data),
        **extra,
    )


def test_create_refuses_files_over_the_limit(world):
    with pytest.raises(PayloadTooLarge):
        world.service.create(
            world.user, filename="a.jpg", content_type="image/jpeg", size_bytes=10_001
        )
    assert world.assets.rows == {}


def test_finalize_enqueues_once_after_the_commit(world):
    result = _create(world, JPEG)
    world.store.objects[result.asset.storage_key_original] = JPEG
    world.log.clear()
    asset = world.service.finalize(world.user, result.asset.id)
    assert asset.status == "ready" and asset.processing_state == "pending"
    assert world.log == ["commit", ("enqueue", asset.id)]
    world.service.finalize(world.user, result.asset.id)
    assert world.log.count(("enqueue", asset.id)) == 1


def test_finalize_of_a_non_media_file_removes_object_and_row(world):
    result = _create(world, b"<html>" + b" " * 100)
    key = result.asset.storage_key_original
    world.store.objects[key] = b"<html>" + b" " * 100
    with pytest.raises(UnsupportedMediaType):
        world.service.finalize(world.user, result.asset.id)
    assert key not in world.store.objects and world.assets.rows == {}
    assert not any(isinstance(entry, tuple) for entry in world.log)


def test_finalize_without_the_object_is_a_conflict(world):
    result = _create(world, JPEG)
    with pytest.raises(Conflict):
        world.service.finalize(world.user, result.asset.id)
    assert result.asset.id in world.assets.rows


def test_original_key_follows_the_spec_pattern(world):
    asset = _create(world, JPEG).asset
    assert asset.storage_key_original == f"u/{world.user.id}/o/2024/05/{asset.id}.jpg"


def test_import_dedupes_and_refuses_non_media(world, tmp_path):
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(JPEG)
    first = world.imports.import_local_file(world.user, photo)
    assert not first.duplicate and first.asset.status == "ready"
    assert world.store.objects[first.asset.storage_key_original] == JPEG
    again = world.imports.import_local_file(world.user, photo, filename="copy.jpg")
    assert again.duplicate and again.asset.id == first.asset.id
    text = tmp_path / "notes.jpg"
    text.write_bytes(b"just some text, not a photo")
    with pytest.raises(UnsupportedMediaType):
        world.imports.import_local_file(world.user, text)


def test_cleanup_removes_only_expired_uploads(world):
    fresh = _create(world, JPEG).asset
    old = _create(world, JPEG + b"x").asset
    old.created_at = NOW - timedelta(hours=30)
    world.store.objects[old.storage_key_original] = JPEG
    assert world.cleanup.cleanup_stale() == 1
    assert set(world.assets.rows) == {fresh.id}
    assert old.storage_key_original not in world.store.objects


def test_check_asks_once_per_lower_case_hash_and_answers_in_asked_order(world):
    a, b = "a" * 64, "b" * 64
    ready = _create(world, JPEG, sha256=b).asset
    ready.status = "ready"
    trashed = _create(world, JPEG + b"x", sha256=a).asset
    trashed.status, trashed.deleted_at = "ready", NOW
    known = world.service.check(world.user, [a.upper(), "c" * 64, b, a])
    assert world.assets.asked == [a, "c" * 64, b]
    assert [(k.sha256, k.asset_id, k.status) for k in known] == [
        (a, trashed.id, "deleted"),
        (b, ready.id, "ready"),
    ]
