"""The local store's blob endpoint, through the Flask test client."""

from __future__ import annotations

import io
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest

from tests.integration.blobstore.conftest import make_key

BODY = bytes(range(256)) * 8
SIZE = len(BODY)


def _put(client, store, key, body=BODY, content_type="image/jpeg", max_bytes=None):
    presigned = store.presign_put(key, content_type, max_bytes or len(body), 600)
    return client.put(presigned.url, headers=presigned.headers, data=body)


@pytest.fixture
def stored(blob_client, local_store):
    key = make_key()
    assert _put(blob_client, local_store, key).status_code == 200
    return key, local_store.presign_get(key, 600, content_type="image/jpeg").url


def _with_query(url, **changes):
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    query.update(changes)
    return f"{parts.path}?{urlencode(query)}"


def _assert_hardened(response):
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Security-Policy"] == "sandbox"


def test_urls_are_relative_and_signed(local_store):
    key = make_key()
    url = local_store.presign_get(key, 600).url

    assert url.startswith(f"/api/v1/blobs/{key}?exp=")
    assert "&sig=" in url


def test_get_headers(blob_client, stored):
    response = blob_client.get(stored[1])

    assert response.status_code == 200
    assert response.data == BODY
    assert response.headers["Accept-Ranges"] == "bytes"
    assert response.headers["Content-Type"] == "image/jpeg"
    assert response.headers["Content-Length"] == str(SIZE)
    _assert_hardened(response)


def test_head_has_headers_but_no_body(blob_client, stored):
    response = blob_client.head(stored[1])

    assert response.status_code == 200
    assert response.data == b""
    assert response.headers["Content-Length"] == str(SIZE)
    assert response.headers["ETag"]


@pytest.mark.parametrize(
    ("range_header", "start", "end"),
    [("bytes=0-99", 0, 99), ("bytes=-500", SIZE - 500, SIZE - 1), ("bytes=100-", 100, SIZE - 1)],
)
def test_range_requests(blob_client, stored, range_header, start, end):
    response = blob_client.get(stored[1], headers={"Range": range_header})

    assert response.status_code == 206
    assert response.data == BODY[start : end + 1]
    assert response.headers["Content-Range"] == f"bytes {start}-{end}/{SIZE}"


def test_unsatisfiable_range(blob_client, stored):
    response = blob_client.get(stored[1], headers={"Range": f"bytes={SIZE}-"})

    assert response.status_code == 416
    assert response.headers["Content-Range"] == f"bytes */{SIZE}"
    assert response.json["error"]["code"] == "range_not_satisfiable"
    _assert_hardened(response)


def test_conditional_requests(blob_client, stored):
    etag = blob_client.get(stored[1]).headers["ETag"]

    not_modified = blob_client.get(stored[1], headers={"If-None-Match": etag})
    same = blob_client.get(stored[1], headers={"Range": "bytes=0-9", "If-Range": etag})
    changed = blob_client.get(stored[1], headers={"Range": "bytes=0-9", "If-Range": '"other"'})

    assert not_modified.status_code == 304
    assert not_modified.data == b""
    _assert_hardened(not_modified)
    assert (same.status_code, same.data) == (206, BODY[:10])
    assert (changed.status_code, changed.data) == (200, BODY)


def test_expired_url_is_forbidden(blob_client, local_store, clock, stored):
    clock.advance(601)

    response = blob_client.get(stored[1])

    assert response.status_code == 403
    assert response.json["error"]["code"] == "forbidden"
    _assert_hardened(response)


@pytest.mark.parametrize(
    "changes",
    [
        {"sig": "A" * 43},
        {"exp": "9999999999"},
        {"ct": "text/html"},
        {"cd": "attachment"},
        {"sig": ""},
    ],
)
def test_tampered_url_is_forbidden(blob_client, stored, changes):
    assert blob_client.get(_with_query(stored[1], **changes)).status_code == 403


def test_url_for_another_key_is_forbidden(blob_client, local_store, stored):
    other = make_key()
    _put(blob_client, local_store, other)
    url = stored[1].replace(stored[0], other)

    assert blob_client.get(url).status_code == 403


def test_wrong_method_is_forbidden(blob_client, local_store, stored):
    key = make_key()
    put_url = local_store.presign_put(key, "image/jpeg", 10, 600).url

    assert blob_client.put(stored[1], data=b"x").status_code == 403
    assert blob_client.get(put_url).status_code == 403
    assert blob_client.delete(stored[1]).status_code == 405


def test_put_requires_the_signed_content_type(blob_client, local_store):
    key = make_key()
    presigned = local_store.presign_put(key, "image/jpeg", SIZE, 600)

    response = blob_client.put(presigned.url, headers={"Content-Type": "text/html"}, data=BODY)

    assert response.status_code == 403
    assert local_store.head(key) is None


def test_put_over_limit_by_content_length(blob_client, local_store, tmp_path):
    key = make_key()

    response = _put(blob_client, local_store, key, max_bytes=SIZE - 1)

    assert response.status_code == 413
    assert response.json["error"]["code"] == "payload_too_large"
    assert local_store.head(key) is None
    _assert_hardened(response)


def test_streamed_put_over_limit_leaves_nothing(blob_client, local_store, tmp_path):
    key = make_key()
    presigned = local_store.presign_put(key, "image/jpeg", 3 * 1024 * 1024, 600)

    response = blob_client.put(
        presigned.url,
        headers=presigned.headers,
        input_stream=io.BytesIO(b"z" * (4 * 1024 * 1024)),
        environ_overrides={"wsgi.input_terminated": True},
    )

    assert response.status_code == 413
    assert local_store.head(key) is None
    assert list((tmp_path / "blobs" / ".tmp").iterdir()) == []


def test_put_replaces_atomically_and_returns_etag(blob_client, local_store):
    key = make_key()
    _put(blob_client, local_store, key, body=b"old")

    response = _put(blob_client, local_store, key, body=b"new content")

    assert response.status_code == 200
    _assert_hardened(response)
    assert local_store.read_range(key, 0, 100) == b"new content"
    assert response.headers["ETag"] == f'"{local_store.head(key).etag}"'


def test_part_over_limit_is_rejected(blob_client, local_store):
    key = make_key()
    upload_id = local_store.create_multipart(key, "image/jpeg")
    url = local_store.presign_part(key, upload_id, 1, 600, max_bytes=4)

    assert blob_client.put(url, data=b"12345").status_code == 413
    assert local_store.list_parts(key, upload_id) == []


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/blobs/../../etc/passwd",
        "/api/v1/blobs/u/%2e%2e/%2e%2e/etc/passwd",
        "/api/v1/blobs/%2Fetc%2Fpasswd",
        "/api/v1/blobs/u/..%2f..%2fetc%2fpasswd",
    ],
)
def test_traversal_attempts_never_reach_the_filesystem(blob_client, path):
    response = blob_client.get(f"{path}?exp=9999999999&sig=x", follow_redirects=True)

    assert response.status_code in (400, 403, 404)
    assert b"root:" not in response.data


def test_local_layout_leaves_no_temporaries(blob_client, local_store, tmp_path):
    root = tmp_path / "blobs"
    key = make_key()
    upload_id = local_store.create_multipart(key, "image/jpeg")
    url = local_store.presign_part(key, upload_id, 1, 600, max_bytes=10)
    blob_client.put(url, data=b"only part")

    assert (root / ".multipart" / upload_id).is_dir()
    local_store.complete_multipart(key, upload_id)

    assert not (root / ".multipart" / upload_id).exists()
    assert list((root / ".tmp").iterdir()) == []
    assert (root / key).read_bytes() == b"only part"


def test_planned_parts_are_written_in_place_and_completed_by_rename(local_store):
    """With a planned part size, parts land at their offsets and completing copies nothing."""
    from mediabox.infra.blobstore.base import MIN_PART_SIZE

    key = make_key(ext=".mp4")
    part_size = MIN_PART_SIZE
    upload_id = local_store.create_multipart(key, "video/mp4", part_size)
    bodies = [b"a" * part_size, b"b" * part_size, b"tail"]
    for number in (3, 1, 2):
        url = local_store.presign_part(key, upload_id, number, 600, len(bodies[number - 1]))
        grant = local_store.authorize("PUT", key, dict(parse_qsl(urlsplit(url).query)))
        local_store.receive(grant, io.BytesIO(bodies[number - 1]), len(bodies[number - 1]))
    data = local_store._uploads / upload_id / "data"
    inode = data.stat().st_ino
    local_store.complete_multipart(key, upload_id, None)
    stored = local_store._object_path(key)
    assert stored.stat().st_ino == inode
    assert stored.read_bytes() == b"".join(bodies)
