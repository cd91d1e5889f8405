"""The upload protocol end to end on every store: create, PUT/parts, resume, finalize, list."""

from __future__ import annotations

import hashlib
import os
from concurrent.futures import ThreadPoolExecutor

from tests.factories import assert_error, sign_up

MiB = 1024 * 1024
JPEG_MAGIC = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"


def fake_jpeg(size: int, seed: bytes = b"") -> bytes:
    """Bytes that sniff as JPEG (enough for upload checks; the worker would reject them)."""
    body = JPEG_MAGIC + seed
    return body + os.urandom(size - len(body))


def test_upload_finalize_list_download(library, testdata):
    data = (testdata / "camera" / "DSCN0010.jpg").read_bytes()
    final = library.upload(data, "DSCN0010.jpg", "image/jpeg")
    asset = final["asset"]
    assert asset["status"] == "ready" and asset["processing"] == {"state": "pending", "error": None}
    assert asset["type"] == "photo" and asset["content_type"] == "image/jpeg"
    assert asset["size_bytes"] == len(data) and asset["sha256"] == hashlib.sha256(data).hexdigest()
    assert asset["thumb_url"] is None
    assert [str(i) for i in library.enqueued.calls] == [asset["id"]]

    listing = library.api("GET", "/assets")
    assert listing.status_code == 200
    assert [item["id"] for item in listing.json["items"]] == [asset["id"]]
    assert listing.json["next_cursor"] is None

    url = library.api("GET", f"/assets/{asset['id']}/download-url?kind=original")
    assert url.status_code == 200 and url.json["expires_at"]
    status, headers, body = library.download(url.json["url"])
    headers = {k.lower(): v for k, v in headers.items()}
    assert status == 200 and body == data
    assert headers["content-type"] == "image/jpeg"
    assert headers["content-disposition"].startswith("attachment")
    assert "DSCN0010.jpg" in headers["content-disposition"]


def test_video_upload_gets_video_type_and_stream_url(library, testdata):
    data = (testdata / "video" / "chaplin.mp4").read_bytes()
    asset = library.upload(data, "chaplin.mp4", "video/mp4")["asset"]
    assert asset["type"] == "video" and asset["content_type"] == "video/mp4"
    stream = library.api("GET", f"/assets/{asset['id']}/stream-url")
    assert stream.status_code == 200
    status, _, body = library.download(stream.json["url"], {"Range": "bytes=0-99"})
    assert status == 206 and body == data[:100]


def test_duplicate_is_answered_at_create(library, testdata):
    data = (testdata / "camera" / "kodak-dc240.jpg").read_bytes()
    first = library.upload(data, "a.jpg")["asset"]
    again = library.create(data, "copy of a.jpg")
    assert again.status_code == 200
    assert again.json == {"asset_id": first["id"], "duplicate": True, "upload": None}


def test_finalize_is_idempotent(library):
    data = fake_jpeg(4096)
    created = library.create(data).json
    assert library.put_single(created["upload"], data) == 200
    first = library.api("POST", f"/uploads/{created['asset_id']}/finalize")
    second = library.api("POST", f"/uploads/{created['asset_id']}/finalize")
    assert first.status_code == second.status_code == 200
    assert first.json["asset"]["id"] == second.json["asset"]["id"]
    assert len(library.enqueued.calls) == 1


def test_finalize_before_the_bytes_arrive_is_a_conflict(library):
    created = library.create(fake_jpeg(2048)).json
    response = library.api("POST", f"/uploads/{created['asset_id']}/finalize")
    assert_error(response, 409, "upload_incomplete")
    assert library.api("GET", f"/uploads/{created['asset_id']}").json["status"] == "uploading"


def test_interrupted_multipart_upload_resumes_and_completes(library_factory, store_kind):
    library = library_factory(store_kind, multipart_threshold_bytes=MiB)
    data = fake_jpeg(17 * MiB)
    created = library.create(data, "big.jpg")
    assert created.status_code == 201
    plan = created.json["upload"]
    assert plan == {"type": "multipart", "part_size": 8 * MiB, "part_count": 3}
    asset_id = created.json["asset_id"]
    library.put_parts(asset_id, data, plan, [1, 3])

    state = library.api("GET", f"/uploads/{asset_id}").json
    assert state["status"] == "uploading" and state["type"] == "multipart"
    assert [(p["part_number"], p["size"]) for p in state["parts"]] == [(1, 8 * MiB), (3, MiB)]
    early = library.api("POST", f"/uploads/{asset_id}/finalize")
    assert assert_error(early, 409, "upload_incomplete")["details"]["missing_parts"] == [2]

    etags = library.put_parts(asset_id, data, plan, [2])
    stored = library.api("GET", f"/uploads/{asset_id}").json["parts"]
    assert {p["part_number"] for p in stored} == {1, 2, 3}
    parts = [{"part_number": p["part_number"], "etag": p["etag"]} for p in stored]
    assert parts[1]["etag"] == etags[2]
    final = library.api("POST", f"/uploads/{asset_id}/finalize", json={"parts": parts})
    assert final.status_code == 200, final.json
    url = library.api("GET", f"/assets/{asset_id}/download-url").json["url"]
    status, _, body = library.download(url)
    assert status == 200 and hashlib.sha256(body).digest() == hashlib.sha256(data).digest()


def test_part_urls_reject_out_of_range_part_numbers(library_factory):
    library = library_factory("local", multipart_threshold_bytes=MiB)
    created = library.create(fake_jpeg(9 * MiB), sha=False).json
    response = library.api(
        "POST", f"/uploads/{created['asset_id']}/parts", json={"part_numbers": [3]}
    )
    assert_error(response, 400)


def test_single_put_larger_than_the_json_body_limit(local_library):
    data = fake_jpeg(3 * MiB)
    asset = local_library.upload(data, "three-mib.jpg")["asset"]
    assert asset["size_bytes"] == 3 * MiB


def test_hundred_files_uploaded_eight_at_a_time_all_land(library):
    payloads = [fake_jpeg(2048, seed=f"file-{i}".encode()) for i in range(100)]

    def one(index: int) -> str:
        return library.upload(payloads[index], f"IMG_{index:03d}.jpg")["asset"]["id"]

    with ThreadPoolExecutor(max_workers=8) as pool:
        ids = list(pool.map(one, range(100)))
    assert len(set(ids)) == 100
    seen, cursor = [], None
    while True:
        page = library.api("GET", "/assets?limit=30" + (f"&cursor={cursor}" if cursor else ""))
        seen += [item["id"] for item in page.json["items"]]
        cursor = page.json["next_cursor"]
        if not cursor:
            break
    assert sorted(seen) == sorted(ids)
    assert len(library.enqueued.calls) == 100


def test_abort_removes_the_upload(library_factory, store_kind):
    library = library_factory(store_kind, multipart_threshold_bytes=MiB)
    data = fake_jpeg(9 * MiB)
    created = library.create(data).json
    library.put_parts(created["asset_id"], data, created["upload"], [1])
    assert library.api("DELETE", f"/uploads/{created['asset_id']}").status_code == 204
    assert_error(library.api("GET", f"/uploads/{created['asset_id']}"), 404)
    again = library.create(data)
    assert again.status_code == 201 and again.json["asset_id"] != created["asset_id"]


def test_abort_after_finalize_is_refused(local_library):
    asset = local_library.upload(fake_jpeg(1024))["asset"]
    assert_error(local_library.api("DELETE", f"/uploads/{asset['id']}"), 409, "upload_finalized")


def test_create_again_for_an_unfinished_upload_resumes_it(local_library):
    data = fake_jpeg(4096)
    first = local_library.create(data).json
    second = local_library.create(data)
    assert second.status_code == 201 and second.json["asset_id"] == first["asset_id"]
    assert local_library.put_single(second.json["upload"], data) == 200


def test_uploads_of_another_user_are_not_found(local_library):
    created = local_library.create(fake_jpeg(1024)).json
    other = sign_up(local_library.client, "other@example.com")
    upload_id = created["asset_id"]
    for method, path, body in (
        ("GET", f"/uploads/{upload_id}", None),
        ("POST", f"/uploads/{upload_id}/finalize", None),
        ("POST", f"/uploads/{upload_id}/parts", {"part_numbers": [1]}),
        ("DELETE", f"/uploads/{upload_id}", None),
    ):
        response = local_library.client.open(
            f"/api/v1{path}", method=method, json=body, headers=other.bearer
        )
        assert_error(response, 404)


def test_create_validates_input(local_library):
    for body in (
        {"filename": "a.jpg", "content_type": "image/jpeg", "size_bytes": 0},
        {"filename": "a.jpg", "content_type": "image/jpeg", "size_bytes": -5},
        {"filename": "", "content_type": "image/jpeg", "size_bytes": 10},
        {"filename": "a.jpg", "content_type": "not a type", "size_bytes": 10},
        {"filename": "a.jpg", "content_type": "image/jpeg", "size_bytes": 10, "sha256": "xyz"},
        {"filename": "a.jpg", "content_type": "image/jpeg", "size_bytes": 10, "extra": 1},
        {
            "filename": "a.jpg",
            "content_type": "image/jpeg",
            "size_bytes": 10,
            "file_modified_at": "2024-01-01T10:00:00",
        },
    ):
        assert_error(local_library.api("POST", "/uploads/create", json=body), 400)


def test_absurd_sizes_get_the_error_shape_not_a_crash(local_library):
    for size in (1 << 62, 1 << 70):
        body = {"filename": "a.jpg", "content_type": "image/jpeg", "size_bytes": size}
        assert_error(local_library.api("POST", "/uploads/create", json=body), 413)


def test_path_in_filename_is_reduced_to_the_name(local_library):
    data = fake_jpeg(1024)
    asset = local_library.upload(data, "../../etc/passwd.jpg")["asset"]
    assert asset["original_filename"] == "passwd.jpg"


def test_client_file_time_becomes_captured_at(local_library):
    asset = local_library.upload(
        fake_jpeg(1024), "old.jpg", file_modified_at="2019-07-01T12:00:00+02:00"
    )["asset"]
    assert asset["captured_at"].startswith("2019-07-01T10:00:00")


def test_uploads_require_authentication(client):
    response = client.post(
        "/api/v1/uploads/create",
        json={"filename": "a.jpg", "content_type": "image/jpeg", "size_bytes": 10},
    )
    assert_error(response, 401)
