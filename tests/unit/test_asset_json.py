"""The fast dict path of the asset shape stays identical to the AssetOut schema."""

from __future__ import annotations

import collections
import types
import uuid
from datetime import UTC, date, datetime

import orjson
import pytest

from mediabox.api.json import OPTIONS
from mediabox.api.schemas.assets import SOURCE_FIELDS, AssetOut, asset_json, asset_page_json


class Urls:
    def stable_jpeg_url(self, key):
        return f"/signed/{key}"

    def stable_jpeg_urls(self, keys):
        return [self.stable_jpeg_url(key) if key else None for key in keys]


def _asset(**changes):
    base = dict(
        id=uuid.uuid4(),
        type="photo",
        status="ready",
        original_filename="a.jpg",
        content_type="image/jpeg",
        size_bytes=10,
        sha256="0" * 64,
        captured_at=datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC),
        width=4,
        height=3,
        duration_ms=None,
        is_favorite=False,
        processing_state="running",
        processing_error=None,
        created_at=datetime(2021, 1, 1, tzinfo=UTC),
        updated_at=datetime(2021, 1, 1, tzinfo=UTC),
        deleted_at=None,
        description=None,
        camera_make="X",
        camera_model="Y",
        gps_lat=1.5,
        gps_lon=2.5,
        storage_key_thumb="t.jpg",
        storage_key_preview=None,
        storage_key_poster=None,
        local_date=date(2020, 1, 1),
        thumbhash="HhgKLZpwdndwd3d3h2iHd6CRCveH",
    )
    return types.SimpleNamespace(**{**base, **changes})


def test_fast_path_serialises_like_the_schema():
    asset = _asset()
    fast = orjson.loads(orjson.dumps(asset_json(asset, Urls()), option=OPTIONS))
    slow = AssetOut.of(asset, Urls()).model_dump(mode="json")
    assert set(fast) == set(AssetOut.model_fields)
    assert fast["processing"] == {"state": "pending", "error": None}
    assert fast["captured_at"] == "2020-01-02T03:04:05Z" == slow["captured_at"]
    assert fast == slow
    assert fast["local_date"] == "2020-01-01" and fast["thumbhash"] == asset.thumbhash
    assert fast["thumb_url"] == "/signed/t.jpg" and fast["preview_url"] is None


@pytest.mark.parametrize("include_location", [True, False])
def test_page_of_rows_matches_single_assets(include_location):
    Row = collections.namedtuple("Row", reversed(SOURCE_FIELDS))  # any column order
    assets = [
        _asset(),
        _asset(storage_key_poster="p.jpg", processing_state="done"),
        _asset(
            deleted_at=datetime(2022, 1, 1, tzinfo=UTC),
            description="kept",
            processing_state="failed",
            processing_error="broken",
            storage_key_thumb=None,
            storage_key_preview="v.jpg",
            storage_key_poster="p.jpg",
        ),
    ]
    rows = [Row(**{name: getattr(a, name) for name in SOURCE_FIELDS}) for a in assets]
    page = asset_page_json(rows, Urls(), include_location=include_location)
    single = [asset_json(a, Urls(), include_location=include_location) for a in assets]
    assert page == single
    assert [list(item) for item in page] == [list(item) for item in single]  # same key order
    assert page[1]["preview_url"] == "/signed/p.jpg"
    assert page[2]["status"] == "deleted" and page[2]["preview_url"] == "/signed/v.jpg"


def test_location_hidden_and_trashed_status():
    asset = _asset(deleted_at=datetime(2022, 1, 1, tzinfo=UTC))
    out = asset_json(asset, Urls(), include_location=False)
    assert out["gps_lat"] is None and out["gps_lon"] is None
    assert out["status"] == "deleted"


def test_json_falls_back_for_values_orjson_refuses():
    from mediabox.api.json import encode

    value = {"n": 1 << 70, "at": datetime(2020, 1, 2, tzinfo=UTC), "id": uuid.UUID(int=1)}
    assert orjson.loads(encode(value)) == {
        "n": 1 << 70,
        "at": "2020-01-02T00:00:00Z",
        "id": "00000000-0000-0000-0000-000000000001",
    }


def test_a_page_asks_for_its_urls_in_two_batches_not_per_row():
    class BatchOnly(Urls):
        batches: list[list] = []

        def stable_jpeg_url(self, key):
            raise AssertionError("a page signs its URLs in one pass")

        def stable_jpeg_urls(self, keys):
            self.batches.append(list(keys))
            return [f"/signed/{key}" if key else None for key in keys]

    Row = collections.namedtuple("Row", SOURCE_FIELDS)
    assets = [_asset(), _asset(storage_key_thumb=None, storage_key_poster="p.jpg")]
    rows = [Row(**{name: getattr(a, name) for name in SOURCE_FIELDS}) for a in assets]
    urls = BatchOnly()
    page = asset_page_json(rows, urls)
    assert urls.batches == [["t.jpg", None], [None, "p.jpg"]]
    assert [(item["thumb_url"], item["preview_url"]) for item in page] == [
        ("/signed/t.jpg", None),
        (None, "/signed/p.jpg"),
    ]
    assert asset_page_json([], urls) == []
