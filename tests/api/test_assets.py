"""The library API: pagination, filters, edits, trash, purge, bulk, signed URLs, ownership."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from mediabox.container import container_of
from mediabox.domain.models import Album, AlbumAsset, AssetTag, Tag
from mediabox.infra.db import db
from tests.api.test_uploads import fake_jpeg
from tests.factories import assert_error, sign_up
from tests.fixtures.storage import insert_assets

T0 = datetime(2024, 1, 1, tzinfo=UTC)


def _all_pages(library, path: str, limit: int) -> list[str]:
    seen, cursor = [], None
    sep = "&" if "?" in path else "?"
    while True:
        url = f"{path}{sep}limit={limit}" + (f"&cursor={cursor}" if cursor else "")
        page = library.api("GET", url)
        assert page.status_code == 200, page.json
        seen += [item["id"] for item in page.json["items"]]
        cursor = page.json["next_cursor"]
        if cursor is None:
            return seen


def _owner(library) -> uuid.UUID:
    return uuid.UUID(library.account.user["id"])


def test_pages_are_newest_first_and_stable_with_equal_timestamps(local_library):
    same = insert_assets(local_library.app, _owner(local_library), 25, captured_at=T0)
    newer = insert_assets(
        local_library.app,
        _owner(local_library),
        5,
        captured_at=lambda i: T0 + timedelta(days=i + 1),
    )
    seen = _all_pages(local_library, "/assets", 7)
    assert len(seen) == 30 and len(set(seen)) == 30
    assert seen[:5] == [str(i) for i in reversed(newer)]
    assert seen[5:] == sorted((str(i) for i in same), key=lambda s: uuid.UUID(s), reverse=True)


def test_inserts_during_paging_neither_skip_nor_repeat(local_library):
    owner = _owner(local_library)
    original = insert_assets(local_library.app, owner, 20, captured_at=T0)
    first = local_library.api("GET", "/assets?limit=8").json
    insert_assets(local_library.app, owner, 3, captured_at=T0 + timedelta(days=1))
    insert_assets(local_library.app, owner, 3, captured_at=T0)
    seen = [item["id"] for item in first["items"]]
    cursor = first["next_cursor"]
    while cursor:
        page = local_library.api("GET", f"/assets?limit=8&cursor={cursor}").json
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
    assert len(seen) == len(set(seen))
    assert {str(i) for i in original} <= set(seen)


def test_limit_and_cursor_are_validated(local_library):
    for query in ("limit=0", "limit=501", "limit=abc", "cursor=%%%", "cursor=WyJ4Il0", "bogus=1"):
        assert_error(local_library.api("GET", f"/assets?{query}"), 400)
    naive = "WyIyMDI0LTAxLTAxVDAwOjAwOjAwIiwiMDAwMDAwMDAtMDAwMC0wMDAwLTAwMDAtMDAwMDAwMDAwMDAwIl0"
    assert_error(local_library.api("GET", f"/assets?cursor={naive}"), 400)
    assert local_library.api("GET", "/assets?limit=500").status_code == 200


def test_filters(local_library):
    app, owner = local_library.app, _owner(local_library)
    photos = insert_assets(app, owner, 3, captured_at=lambda i: T0 + timedelta(days=i))
    videos = insert_assets(
        app, owner, 2, type="video", content_type="video/mp4", original_filename="Beach_Day.mp4"
    )
    favourite = insert_assets(app, owner, 1, is_favorite=True, captured_at=T0 - timedelta(days=9))
    with app.app_context():
        tag = Tag(owner_id=owner, name="Holiday", name_key="holiday")
        album = Album(owner_id=owner, title="Trip")
        db.session.add_all([tag, album])
        db.session.flush()
        db.session.add(AssetTag(asset_id=photos[0], tag_id=tag.id))
        db.session.add(AlbumAsset(album_id=album.id, asset_id=videos[0], position=1))
        db.session.commit()
        album_id = album.id

    def ids(query: str) -> set[str]:
        response = local_library.api("GET", f"/assets?{query}")
        assert response.status_code == 200, response.json
        return {item["id"] for item in response.json["items"]}

    as_str = lambda values: {str(v) for v in values}  # noqa: E731
    assert ids("type=video") == as_str(videos)
    assert ids("favorite=true") == as_str(favourite)
    assert ids("tag=HOLIDAY") == as_str(photos[:1])
    assert ids(f"album_id={album_id}") == as_str(videos[:1])
    assert ids("q=beach_") == as_str(videos)
    assert ids("q=%25") == set()
    assert ids("date_from=2024-01-02&date_to=2024-01-03") == as_str(photos[1:3])
    assert ids("date_to=2023-12-31") == as_str(favourite)

    other = sign_up(local_library.client, "other@example.com")
    response = local_library.client.get(f"/api/v1/assets?album_id={album_id}", headers=other.bearer)
    assert_error(response, 404)


def test_get_patch_trash_restore(local_library):
    asset_id = local_library.upload(fake_jpeg(2048))["asset"]["id"]
    got = local_library.api("GET", f"/assets/{asset_id}")
    assert got.status_code == 200 and got.json["id"] == asset_id

    patched = local_library.api(
        "PATCH",
        f"/assets/{asset_id}",
        json={"is_favorite": True, "description": "hi", "captured_at": "2001-02-03T04:05:06Z"},
    ).json
    assert patched["is_favorite"] and patched["description"] == "hi"
    assert patched["captured_at"].startswith("2001-02-03T04:05:06")
    cleared = local_library.api("PATCH", f"/assets/{asset_id}", json={"captured_at": None}).json
    assert not cleared["captured_at"].startswith("2001")
    assert_error(local_library.api("PATCH", f"/assets/{asset_id}", json={"owner_id": "x"}), 400)
    bad_time = {"captured_at": "2001-02-03T04:05:06"}
    assert_error(local_library.api("PATCH", f"/assets/{asset_id}", json=bad_time), 400)

    trashed = local_library.api("DELETE", f"/assets/{asset_id}")
    assert trashed.status_code == 200 and trashed.json["status"] == "deleted"
    assert local_library.api("GET", "/assets").json["items"] == []
    assert [i["id"] for i in local_library.api("GET", "/trash").json["items"]] == [asset_id]
    restored = local_library.api("POST", f"/assets/{asset_id}/restore").json
    assert restored["status"] == "ready" and restored["deleted_at"] is None
    assert local_library.api("GET", "/trash").json["items"] == []


def test_purge_deletes_every_stored_file(library):
    asset_id = library.upload(fake_jpeg(2048))["asset"]["id"]
    store = container_of(library.app).blob_store
    owner = library.account.user["id"]
    thumb = f"u/{owner}/t/2024/01/{asset_id}.jpg"
    store.put_file(thumb, __import__("io").BytesIO(b"thumb"), "image/jpeg")
    with library.app.app_context():
        asset = container_of(library.app).assets.assets.get(uuid.UUID(asset_id))
        asset.storage_key_thumb = thumb
        original = asset.storage_key_original
        db.session.commit()
    assert library.api("DELETE", f"/assets/{asset_id}/purge").status_code == 204
    assert store.head(thumb) is None and store.head(original) is None
    assert_error(library.api("GET", f"/assets/{asset_id}"), 404)
    again = library.upload(fake_jpeg(2048))
    assert "asset" in again


def test_thumb_urls_are_stable_between_listings(local_library):
    owner = _owner(local_library)
    asset_id = uuid.uuid4()
    insert_assets(
        local_library.app, owner, 1, storage_key_thumb=f"u/{owner}/t/2024/01/{asset_id}.jpg"
    )
    first = local_library.api("GET", "/assets").json["items"][0]["thumb_url"]
    second = local_library.api("GET", "/assets").json["items"][0]["thumb_url"]
    assert first and first == second


def test_download_url_kinds(local_library):
    asset_id = local_library.upload(fake_jpeg(2048))["asset"]["id"]
    assert_error(
        local_library.api("GET", f"/assets/{asset_id}/download-url?kind=thumb"),
        404,
        "file_not_ready",
    )
    assert_error(local_library.api("GET", f"/assets/{asset_id}/download-url?kind=evil"), 400)
    assert_error(local_library.api("GET", f"/assets/{asset_id}/stream-url"), 400, "not_a_video")


def test_bulk_actions(local_library):
    owner = _owner(local_library)
    mine = insert_assets(local_library.app, owner, 4)
    other = sign_up(local_library.client, "other@example.com")
    theirs = insert_assets(local_library.app, uuid.UUID(other.user["id"]), 1)

    def bulk(action: str, ids) -> dict:
        response = local_library.api(
            "POST", "/assets/bulk", json={"action": action, "asset_ids": [str(i) for i in ids]}
        )
        assert response.status_code == 200, response.json
        return response.json

    result = bulk("favorite", mine + theirs)
    assert set(result["done"]) == {str(i) for i in mine}
    assert result["not_found"] == [str(theirs[0])]
    assert len(_all_pages(local_library, "/assets?favorite=true", 10)) == 4
    assert len(bulk("trash", mine[:3])["done"]) == 3
    assert len(_all_pages(local_library, "/trash", 10)) == 3
    assert len(bulk("restore", mine[:1])["done"]) == 1
    assert len(bulk("purge", mine[1:2])["done"]) == 1
    assert len(_all_pages(local_library, "/assets", 10)) == 2
    too_many = [str(uuid.uuid4()) for _ in range(1001)]
    response = local_library.api(
        "POST", "/assets/bulk", json={"action": "trash", "asset_ids": too_many}
    )
    assert_error(response, 400)
    bad = local_library.api(
        "POST", "/assets/bulk", json={"action": "nuke", "asset_ids": too_many[:1]}
    )
    assert_error(bad, 400)
    theirs_still = local_library.client.get(f"/api/v1/assets/{theirs[0]}", headers=other.bearer)
    assert theirs_still.status_code == 200 and theirs_still.json["is_favorite"] is False


def test_empty_trash_and_retention_purge(local_library):
    owner = _owner(local_library)
    keep = insert_assets(local_library.app, owner, 2)
    old = insert_assets(local_library.app, owner, 2, deleted_at=T0)
    recent = insert_assets(local_library.app, owner, 1, deleted_at=datetime.now(UTC))
    assets = container_of(local_library.app).assets
    with local_library.app.app_context():
        assert assets.purge_expired_trash() == 2
    assert _all_pages(local_library, "/trash", 10) == [str(recent[0])]
    emptied = local_library.api("DELETE", "/trash")
    assert emptied.status_code == 200 and emptied.json == {"purged": 1}
    assert set(_all_pages(local_library, "/assets", 10)) == {str(i) for i in keep}
    assert old


def test_every_asset_endpoint_of_another_user_is_not_found(local_library):
    asset_id = local_library.upload(fake_jpeg(2048))["asset"]["id"]
    other = sign_up(local_library.client, "intruder@example.com")
    for method, path, body in (
        ("GET", f"/assets/{asset_id}", None),
        ("PATCH", f"/assets/{asset_id}", {"is_favorite": True}),
        ("DELETE", f"/assets/{asset_id}", None),
        ("POST", f"/assets/{asset_id}/restore", None),
        ("DELETE", f"/assets/{asset_id}/purge", None),
        ("GET", f"/assets/{asset_id}/download-url", None),
        ("GET", f"/assets/{asset_id}/stream-url", None),
    ):
        response = local_library.client.open(
            f"/api/v1{path}", method=method, json=body, headers=other.bearer
        )
        assert_error(response, 404)
    assert local_library.client.get("/api/v1/assets", headers=other.bearer).json["items"] == []
    still = local_library.api("GET", f"/assets/{asset_id}").json
    assert still["is_favorite"] is False and still["deleted_at"] is None


def test_assets_require_authentication(client):
    assert_error(client.get("/api/v1/assets"), 401)
    assert_error(client.get("/api/v1/trash"), 401)
