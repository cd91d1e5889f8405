"""App surfaces: the share surface serves only what a friend's browser needs (SPEC §4b), documents
only that, and builds no queue, jobs or owner services."""

from __future__ import annotations

import dataclasses
import re
import uuid

import pytest

from mediabox.api.openapi import build_openapi
from mediabox.container import Container, ShareContainer, build_container, container_of
from tests.factories import owner_file_url, share_token, upload_photo

PUBLIC_ENDPOINTS = {
    "public_shares.open_share",
    "public_shares.unlock_share",
    "public_shares.list_share_assets",
    "public_shares.share_download_url",
    "public_shares.create_share_zip",
    "public_shares.download_share_zip",
    "share_page.share_page",
}
ARGUMENT = re.compile(r"<(?:[^:<>]+:)?([^<>]+)>")


@pytest.fixture
def share_app(make_app, local_library):
    """The share surface over the same database, store and secrets as `local_library`."""
    return make_app(container_of(local_library.app).config, surface="share")


def test_the_share_app_answers_404_to_every_rule_of_the_full_app_but_the_public_ones(
    local_library, share_app
):
    library = local_library
    private = upload_photo(library, 1)
    shared = upload_photo(library, 2)
    token = share_token(library, asset_id=shared)
    blob_url = owner_file_url(library, private)
    values = {"token": token, "key": blob_url.split("/api/v1/blobs/", 1)[1]}

    client = share_app.test_client()
    client.set_cookie("access_token_cookie", library.account.access_token)
    checked = public = 0
    for rule in library.app.url_map.iter_rules():
        path = ARGUMENT.sub(lambda m: values.get(m.group(1), private), rule.rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            response = client.open(path, method=method, json={}, headers=library.headers)
            if rule.endpoint in PUBLIC_ENDPOINTS:
                public += 1
                assert response.status_code != 404, (method, path, response.get_json())
            else:
                checked += 1
                assert response.status_code == 404, (method, path, response.status_code)
                assert response.get_json()["error"]["code"] == "not_found"
    assert public == len(PUBLIC_ENDPOINTS)
    assert checked >= 45
    assert client.get("/api/v1/openapi.json").status_code == 404
    assert client.get("/api/docs").status_code == 404
    assert client.get("/api/v1/health").status_code == 404


def test_the_share_surface_documents_only_public_routes(local_library, share_app):
    full = build_openapi(local_library.app)
    shared = build_openapi(share_app)
    assert shared["paths"], "the share surface documents its public API"
    assert set(shared["paths"]) == {
        "/api/v1/shares/{token}",
        "/api/v1/shares/{token}/unlock",
        "/api/v1/shares/{token}/assets",
        "/api/v1/shares/{token}/download-url",
        "/api/v1/shares/{token}/zip",
    }
    for path, methods in shared["paths"].items():
        for method, operation in methods.items():
            assert operation["tags"] == ["public_shares"], (method, path)
            assert "security" not in operation
    assert {"/api/v1/auth/login", "/api/v1/assets", "/api/v1/shares"} <= set(full["paths"])
    assert (
        shared["paths"]["/api/v1/shares/{token}"]["get"]
        == (full["paths"]["/api/v1/shares/{token}"]["get"])
    )
    assert "patch" in full["paths"]["/api/v1/shares/{token}"]


def test_a_library_blob_url_answers_404_on_the_share_surface_until_a_live_link_shows_it(
    local_library, share_app
):
    library = local_library
    client = share_app.test_client()
    asset_id = upload_photo(library, 3)
    library_url = owner_file_url(library, asset_id)
    assert library.download(library_url)[0] == 200
    assert client.get(library_url).status_code == 404

    no_download = share_token(library, asset_id=asset_id, allow_download=False)
    assert client.get(library_url).status_code == 404, "originals need a link that allows it"

    # an unprocessed original may hold a location: only a link that shows it hands it out
    token = share_token(library, asset_id=asset_id, show_location=True)
    response = client.get(f"/api/v1/shares/{token}/download-url?asset_id={asset_id}&kind=original")
    assert response.status_code == 200
    shared_url = response.json["url"]
    got = client.get(shared_url)
    assert got.status_code == 200 and got.data == library.download(library_url)[2]
    assert got.headers["Content-Security-Policy"] == "sandbox"
    assert client.put(shared_url, data=b"x").status_code == 404, "no uploads on the gateway"

    assert library.api("POST", f"/shares/{token}/revoke").status_code == 200
    assert client.get(shared_url).status_code == 404
    library.api("POST", f"/shares/{no_download}/revoke")


def test_blobs_of_album_links_follow_membership_trash_and_expiry(local_library, share_app):
    library = local_library
    client = share_app.test_client()
    member, outsider = upload_photo(library, 4), upload_photo(library, 5)
    album = library.api("POST", "/albums", json={"title": "Trip"}).json["id"]
    library.api("POST", f"/albums/{album}/assets", json={"asset_ids": [member]})
    share_token(library, album_id=album)
    member_url, outsider_url = owner_file_url(library, member), owner_file_url(library, outsider)
    assert client.get(member_url).status_code == 200
    assert client.get(outsider_url).status_code == 404
    assert client.get(member_url + "x").status_code in (403, 404)

    assert library.api("DELETE", f"/assets/{member}").status_code in (200, 204)
    assert client.get(member_url).status_code == 404, "a trashed asset is no longer shown"


def test_a_tampered_or_unsigned_blob_url_is_refused_on_the_share_surface(local_library, share_app):
    library = local_library
    client = share_app.test_client()
    asset_id = upload_photo(library, 6)
    token = share_token(library, asset_id=asset_id, show_location=True)
    url = client.get(f"/api/v1/shares/{token}/download-url?asset_id={asset_id}&kind=original").json[
        "url"
    ]
    assert client.get(url.split("?", 1)[0]).status_code == 403
    assert (
        client.get(f"/api/v1/blobs/u/{uuid.uuid4()}/o/2024/01/{uuid.uuid4()}.jpg").status_code
        == 404
    )
    assert client.get("/api/v1/blobs/../../etc/passwd").status_code == 404


def test_the_share_surface_builds_no_queue_jobs_or_owner_services(local_library, share_app):
    shared = container_of(share_app)
    assert type(shared) is ShareContainer and not isinstance(shared, Container)
    assert {f.name for f in dataclasses.fields(shared)} == {
        "config",
        "clock",
        "blob_store",
        "media_urls",
        "public_shares",
    }
    assert "jwt" not in {name.split(".")[0] for name in share_app.extensions}
    with pytest.raises(ValueError):
        build_container(shared.config, surface="share", enqueue=lambda _asset_id: None)
    with pytest.raises(ValueError):
        build_container(shared.config, surface="desktop")


def test_the_full_container_is_built_whole_and_frozen(local_library):
    container = container_of(local_library.app)
    assert type(container) is Container
    for field in dataclasses.fields(container):
        assert getattr(container, field.name) is not None, field.name
    assert container.enqueue_processing is local_library.enqueued
    assert container.uploads.enqueue is local_library.enqueued
    assert container.processing.enqueue is local_library.enqueued
    with pytest.raises(dataclasses.FrozenInstanceError):
        container.enqueue_processing = print
