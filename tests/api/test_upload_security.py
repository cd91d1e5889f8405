"""User bytes are never active content; limits, sizes and signed URLs are enforced."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest

from mediabox.container import container_of
from tests.api.test_uploads import fake_jpeg
from tests.factories import assert_error

HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
    b"<script>alert(2)</script></svg>"
)


def _stored_blobs(library) -> list:
    root = container_of(library.app).config.blob_root
    return [p for p in root.rglob("*") if p.is_file() and ".tmp" not in p.parts]


@pytest.mark.parametrize(
    ("data", "filename", "content_type"),
    [(HTML, "photo.jpg", "image/jpeg"), (SVG, "drawing.svg", "image/svg+xml")],
)
def test_html_and_svg_are_refused_and_removed(library, data, filename, content_type):
    created = library.create(data, filename, content_type)
    assert created.status_code == 201
    asset_id = created.json["asset_id"]
    plan = created.json["upload"]
    assert library.put_single(plan, data) == 200
    response = library.api("POST", f"/uploads/{asset_id}/finalize")
    assert_error(response, 415, "unsupported_file_type")
    assert_error(library.api("GET", f"/uploads/{asset_id}"), 404)
    assert_error(library.api("GET", f"/assets/{asset_id}"), 404)
    assert library.api("GET", "/assets").json["items"] == []
    if library.store == "local":
        assert _stored_blobs(library) == []
    else:
        key = urlsplit(plan["url"]).path.split("/", 2)[2]
        assert container_of(library.app).blob_store.head(key) is None


def test_served_type_comes_from_sniffing_not_the_client(library, testdata):
    data = (testdata / "camera" / "kodak-dc240.jpg").read_bytes()
    asset = library.upload(data, "page.html", "image/png")["asset"]
    assert asset["content_type"] == "image/jpeg"
    for kind_path in (f"/assets/{asset['id']}/download-url",):
        url = library.api("GET", kind_path).json["url"]
        status, headers, body = library.download(url)
        headers = {k.lower(): v for k, v in headers.items()}
        assert status == 200 and body == data
        assert headers["content-type"] == "image/jpeg"
        assert "html" not in headers["content-type"]


def test_local_blob_responses_are_sandboxed(local_library, testdata):
    data = (testdata / "camera" / "kodak-dc240.jpg").read_bytes()
    asset = local_library.upload(data, "kodak.jpg")["asset"]
    url = local_library.api("GET", f"/assets/{asset['id']}/download-url").json["url"]
    response = local_library.client.get(url)
    assert response.status_code == 200
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Security-Policy"] == "sandbox"
    assert response.headers["Content-Disposition"].startswith("attachment")


def test_upload_over_the_limit_is_refused_at_create_without_storing(library_factory, store_kind):
    library = library_factory(store_kind, max_upload_size_bytes=1000)
    response = library.create(fake_jpeg(2000))
    assert_error(response, 413)
    assert library.api("GET", "/assets").json["items"] == []
    if store_kind == "local":
        assert _stored_blobs(library) == []


def test_local_put_beyond_the_declared_size_is_cut_off(local_library):
    data = fake_jpeg(4000)
    created = local_library.create(data, size=1000, sha=False).json
    assert local_library.put_single(created["upload"], data) == 413
    assert_error(local_library.api("POST", f"/uploads/{created['asset_id']}/finalize"), 409)
    assert _stored_blobs(local_library) == []


def test_s3_object_larger_than_declared_is_caught_at_finalize(library_factory):
    library = library_factory("s3")
    data = fake_jpeg(4000)
    created = library.create(data, size=1000, sha=False).json
    assert library.put_single(created["upload"], data) == 200
    response = library.api("POST", f"/uploads/{created['asset_id']}/finalize")
    assert_error(response, 422, "size_mismatch")
    store = container_of(library.app).blob_store
    assert library.api("GET", f"/uploads/{created['asset_id']}").status_code == 404
    key = urlsplit(created["upload"]["url"]).path.split("/", 2)[2]
    assert store.head(key) is None


def test_s3_object_over_the_limit_is_caught_at_finalize(library_factory):
    library = library_factory("s3", max_upload_size_bytes=3000)
    data = fake_jpeg(5000)
    created = library.create(data, size=2000, sha=False).json
    assert library.put_single(created["upload"], data) == 200
    response = library.api("POST", f"/uploads/{created['asset_id']}/finalize")
    assert_error(response, 413)
    key = urlsplit(created["upload"]["url"]).path.split("/", 2)[2]
    assert container_of(library.app).blob_store.head(key) is None


def _signed_original(library, testdata) -> tuple[str, bytes]:
    data = (testdata / "camera" / "DSCN0010.jpg").read_bytes()
    asset = library.upload(data, "DSCN0010.jpg")["asset"]
    return library.api("GET", f"/assets/{asset['id']}/download-url").json["url"], data


def test_tampered_wrong_method_and_expired_urls_are_forbidden(local_library, testdata):
    url, _ = _signed_original(local_library, testdata)
    client = local_library.client
    path, query = url.split("?", 1)
    params = dict(parse_qsl(query))
    tampered = {**params, "cd": "inline"}
    assert_error(client.get(f"{path}?{urlencode(tampered)}"), 403)
    other_key = path.rsplit("/", 1)[0] + "/00000000-0000-4000-8000-000000000000.jpg"
    assert_error(client.get(f"{other_key}?{query}"), 403)
    assert_error(client.put(url, data=b"x"), 403)
    assert_error(client.get(path), 403)
    store = container_of(local_library.app).blob_store
    real_clock = store._clock
    store._clock = lambda: real_clock() + timedelta(hours=2)
    try:
        assert_error(client.get(url), 403)
    finally:
        store._clock = real_clock


def test_range_requests(library, testdata):
    url, data = _signed_original(library, testdata)
    size = len(data)
    status, headers, body = library.download(url, {"Range": "bytes=0-99"})
    headers = {k.lower(): v for k, v in headers.items()}
    assert status == 206 and body == data[:100]
    assert headers["content-range"] == f"bytes 0-99/{size}"
    status, _, body = library.download(url, {"Range": "bytes=-500"})
    assert status == 206 and body == data[-500:]
    status, _, body = library.download(url, {"Range": f"bytes={size - 10}-"})
    assert status == 206 and body == data[-10:]
    status, headers, _ = library.download(url, {"Range": f"bytes={size + 10}-"})
    assert status == 416
