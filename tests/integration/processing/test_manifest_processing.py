"""Every file of the shared test set through ProcessingService: the asset row and the stored
thumbnail/preview/poster must carry the MANIFEST facts."""

from __future__ import annotations

import base64
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from PIL import Image, ImageChops, ImageStat

from mediabox.container import container_of
from tests.integration.processing.helpers import (
    UPLOADED_AT,
    create_owner,
    load_asset,
    store_asset,
    stored_image,
)
from tests.manifest import (
    MEDIA_DIR,
    expected_captured,
    fitted,
    is_video,
)
from tests.manifest import (
    load_manifest as manifest,
)

ROWS = manifest()
OK = [r for r in ROWS if r["decode_result"] == "ok"]
BAD = [r for r in ROWS if r["decode_result"] != "ok"]
FILE_TIME = datetime(2011, 2, 3, 4, 5, 6, tzinfo=UTC)


def _process(app, row, owner=None, **kwargs):
    owner = owner or create_owner(app)
    path = MEDIA_DIR / row["path"]
    asset_id = store_asset(app, owner, path, path.name, video=is_video(row), **kwargs)
    with app.app_context():
        outcome = container_of(app).processing.process(asset_id)
    return outcome, load_asset(app, asset_id)


@pytest.mark.parametrize("row", OK, ids=[r["path"] for r in OK])
def test_manifest_file_is_processed_with_its_facts(app, row):
    outcome, asset = _process(app, row, file_modified_at=FILE_TIME)
    assert outcome == "done", asset.processing_error
    assert asset.processing_state == "done" and asset.processing_error is None
    assert asset.status == "ready"
    display = (int(row["display_width"]), int(row["display_height"]))
    assert (asset.width, asset.height) == display
    captured, offset = expected_captured(row)
    if captured is None:
        assert (asset.captured_at, asset.captured_at_source) == (FILE_TIME, "file")
    else:
        assert (asset.captured_at, asset.captured_at_source) == (captured, "metadata")
        if row["path"] == "video/with-gps.mov":
            assert asset.captured_offset_minutes == 180  # com.apple.quicktime.creationdate +0300
        else:
            assert asset.captured_offset_minutes == offset
    assert asset.camera_make == (row["make"].strip() or None)
    if row["gps_lat"]:
        assert asset.gps_lat == pytest.approx(float(row["gps_lat"]), abs=1e-4)
        assert asset.gps_lon == pytest.approx(float(row["gps_lon"]), abs=1e-4)
    month = f"{UPLOADED_AT:%Y/%m}"
    assert asset.storage_key_thumb == f"u/{asset.owner_id}/t/{month}/{asset.id}.jpg"
    thumb = stored_image(app, asset.storage_key_thumb)
    assert thumb.format == "JPEG" and thumb.mode == "RGB"
    hashed = base64.b64decode(asset.thumbhash)
    assert 5 <= len(hashed) <= 25 and hashed[4] >> 7 == int(thumb.width > thumb.height)
    assert asset.derived_size_bytes == sum(
        _stored_size(app, key)
        for key in {asset.storage_key_thumb, asset.storage_key_preview, asset.storage_key_poster}
        if key
    )
    shift = timedelta(minutes=asset.captured_offset_minutes or 0)
    assert asset.local_date == (asset.captured_at + shift).date()
    want = fitted(display, 400)
    assert abs(thumb.width - want[0]) <= 1 and abs(thumb.height - want[1]) <= 1
    if is_video(row):
        assert asset.duration_ms == pytest.approx(float(row["duration_s"]) * 1000, abs=100)
        assert asset.storage_key_preview is None
        assert asset.storage_key_poster == f"u/{asset.owner_id}/p/{month}/{asset.id}.jpg"
        poster = stored_image(app, asset.storage_key_poster)
        assert poster.size == fitted(display, 1600)
    else:
        assert asset.duration_ms is None and asset.storage_key_poster is None
        assert asset.storage_key_preview == f"u/{asset.owner_id}/v/{month}/{asset.id}.jpg"
        preview = stored_image(app, asset.storage_key_preview)
        want = fitted(display, 1600)
        assert abs(preview.width - want[0]) <= 1 and abs(preview.height - want[1]) <= 1


@pytest.mark.parametrize("row", BAD, ids=[r["path"] for r in BAD])
def test_broken_manifest_file_fails_with_a_reason(app, row):
    outcome, asset = _process(app, row)
    assert outcome == "failed"
    assert asset.processing_state == "failed"
    assert asset.processing_error and len(asset.processing_error) > 5
    assert asset.status == "ready"
    assert asset.storage_key_thumb is None and asset.storage_key_preview is None
    assert asset.thumbhash is None and asset.local_date == UPLOADED_AT.date()
    assert asset.captured_at == UPLOADED_AT and asset.captured_at_source == "upload"


def _stored_size(app, key: str) -> int:
    store = container_of(app).blob_store
    with store.open_read(key) as stream:
        return len(stream.read())


def _thumb_of(app, name: str) -> Image.Image:
    row = next(r for r in ROWS if r["path"] == f"orientation/{name}.jpg")
    outcome, asset = _process(app, row, owner=create_owner(app, f"{uuid.uuid4().hex}@example.com"))
    assert outcome == "done"
    return stored_image(app, asset.storage_key_thumb).convert("L")


def _diff(a: Image.Image, b: Image.Image) -> float:
    return ImageStat.Stat(ImageChops.difference(a, b.resize(a.size))).mean[0]


@pytest.mark.parametrize("n", range(9))
def test_stored_thumbnail_pixels_are_upright(app, n):
    upright = _thumb_of(app, "Landscape_1")
    oriented = _thumb_of(app, f"Landscape_{n}")
    assert oriented.size == upright.size == (400, 267)
    assert _diff(upright, oriented) < 8
    for wrong in (Image.Transpose.ROTATE_180, Image.Transpose.FLIP_LEFT_RIGHT):
        assert _diff(upright.transpose(wrong), oriented) > 25
