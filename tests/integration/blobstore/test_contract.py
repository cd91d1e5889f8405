"""One contract suite, run against the local store and the S3 store (moto over HTTP)."""

from __future__ import annotations

import hashlib
import io
from datetime import timedelta

import pytest

from mediabox.domain.errors import NotFound, ValidationFailed
from mediabox.infra.blobstore import content_disposition
from mediabox.infra.blobstore.base import MIN_PART_SIZE
from tests.integration.blobstore.conftest import make_key

BODY = bytes(range(256)) * 40


def test_presigned_put_then_head_and_read(env):
    key = make_key()
    result = env.upload(key, BODY)

    assert result.status == 200
    if env.name == "s3":
        etag = hashlib.md5(BODY, usedforsecurity=False).hexdigest()
    else:
        etag = hashlib.sha256(BODY).hexdigest()[:32]
    assert result.headers["ETag"] == f'"{etag}"'
    info = env.store.head(key)
    assert (info.size, info.etag, info.content_type) == (len(BODY), etag, "image/jpeg")
    with env.store.open_read(key) as stream:
        assert stream.read() == BODY


def test_presign_put_declares_content_type_and_expiry(env):
    presigned = env.store.presign_put(make_key(), "video/mp4", max_bytes=10, expires_in=300)

    assert presigned.method == "PUT"
    assert presigned.headers == {"Content-Type": "video/mp4"}
    assert presigned.expires_at - env.clock() <= timedelta(seconds=300)
    assert presigned.expires_at - env.clock() > timedelta(seconds=298)


def test_read_range_returns_slices(env):
    key = make_key()
    env.upload(key, BODY)

    assert env.store.read_range(key, 0, 16) == BODY[:16]
    assert env.store.read_range(key, 100, 50) == BODY[100:150]
    assert env.store.read_range(key, len(BODY) - 4, 100) == BODY[-4:]
    assert env.store.read_range(key, len(BODY) + 10, 10) == b""


def test_missing_blob(env):
    key = make_key()

    assert env.store.head(key) is None
    with pytest.raises(NotFound):
        env.store.open_read(key)
    with pytest.raises(NotFound):
        env.store.read_range(key, 0, 10)


def test_presigned_get_serves_bytes_and_ranges(env):
    key = make_key()
    env.upload(key, BODY)
    url = env.store.presign_get(key, 600).url

    full = env.http.request("GET", url)
    partial = env.http.request("GET", url, {"Range": "bytes=10-19"})

    assert (full.status, full.body) == (200, BODY)
    assert (partial.status, partial.body) == (206, BODY[10:20])
    assert partial.headers["Content-Range"] == f"bytes 10-19/{len(BODY)}"


def test_download_with_cyrillic_filename(env):
    key = make_key()
    env.upload(key, BODY, content_type="application/octet-stream")
    filename = "Отпуск в горах.jpg"

    presigned = env.store.presign_get(
        key, 600, filename=filename, content_type="image/jpeg", attachment=True
    )
    result = env.http.request("GET", presigned.url)

    expected = content_disposition(filename, attachment=True)
    assert expected.startswith('attachment; filename="')
    assert "filename*=UTF-8''%D0%9E%D1%82%D0%BF%D1%83%D1%81%D0%BA%20" in expected
    assert result.headers["Content-Disposition"] == expected
    assert result.headers["Content-Type"] == "image/jpeg"


def test_stable_urls_within_a_ttl_window(env):
    key = make_key("t")
    ttl = 600
    epoch = int(env.clock().timestamp())
    env.clock.advance(ttl - epoch % ttl + 1)

    first = env.store.presign_get(key, ttl, stable=True)
    env.clock.advance(ttl - 5)
    second = env.store.presign_get(key, ttl, stable=True)
    env.clock.advance(10)
    third = env.store.presign_get(key, ttl, stable=True)

    assert first == second
    assert third.url != second.url
    assert third.expires_at - env.clock() >= timedelta(seconds=ttl)
    assert second.expires_at - env.clock() >= timedelta(seconds=ttl - 10)


def test_stable_jpeg_urls_in_one_pass_equal_single_presigns(env):
    keys = [make_key("t") for _ in range(5)]
    env.upload(keys[0], BODY)
    batch = env.store.stable_jpeg_urls(keys, 600)
    single = [
        env.store.presign_get(key, 600, content_type="image/jpeg", stable=True).url for key in keys
    ]
    assert batch == single
    assert (env.http.request("GET", batch[0]).status, env.store.stable_jpeg_urls([], 600)) == (
        200,
        [],
    )
    with pytest.raises(ValidationFailed):
        env.store.stable_jpeg_urls([*keys, "../etc/passwd"], 600)


def test_stable_url_is_usable(env):
    key = make_key("t")
    env.upload(key, BODY)

    result = env.http.request("GET", env.store.presign_get(key, 600, stable=True).url)

    assert (result.status, result.body) == (200, BODY)


def _upload_part(env, key, upload_id, number, body):
    url = env.store.presign_part(key, upload_id, number, expires_in=600, max_bytes=len(body))
    result = env.http.request("PUT", url, body=body)
    assert result.status == 200
    return result.headers["ETag"].strip('"')


def test_multipart_resume_and_complete_from_listing(env):
    key = make_key(ext=".mp4")
    first, second = b"a" * MIN_PART_SIZE, b"tail of the file"
    upload_id = env.store.create_multipart(key, "video/mp4")

    etag1 = _upload_part(env, key, upload_id, 1, first)
    listed = env.store.list_parts(key, upload_id)
    assert [(p.part_number, p.size, p.etag) for p in listed] == [(1, len(first), etag1)]

    _upload_part(env, key, upload_id, 2, second)
    env.store.complete_multipart(key, upload_id, None)

    info = env.store.head(key)
    assert (info.size, info.content_type) == (len(first) + len(second), "video/mp4")
    assert env.store.read_range(key, MIN_PART_SIZE - 2, 6) == b"aatail"


def test_multipart_complete_with_explicit_parts(env):
    key = make_key(ext=".mov")
    parts = [b"x" * MIN_PART_SIZE, b"y" * 10]
    upload_id = env.store.create_multipart(key, "video/quicktime")
    etags = [_upload_part(env, key, upload_id, n, body) for n, body in enumerate(parts, 1)]

    env.store.complete_multipart(key, upload_id, [(1, etags[0]), (2, f'"{etags[1]}"')])

    with env.store.open_read(key) as stream:
        assert hashlib.sha256(stream.read()).digest() == hashlib.sha256(b"".join(parts)).digest()


def test_multipart_rejects_small_inner_parts(env):
    key = make_key()
    upload_id = env.store.create_multipart(key, "image/jpeg")
    _upload_part(env, key, upload_id, 1, b"small")
    _upload_part(env, key, upload_id, 2, b"tail")

    with pytest.raises(ValidationFailed):
        env.store.complete_multipart(key, upload_id, None)
    env.store.abort_multipart(key, upload_id)


def test_abort_multipart_is_idempotent(env):
    key = make_key()
    upload_id = env.store.create_multipart(key, "image/jpeg")
    _upload_part(env, key, upload_id, 1, b"part")

    env.store.abort_multipart(key, upload_id)
    env.store.abort_multipart(key, upload_id)

    with pytest.raises(NotFound):
        env.store.list_parts(key, upload_id)
    assert env.store.head(key) is None


def test_put_file_and_delete_are_idempotent(env):
    keys = [make_key("t"), make_key("v"), make_key("p")]
    for key in keys:
        env.store.put_file(key, io.BytesIO(b"jpeg bytes"), "image/jpeg")
    assert env.store.head(keys[0]).content_type == "image/jpeg"

    env.store.delete(keys[0])
    env.store.delete(keys[0])
    env.store.delete_many(keys)
    env.store.delete_many(keys)

    assert [env.store.head(key) for key in keys] == [None, None, None]


USER = "0f8fad5b-d9cb-469f-a165-70867728950e"
ASSET = "7c9e6679-7425-40de-944b-e07fc1f90ae7"
BAD_KEYS = [
    "",
    f"u/{USER}/o/2024/05/../../../../etc/passwd",
    f"u/{USER}/o/2024/05/{ASSET}/../../x.jpg",
    f"/u/{USER}/o/2024/05/{ASSET}.jpg",
    f"/etc/u/{USER}/o/2024/05/{ASSET}.jpg",
    f"u/{USER}/o/2024/05/%2e%2e%2f{ASSET}.jpg",
    f"u/{USER}/o/2024/05/{ASSET}.jpg%00",
    f"u/{USER}/o/2024/05/{ASSET}.jpg\n",
    f"u/{USER}/o/2024/13/{ASSET}.jpg",
    f"u/{USER}/o/2024/05/{ASSET}.JPG",
    f"u/{USER}/o/2024/05/{ASSET}.verylongext",
    f"u/{USER}/t/2024/05/{ASSET}.png",
    f"u/{USER.upper()}/o/2024/05/{ASSET}.jpg",
    f"u/{USER}/x/2024/05/{ASSET}.jpg",
    f"u/{USER}\\o\\2024\\05\\{ASSET}.jpg",
    f"u/{USER}/o/٢٠٢٤/05/{ASSET}.jpg",
    f"staging/{ASSET}",
]


@pytest.mark.parametrize("key", BAD_KEYS)
def test_invalid_keys_are_rejected(env, key):
    calls = [
        lambda: env.store.presign_put(key, "image/jpeg", 10, 60),
        lambda: env.store.presign_get(key, 60),
        lambda: env.store.head(key),
        lambda: env.store.delete(key),
        lambda: env.store.create_multipart(key, "image/jpeg"),
        lambda: env.store.put_file(key, io.BytesIO(b"x"), "image/jpeg"),
    ]
    for call in calls:
        with pytest.raises(ValidationFailed):
            call()


def test_valid_keys_are_accepted(env):
    for key in [
        f"u/{USER}/o/2024/05/{ASSET}",
        f"u/{USER}/o/1999/12/{ASSET}.heic",
        f"u/{USER}/p/2024/01/{ASSET}.jpg",
    ]:
        assert env.store.head(key) is None
