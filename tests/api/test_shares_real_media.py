"""A real GPS-tagged camera JPEG through import, processing and a share link: the JSON and the
derived images carry no location; the original downloaded through the link is the file itself."""

from __future__ import annotations

import io
import uuid
from urllib.parse import urlsplit

import pytest
from PIL import Image

from tests.factories import make_album, make_share, sign_up

GPS_PHOTO = "camera/DSCN0010.jpg"


def _fetch(client, url: str) -> bytes:
    parts = urlsplit(url)
    response = client.get(parts.path, query_string=parts.query)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return response.get_data()


@pytest.fixture
def shared(app, client, testdata):
    owner = sign_up(client, "owner@example.com")
    with app.app_context():
        from mediabox.api.deps import container

        user = container().users.get_active(uuid.UUID(owner.user["id"]))
        asset = container().imports.import_local_file(user, testdata / GPS_PHOTO).asset
        assert container().processing.process(asset.id) == "done"
        asset_id = asset.id
    album = make_album(client, owner, [asset_id], title="Tuscany")
    return owner, asset_id, album


def test_gps_photo_is_shared_without_location(app, client, testdata, shared):
    owner, asset_id, album = shared
    share = make_share(client, owner, album_id=album)
    assert share["original_contains_location"] is False
    visitor = app.test_client()
    opened = visitor.get(f"/api/v1/shares/{share['token']}")
    assert opened.json["original_contains_location"] is False
    listed = visitor.get(f"/api/v1/shares/{share['token']}/assets")
    item = listed.json["items"][0]
    assert item["gps_lat"] is None and item["gps_lon"] is None
    for text in (opened.get_data(as_text=True), listed.get_data(as_text=True)):
        assert "43.46" not in text and "11.88" not in text
    for kind in ("thumb", "preview"):
        signed = visitor.get(
            f"/api/v1/shares/{share['token']}/download-url",
            query_string={"asset_id": str(asset_id), "kind": kind},
        )
        image = Image.open(io.BytesIO(_fetch(visitor, signed.json["url"])))
        assert image.format == "JPEG"
        assert not image.getexif(), f"{kind} carries EXIF"
        assert "exif" not in image.info and "xmp" not in image.info
    original = visitor.get(
        f"/api/v1/shares/{share['token']}/download-url",
        query_string={"asset_id": str(asset_id), "kind": "original"},
    )
    assert original.status_code == 403 and original.json["error"]["code"] == "original_has_location"
    located = make_share(client, owner, album_id=album, show_location=True)
    assert located["original_contains_location"] is True
    original = visitor.get(
        f"/api/v1/shares/{located['token']}/download-url",
        query_string={"asset_id": str(asset_id), "kind": "original"},
    )
    assert _fetch(visitor, original.json["url"]) == (testdata / GPS_PHOTO).read_bytes()


def test_location_shown_when_the_owner_allows_it(app, client, shared):
    owner, _asset_id, album = shared
    share = make_share(client, owner, album_id=album, show_location=True, allow_download=False)
    item = app.test_client().get(f"/api/v1/shares/{share['token']}/assets").json["items"][0]
    assert item["gps_lat"] == pytest.approx(43.467448, abs=1e-4)
    assert item["gps_lon"] == pytest.approx(11.885127, abs=1e-4)
    assert share["original_contains_location"] is False, "no original can be downloaded"
