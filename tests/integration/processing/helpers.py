"""Helpers for processing and queue tests: stored assets, the manifest, generated photos."""

from __future__ import annotations

import hashlib
import io
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

from PIL import Image

from mediabox.container import container_of
from mediabox.domain.enums import AssetStatus, ProcessingState
from mediabox.domain.models import Asset, User
from mediabox.infra.db import db
from mediabox.infra.media import sniff

UPLOADED_AT = datetime(2026, 3, 4, 5, 6, 7, tzinfo=UTC)


def create_owner(app, email: str = "owner@example.com") -> User:
    with app.app_context():
        return container_of(app).users.create_user(email, "a long enough password")


def store_asset(
    app,
    owner: User,
    data: bytes | Path,
    filename: str,
    *,
    video: bool | None = None,
    declared_sha256: str | bool | None = True,
    file_modified_at: datetime | None = None,
    status: str = AssetStatus.READY,
    state: str = ProcessingState.PENDING,
    created_at: datetime = UPLOADED_AT,
    write_original: bool = True,
) -> uuid.UUID:
    """Put an original into the app's blob store and its asset row into the database."""
    content = data.read_bytes() if isinstance(data, Path) else data
    found = sniff(content[:4096], filename) if content else None
    if video is None:
        video = bool(found and found.kind == "video")
    digest = hashlib.sha256(content).hexdigest()
    sha = digest if declared_sha256 is True else (declared_sha256 or None)
    asset_id = uuid.uuid4()
    suffix = Path(filename).suffix.lower()
    key = f"u/{owner.id}/o/{created_at:%Y}/{created_at:%m}/{asset_id}{suffix}"
    with app.app_context():
        container = container_of(app)
        if write_original:
            container.blob_store.put_file(key, io.BytesIO(content), "application/octet-stream")
        db.session.add(
            Asset(
                id=asset_id,
                owner_id=owner.id,
                type="video" if video else "photo",
                status=status,
                original_filename=filename,
                content_type=found.mime if found else "image/jpeg",
                size_bytes=len(content),
                sha256=sha,
                captured_at=file_modified_at or created_at,
                captured_at_source="file" if file_modified_at else "upload",
                file_modified_at=file_modified_at,
                storage_key_original=key,
                processing_state=state,
                created_at=created_at,
                updated_at=created_at,
            )
        )
        db.session.commit()
    return asset_id


def load_asset(app, asset_id: uuid.UUID) -> Asset | None:
    with app.app_context():
        asset = db.session.get(Asset, asset_id, populate_existing=True)
        if asset is not None:
            db.session.expunge(asset)
        return asset


def stored_image(app, key: str) -> Image.Image:
    with app.app_context(), container_of(app).blob_store.open_read(key) as fh:
        image = Image.open(io.BytesIO(fh.read()))
        image.load()
        return image


def small_jpeg(seed: int, size: tuple[int, int] = (96, 64)) -> bytes:
    """A distinct little JPEG with a DateTimeOriginal, so each one has its own sha256."""
    image = Image.new("RGB", size, ((seed * 37) % 256, (seed * 91) % 256, (seed * 13) % 256))
    image.putpixel((seed % size[0], 0), (255 - (seed % 256), 0, 0))
    exif = Image.Exif()
    exif.get_ifd(0x8769)[0x9003] = f"2020:01:{1 + seed % 28:02d} 10:00:00"
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90, exif=exif)
    return out.getvalue()


def wait_for(predicate, timeout: float = 120.0, interval: float = 0.2):
    """Poll until `predicate()` is truthy (returns it) or fail after a generous timeout."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout:.0f}s")
        time.sleep(interval)


def states(app, ids) -> dict[str, int]:
    """How many of `ids` are in each processing state."""
    counts: dict[str, int] = {}
    with app.app_context():
        for asset in db.session.query(Asset).filter(Asset.id.in_(list(ids))):
            counts[asset.processing_state] = counts.get(asset.processing_state, 0) + 1
        db.session.rollback()
    return counts
