"""The fast dict path of the asset shape stays identical to the AssetOut schema."""

from __future__ import annotations

import types
import uuid
from datetime import UTC, datetime

import orjson

from mediabox.api.json import OPTIONS
from mediabox.api.schemas.assets import AssetOut, asset_json


class Urls:
    def thumb_url(self, asset):
        return "/t"

    def preview_url(self, asset):
        return None


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
