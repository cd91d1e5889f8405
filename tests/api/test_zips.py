"""Zip downloads (SPEC §4b): `POST /assets/zip` and `POST /shares/{token}/zip` answer a signed,
short-lived URL that streams a ZIP64 archive of originals from either store."""

from __future__ import annotations

import hashlib
import io
import uuid
import zipfile
from datetime import UTC, datetime

import pytest

from mediabox.container import container_of
from tests.factories import assert_error, make_album, make_share, sign_up, update_asset
from tests.integration.processing.helpers import small_jpeg


def _zip_of(library, url: str) -> zipfile.ZipFile:
    status, headers, body = library.download(url)
    assert status == 200, body[:300]
    assert headers["Content-Type"] == "application/zip"
    assert headers["Content-Disposition"].startswith("attachment;")
    assert "Content-Length" not in headers, "the archive is streamed, not buffered"
    assert body[:4] == b"PK\x03\x04"
    archive = zipfile.ZipFile(io.BytesIO(body))
    assert archive.testzip() is None
    return archive


def _upload(library, seed: int, name: str) -> tuple[str, bytes]:
    data = small_jpeg(seed)
    return library.upload(data, name)["asset"]["id"], data


def test_the_owner_zips_originals_from_either_store_with_unique_names(library):
    first, first_data = _upload(library, 1, "IMG_0001.jpg")
    second, second_data = _upload(library, 2, "img_0001.JPG")
    third, third_data = _upload(library, 3, "../../etc/IMG_0001.jpg")

    response = library.api("POST", "/assets/zip", json={"asset_ids": [first, second, third]})
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert set(body) == {"url", "expires_at", "count"} and body["count"] == 3
    assert datetime.fromisoformat(body["expires_at"]) > datetime.now(UTC)

    archive = _zip_of(library, body["url"])
    names = archive.namelist()
    assert names == ["IMG_0001.jpg", "img_0001 (2).JPG", "IMG_0001 (3).jpg"]
    for name, data in zip(names, (first_data, second_data, third_data), strict=True):
        assert hashlib.sha256(archive.read(name)).digest() == hashlib.sha256(data).digest()


def test_the_owner_cannot_zip_what_is_not_theirs_or_is_in_the_trash(local_library):
    library = local_library
    mine, _ = _upload(library, 4, "mine.jpg")
    other = sign_up(library.client, "other@example.com")
    theirs = library.client.post(
        "/api/v1/assets/zip", json={"asset_ids": [mine]}, headers=other.bearer
    )
    assert_error(theirs, 404, "asset_not_found")
    update_asset(library.app, uuid.UUID(mine), deleted_at=datetime.now(UTC))
    trashed = library.api("POST", "/assets/zip", json={"asset_ids": [mine]})
    assert_error(trashed, 404, "asset_not_found")
    assert_error(library.api("POST", "/assets/zip", json={"asset_ids": []}), 400)
    anonymous = library.app.test_client()
    assert anonymous.post("/api/v1/assets/zip", json={"asset_ids": [mine]}).status_code == 401


def test_a_zip_url_is_bound_to_its_signature_and_expires(make_app, config):
    from tests.factories import MovableClock, make_asset

    clock = MovableClock()
    app = make_app(config, clock=clock)
    client = app.test_client()
    owner = sign_up(client)
    asset_id = make_asset(app, owner.user["id"])
    created = client.post(
        "/api/v1/assets/zip", json={"asset_ids": [str(asset_id)]}, headers=owner.bearer
    )
    url = created.get_json()["url"]
    assert_error(client.get(url[:-3] + "xyz"), 403, "invalid_zip_ticket")
    assert_error(client.get("/api/v1/assets/zip"), 400)
    clock.advance(seconds=config.signed_url_ttl_seconds + 1)
    assert_error(client.get(url), 403, "invalid_zip_ticket")


def test_a_share_zips_everything_it_shows_and_nothing_else(library):
    ids, datas = [], {}
    for seed, name in enumerate(["b.jpg", "a.jpg", "B.jpg"], start=10):
        asset_id, data = _upload(library, seed, name)
        ids.append(asset_id)
        datas[asset_id] = data
    outside, _ = _upload(library, 20, "outside.jpg")
    album = make_album(library.client, library.account, ids, title="Summer / 2024")
    token = make_share(library.client, library.account, album_id=album, show_location=True)["token"]
    anonymous = library.app.test_client()

    whole = anonymous.post(f"/api/v1/shares/{token}/zip")
    assert whole.status_code == 200, whole.get_json()
    assert whole.json["count"] == 3
    archive = _zip_of(library, whole.json["url"])
    assert archive.namelist() == ["b.jpg", "a.jpg", "B (2).jpg"]
    assert archive.read("a.jpg") == datas[ids[1]]

    picked = anonymous.post(f"/api/v1/shares/{token}/zip", json={"asset_ids": [ids[1]]})
    assert picked.json["count"] == 1
    assert _zip_of(library, picked.json["url"]).namelist() == ["a.jpg"]

    foreign = anonymous.post(f"/api/v1/shares/{token}/zip", json={"asset_ids": [outside]})
    assert_error(foreign, 404, "asset_not_found")
    other_token = make_share(library.client, library.account, asset_id=outside)["token"]
    reused = whole.json["url"].replace(token, other_token)
    assert_error(anonymous.get(reused), 403, "invalid_zip_ticket")


def test_a_share_without_downloads_refuses_zips(local_library):
    library = local_library
    asset_id, _ = _upload(library, 30, "x.jpg")
    token = make_share(library.client, library.account, asset_id=asset_id, show_location=True)[
        "token"
    ]
    url = library.app.test_client().post(f"/api/v1/shares/{token}/zip").json["url"]

    off = make_share(library.client, library.account, asset_id=asset_id, allow_download=False)
    refused = library.app.test_client().post(f"/api/v1/shares/{off['token']}/zip")
    assert_error(refused, 403, "download_disabled")

    patched = library.api("PATCH", f"/shares/{token}", json={"allow_download": False})
    assert patched.status_code == 200
    assert_error(library.client.get(url), 403, "download_disabled")


def test_a_zip_url_stops_working_when_its_link_is_revoked(local_library):
    library = local_library
    asset_id, _ = _upload(library, 31, "y.jpg")
    token = make_share(library.client, library.account, asset_id=asset_id, show_location=True)[
        "token"
    ]
    url = library.app.test_client().post(f"/api/v1/shares/{token}/zip").json["url"]
    assert library.client.get(url).status_code == 200
    assert library.api("POST", f"/shares/{token}/revoke").status_code == 200
    assert_error(library.client.get(url), 410, "share_revoked")


def test_a_password_link_zips_only_after_the_unlock(local_library):
    library = local_library
    asset_id, _ = _upload(library, 32, "z.jpg")
    token = make_share(
        library.client, library.account, asset_id=asset_id, password="s3cret-passphrase"
    )["token"]
    visitor = library.app.test_client()
    assert_error(visitor.post(f"/api/v1/shares/{token}/zip"), 401, "password_required")
    unlocked = visitor.post(
        f"/api/v1/shares/{token}/unlock", json={"password": "s3cret-passphrase"}
    )
    assert unlocked.status_code == 200
    assert visitor.post(f"/api/v1/shares/{token}/zip").status_code == 200


def _rss_bytes() -> int:
    import os

    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


@pytest.mark.slow
def test_a_5_gb_archive_streams_with_bounded_memory(local_library):
    """A sparse 5 GB original in the local store: the first bytes come at once, memory stays
    flat, and the archive ends with a ZIP64 directory that records the full size."""
    from tests.factories import make_asset

    library = local_library
    size = 5 * 1024**3 + 123
    owner = library.account.user["id"]
    asset_id = make_asset(library.app, owner, original_filename="huge.mov", size_bytes=size)
    key = f"u/{owner}/o/2024/05/{asset_id}.jpg"
    path = container_of(library.app).config.blob_root / key
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as sparse:
        sparse.truncate(size)

    url = library.api("POST", "/assets/zip", json={"asset_ids": [str(asset_id)]}).json["url"]
    response = library.client.get(url, buffered=False)
    assert response.status_code == 200
    chunks = iter(response.response)
    first = next(chunks)
    assert first[:4] == b"PK\x03\x04", "the local header goes out before any file data"
    start = _rss_bytes()
    peak, total, tail = start, len(first), b""
    for index, chunk in enumerate(chunks):
        total += len(chunk)
        tail = (tail + chunk)[-4096:]
        if index % 512 == 0:
            peak = max(peak, _rss_bytes())
    response.close()
    assert total > size
    assert peak - start < 64 * 1024**2, f"memory grew by {(peak - start) >> 20} MiB"
    assert b"PK\x06\x06" in tail, "a ZIP64 end of central directory record"
    record = tail[tail.rindex(b"PK\x06\x06") :]
    entries = int.from_bytes(record[32:40], "little")
    assert entries == 1


def test_share_links_point_at_public_share_url_when_it_is_set(make_app, config):
    from tests.factories import make_asset

    app = make_app(
        config.with_overrides(
            public_base_url="https://lan.example.org", public_share_url="https://photos.example.net"
        )
    )
    client = app.test_client()
    account = sign_up(client, "sharer@example.com")
    share = make_share(client, account, asset_id=make_asset(app, account.user["id"]))
    assert share["url"] == f"https://photos.example.net/s/{share['token']}"


def test_public_share_url_is_read_from_the_environment(tmp_path, monkeypatch):
    from mediabox.infra.config import Config

    monkeypatch.setenv("MEDIABOX_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("PUBLIC_SHARE_URL", "https://photos.example.net/")
    assert Config.from_env().public_share_url == "https://photos.example.net"
