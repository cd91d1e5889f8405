"""Crafted input answers 415/400, never 500 (issue 9, item 6)."""

from __future__ import annotations

import base64
import uuid

import pytest

from tests.factories import assert_error, make_album, make_asset, make_share, sign_up


def _cursor(raw: str) -> str:
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


@pytest.mark.parametrize("data", [b"II*\x00", b"MM\x00*", b"II*\x00\x08\x00"])
def test_a_truncated_tiff_header_is_refused_at_finalize(local_library, data):
    created = local_library.create(data, "tiny.tif", "image/tiff")
    asset_id = created.json["asset_id"]
    assert local_library.put_single(created.json["upload"], data) == 200
    assert_error(local_library.api("POST", f"/uploads/{asset_id}/finalize"), 415)
    assert_error(local_library.api("GET", f"/uploads/{asset_id}"), 404), "not left uploading"


ANY_ID = str(uuid.uuid4())
BAD_POSITIONS = [
    f'[Infinity,"{ANY_ID}"]',
    f'[-Infinity,"{ANY_ID}"]',
    f'[NaN,"{ANY_ID}"]',
    f'[1e400,"{ANY_ID}"]',
    f'[{10**30},"{ANY_ID}"]',
    f'[true,"{ANY_ID}"]',
    f'["7","{ANY_ID}"]',
    "[1,123]",
    "[1,null]",
]


@pytest.fixture
def shared_album(app, client):
    owner = sign_up(client, "owner@example.com")
    asset = make_asset(app, owner.user["id"])
    album = make_album(client, owner, [asset])
    return owner, album, make_share(client, owner, album_id=album)["token"]


@pytest.mark.parametrize("raw", BAD_POSITIONS)
def test_public_share_cursors_are_validated(app, shared_album, raw):
    _owner, _album, token = shared_album
    response = app.test_client().get(
        f"/api/v1/shares/{token}/assets", query_string={"cursor": _cursor(raw)}
    )
    assert_error(response, 400, "invalid_cursor")


@pytest.mark.parametrize("raw", BAD_POSITIONS)
def test_owner_album_cursors_are_validated(client, shared_album, raw):
    owner, album, _token = shared_album
    response = client.get(
        f"/api/v1/albums/{album}/assets",
        query_string={"cursor": _cursor(raw)},
        headers=owner.bearer,
    )
    assert_error(response, 400, "invalid_cursor")


@pytest.mark.parametrize(
    "raw",
    [
        '["2024-05-01T12:00:00+00:00",123]',
        "[123,123]",
        f'[20240501,"{ANY_ID}"]',
        '["2024-05-01T12:00:00+00:00",["x"]]',
        f'[Infinity,"{ANY_ID}"]',
    ],
)
def test_owner_timeline_cursors_are_validated(client, raw):
    owner = sign_up(client, "owner@example.com")
    response = client.get(
        "/api/v1/assets", query_string={"cursor": _cursor(raw)}, headers=owner.bearer
    )
    assert_error(response, 400, "invalid_cursor")
