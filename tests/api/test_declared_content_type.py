"""The declared content type is never stored nor served (issue 9, item 5)."""

from __future__ import annotations

import uuid
from urllib.parse import parse_qs, urlsplit

import pytest

from mediabox.container import container_of
from tests.api.test_uploads import fake_jpeg
from tests.factories import assert_error


def _original_key(library, asset_id: str) -> str:
    from mediabox.domain.models import Asset
    from mediabox.infra.db import db

    with library.app.app_context():
        return db.session.get(Asset, uuid.UUID(asset_id)).storage_key_original


@pytest.mark.parametrize("declared", ["text/html", "application/javascript", "text/plain"])
def test_non_media_types_are_refused_at_create(local_library, declared):
    assert_error(
        local_library.create(fake_jpeg(500), "a.jpg", declared), 415, "unsupported_file_type"
    )
    assert local_library.api("GET", "/assets").json["items"] == []


def test_the_unknown_type_browsers_send_is_accepted(local_library, testdata):
    data = (testdata / "camera" / "kodak-dc240.jpg").read_bytes()
    asset = local_library.upload(data, "kodak.jpg", "application/octet-stream")["asset"]
    assert asset["content_type"] == "image/jpeg"


def test_the_stored_type_is_the_sniffed_one_after_finalize(library, testdata):
    data = (testdata / "camera" / "kodak-dc240.jpg").read_bytes()
    asset = library.upload(data, "kodak.jpg", "image/png")["asset"]
    store = container_of(library.app).blob_store
    assert store.head(_original_key(library, asset["id"])).content_type == "image/jpeg"


def test_a_grant_without_a_type_is_served_as_an_attachment_of_unknown_type(library, testdata):
    data = (testdata / "camera" / "kodak-dc240.jpg").read_bytes()
    asset = library.upload(data, "kodak.jpg", "image/jpeg")["asset"]
    key = _original_key(library, asset["id"])
    url = container_of(library.app).blob_store.presign_get(key, 60).url
    if library.store == "s3":
        query = parse_qs(urlsplit(url).query)
        assert query["response-content-type"] == ["application/octet-stream"]
        assert query["response-content-disposition"] == ["attachment"]
    status, headers, body = library.download(url)
    headers = {k.lower(): v for k, v in headers.items()}
    assert status == 200 and body == data
    assert headers["content-type"] == "application/octet-stream"
    assert headers["content-disposition"].startswith("attachment")
