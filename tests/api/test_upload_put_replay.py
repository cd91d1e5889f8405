"""Signed PUT URLs cannot be replayed after finalize (issue 9, item 4)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import requests

from mediabox.container import container_of
from tests.api.test_uploads import fake_jpeg
from tests.factories import assert_error

HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


def test_a_single_put_url_is_refused_once_the_upload_is_finalized(local_library):
    data = fake_jpeg(5000)
    created = local_library.create(data)
    plan = created.json["upload"]
    asset_id = created.json["asset_id"]
    assert local_library.put_single(plan, data) == 200
    assert local_library.put_single(plan, data) == 200, "a retry before finalize is fine"
    assert local_library.api("POST", f"/uploads/{asset_id}/finalize").status_code == 200
    replay = local_library.client.put(plan["url"], data=HTML, headers=plan["headers"])
    assert_error(replay, 403, "upload_closed")
    url = local_library.api("GET", f"/assets/{asset_id}/download-url").json["url"]
    assert local_library.client.get(url).get_data() == data


def test_a_put_url_of_an_aborted_upload_leaves_no_orphan(local_library):
    data = fake_jpeg(5000)
    created = local_library.create(data)
    plan = created.json["upload"]
    assert local_library.api("DELETE", f"/uploads/{created.json['asset_id']}").status_code == 204
    assert_error(local_library.client.put(plan["url"], data=data, headers=plan["headers"]), 403)
    root = container_of(local_library.app).config.blob_root
    assert [p for p in root.rglob("*") if p.is_file() and ".tmp" not in p.parts] == []


def test_part_urls_are_refused_after_finalize(library_factory):
    library = library_factory("local", multipart_threshold_bytes=1024 * 1024)
    data = fake_jpeg(9 * 1024 * 1024)
    created = library.create(data)
    asset_id, plan = created.json["asset_id"], created.json["upload"]
    assert plan["type"] == "multipart" and plan["part_count"] == 2
    urls = library.api("POST", f"/uploads/{asset_id}/parts", json={"part_numbers": [1, 2]})
    parts = {p["part_number"]: p["url"] for p in urls.json["parts"]}
    size = plan["part_size"]
    for number, url in parts.items():
        assert library.client.put(url, data=data[(number - 1) * size : number * size]).status_code
    assert library.api("POST", f"/uploads/{asset_id}/finalize").status_code == 200
    assert_error(library.client.put(parts[1], data=b"x" * 100), 403, "upload_closed")


def test_s3_put_urls_sign_the_content_length(library_factory):
    library = library_factory("s3")
    data = fake_jpeg(5000)
    plan = library.create(data).json["upload"]
    signed = parse_qs(urlsplit(plan["url"]).query)["X-Amz-SignedHeaders"][0].split(";")
    assert "content-length" in signed
    # moto does not check signatures; S3 answers 403 SignatureDoesNotMatch to another length.
    assert requests.put(plan["url"], data=data, headers=plan["headers"], timeout=30).ok
