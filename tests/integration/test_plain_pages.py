"""Library pages served from untyped rows (`list_page_plain`, repositories/plain_rows.py) are
byte for byte what the typed rows gave, on every engine, with the same cursors."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone

import orjson
import pytest

from mediabox.api.json import OPTIONS
from mediabox.api.schemas.assets import asset_page_json
from mediabox.domain.asset_filters import AssetFilters
from mediabox.domain.models import Asset, User
from mediabox.infra.db import db
from mediabox.repositories.assets import LISTED_COLUMNS, PLAIN_FIELDS, AssetQuery, AssetRepository
from mediabox.repositories.plain_rows import PlainColumns, utc_text
from mediabox.services.assets import AssetService

T0 = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)


class Urls:
    def stable_jpeg_urls(self, keys):
        return [f"/signed/{key}" if key else None for key in keys]


@pytest.fixture
def repo(app):
    with app.app_context():
        yield AssetRepository(db.session)
        db.session.rollback()


def _owner() -> User:
    user = User(email=f"{uuid.uuid4().hex[:8]}@example.com", password_hash="x", display_name="x")
    db.session.add(user)
    db.session.flush()
    return user


def _asset(owner: User, n: int, **fields) -> Asset:
    asset_id = uuid.uuid4()
    values = {
        "captured_at": T0 - timedelta(hours=n // 3),  # ties every three assets
        "type": "video" if n % 4 == 0 else "photo",
        "status": "failed" if n % 7 == 0 else "ready",
        "original_filename": f"IMG_{n}.jpg",
        "content_type": "image/jpeg",
        "size_bytes": 1000 + n,
        "sha256": f"{n:064x}",
        "storage_key_original": f"u/{owner.id}/o/2024/06/{asset_id}.jpg",
        "storage_key_thumb": f"t/{asset_id}.jpg" if n % 3 else None,
        "storage_key_preview": f"v/{asset_id}.jpg" if n % 5 else None,
        "storage_key_poster": f"p/{asset_id}.jpg" if n % 4 == 0 else None,
        "is_favorite": n % 2 == 0,
        "width": 4 + n,
        "height": None if n % 6 == 0 else 3,
        "description": ["", 'a, "quoted" — text', None][n % 3],
        "gps_lat": 48.1 + n / 7 if n % 2 else None,
        "gps_lon": 11.5 if n % 2 else None,
        "processing_state": ["pending", "running", "done", "failed"][n % 4],
        "processing_error": "broken" if n % 4 == 3 else None,
        "created_at": T0 + timedelta(microseconds=n * 123457),  # some with microseconds
        "updated_at": T0 + timedelta(seconds=n),
        "camera_make": "Make" if n % 2 else None,
        "thumbhash": "HhgKLZpwdndwd3d3h2iHd6CRCveH" if n % 2 else None,
    }
    values.update(fields)
    asset = Asset(id=asset_id, owner_id=owner.id, **values)
    db.session.add(asset)
    return asset


def _json(rows, **kwargs) -> bytes:
    return orjson.dumps(asset_page_json(rows, Urls(), **kwargs), option=OPTIONS)


@pytest.mark.parametrize("trashed", [False, True])
def test_plain_pages_serialise_exactly_like_typed_rows(repo, trashed):
    owner = _owner()
    for n in range(40):
        deleted = T0 + timedelta(days=1, microseconds=n) if (n % 2 == 0) == trashed else None
        _asset(owner, n, deleted_at=deleted)
    _asset(_owner(), 99)  # another owner's
    db.session.flush()
    queries = [
        AssetQuery(owner_id=owner.id, trashed=trashed),  # prebuilt statement
        AssetQuery(owner_id=owner.id, trashed=trashed, type="photo"),  # built per request
        AssetQuery(owner_id=owner.id, trashed=trashed, favorite=True),
    ]
    for query in queries:
        after, pages = None, 0
        while True:
            paged = replace(query, after=after)
            typed = repo.list_page(paged, 7)
            plain = repo.list_page_plain(paged, 7)
            assert _json(plain, fields=PLAIN_FIELDS) == _json(typed)
            hidden = _json(plain, fields=PLAIN_FIELDS, include_location=False)
            assert hidden == _json(typed, include_location=False)
            if not typed:
                break
            pages += 1
            after = (typed[-1].captured_at, typed[-1].id)
        assert pages >= 2


def test_plain_and_typed_listings_give_the_same_cursors(app, repo):
    from mediabox.container import container_of

    owner = _owner()
    for n in range(12):
        _asset(owner, n, captured_at=T0 - timedelta(minutes=n // 2, microseconds=n * 1001))
    db.session.flush()
    service: AssetService = container_of(app).assets
    cursor_typed = cursor_plain = None
    seen = 0
    while True:
        typed, cursor_typed = service.list_assets(owner, AssetFilters(), cursor_typed, 5)
        plain, cursor_plain = service.list_assets_plain(owner, AssetFilters(), cursor_plain, 5)
        assert cursor_plain == cursor_typed
        assert [row[PLAIN_FIELDS.index("id")] for row in plain] == [str(a.id) for a in typed]
        seen += len(typed)
        if cursor_typed is None:
            break
    assert seen == 12


def test_values_in_unexpected_shapes_take_the_general_path():
    columns = PlainColumns(LISTED_COLUMNS)
    at = {name: index for index, name in enumerate(columns.names)}
    asset_id = uuid.uuid4()
    paris = timezone(timedelta(hours=2))

    def row(**values):
        base = [None] * len(columns.names)
        for name, value in values.items():
            base[at[name]] = value
        return tuple(base)

    rows = [
        row(id=asset_id.hex, captured_at="2024-06-01 12:00:00.000000", is_favorite=1),
        row(id=asset_id, captured_at=datetime(2024, 6, 1, 14, 0, 0, 5, tzinfo=paris)),
        row(id=asset_id.hex.upper(), captured_at="2024-06-01 12:00:00", is_favorite=0),
        row(id=str(asset_id), captured_at=datetime(2024, 6, 1, 12), local_date=date(2024, 6, 1)),
    ]
    plain = columns.plain_rows(rows)
    assert [r[at["id"]] for r in plain] == [str(asset_id)] * 4
    assert [r[at["captured_at"]] for r in plain] == [
        "2024-06-01T12:00:00Z",
        "2024-06-01T12:00:00.000005Z",
        "2024-06-01T12:00:00Z",
        "2024-06-01T12:00:00Z",
    ]
    assert [r[at["is_favorite"]] for r in plain] == [True, None, False, None]
    assert plain[3][at["local_date"]] == "2024-06-01"
    for value in (
        datetime(2024, 1, 2, 3, 4, 5, 60, tzinfo=UTC),
        datetime(2024, 1, 2, tzinfo=paris),
    ):
        assert orjson.dumps(utc_text(value)) == orjson.dumps(value.astimezone(UTC), option=OPTIONS)
