"""Share links through the HTTP API: the owner's side and the public side."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from tests.factories import (
    MovableClock,
    assert_error,
    make_album,
    make_asset,
    make_share,
    sign_up,
    update_asset,
)

GPS = {"gps_lat": 59.9386, "gps_lon": 30.3141}


@pytest.fixture
def clock():
    return MovableClock()


@pytest.fixture
def app(make_app, config, clock):
    return make_app(config, clock=clock)


@pytest.fixture
def owner(client):
    return sign_up(client, "owner@example.com")


@pytest.fixture
def stranger(app):
    return sign_up(app.test_client(), "stranger@example.com")


@pytest.fixture
def visitor(app):
    """A browser without an account."""
    return app.test_client()


def _public(visitor, token, suffix="", **kwargs):
    return visitor.get(f"/api/v1/shares/{token}{suffix}", **kwargs)


def _unlock(visitor, token, password):
    return visitor.post(f"/api/v1/shares/{token}/unlock", json={"password": password})


def test_create_asset_share_and_open_it(client, app, owner, visitor):
    asset = make_asset(app, owner.user["id"], original_filename="sea.jpg", **GPS)
    share = make_share(client, owner, asset_id=asset)
    assert len(share["token"]) >= 43 and share["url"] == f"http://localhost/s/{share['token']}"
    assert share["status"] == "active" and share["allow_download"] is True
    assert share["show_location"] is False and share["original_contains_location"] is False
    opened = _public(visitor, share["token"])
    assert opened.status_code == 200, opened.json
    body = opened.json
    assert body["kind"] == "asset" and body["title"] == "sea.jpg"
    assert body["owner_name"] == "owner" and body["asset"]["id"] == str(asset)
    assert body["asset"]["thumb_url"] and body["original_contains_location"] is False
    assert "owner@example.com" not in opened.get_data(as_text=True)


def test_public_base_url_wins_over_the_request_host(make_app, config, owner):
    app = make_app(config.with_overrides(public_base_url="https://photos.example.org"))
    client = app.test_client()
    account = sign_up(client, "second@example.com")
    asset = make_asset(app, account.user["id"])
    share = make_share(client, account, asset_id=asset)
    assert share["url"] == f"https://photos.example.org/s/{share['token']}"


def test_public_responses_do_not_leak_the_token(client, app, owner, visitor):
    share = make_share(client, owner, asset_id=make_asset(app, owner.user["id"]))
    for response in (
        _public(visitor, share["token"]),
        _public(visitor, share["token"], "/assets"),
        _public(visitor, "x" * 43),
        _unlock(visitor, share["token"], "whatever"),
    ):
        assert response.headers["Referrer-Policy"] == "no-referrer"
        assert response.headers["Cache-Control"] == "private, no-store"


def test_album_share_pages_through_visible_assets_including_new_ones(client, app, owner, visitor):
    ids = [make_asset(app, owner.user["id"]) for _ in range(5)]
    album = make_album(client, owner, ids[:4], title="Trip")
    share = make_share(client, owner, album_id=album)
    update_asset(app, ids[1], deleted_at=datetime.now(UTC))
    client.post(
        f"/api/v1/albums/{album}/assets", json={"asset_ids": [str(ids[4])]}, headers=owner.bearer
    )
    opened = _public(visitor, share["token"]).json
    assert opened["kind"] == "album" and opened["album"]["asset_count"] == 4
    assert opened["album"]["cover_thumb_url"] and opened["asset"] is None
    seen, cursor = [], None
    while True:
        query = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = _public(visitor, share["token"], "/assets", query_string=query)
        assert page.status_code == 200, page.json
        seen += [item["id"] for item in page.json["items"]]
        cursor = page.json["next_cursor"]
        if not cursor:
            break
    assert seen == [str(i) for i in (ids[0], ids[2], ids[3], ids[4])]
    hidden = _public(
        visitor, share["token"], "/download-url", query_string={"asset_id": str(ids[1])}
    )
    assert_error(hidden, 404)


def test_download_urls_follow_allow_download_live(client, app, owner, visitor):
    asset = make_asset(app, owner.user["id"])
    share = make_share(client, owner, asset_id=asset)
    query = {"asset_id": str(asset), "kind": "original"}
    ok = _public(visitor, share["token"], "/download-url", query_string=query)
    assert ok.status_code == 200 and ok.json["url"] and ok.json["expires_at"]
    client.patch(
        f"/api/v1/shares/{share['token']}", json={"allow_download": False}, headers=owner.bearer
    )
    refused = _public(visitor, share["token"], "/download-url", query_string=query)
    assert_error(refused, 403, "download_disabled")
    thumb = _public(
        visitor, share["token"], "/download-url", query_string={**query, "kind": "thumb"}
    )
    assert thumb.status_code == 200
    assert_error(
        _public(visitor, share["token"], "/download-url", query_string={**query, "kind": "x"}), 400
    )
    opened = _public(visitor, share["token"]).json
    assert opened["allow_download"] is False and opened["original_contains_location"] is False


@pytest.mark.parametrize("show_location", [False, True])
def test_gps_only_when_show_location(client, app, owner, visitor, show_location):
    asset = make_asset(app, owner.user["id"], **GPS)
    album = make_album(client, owner, [asset])
    carrying = []
    for target in ({"asset_id": asset}, {"album_id": album}):
        share = make_share(client, owner, show_location=show_location, **target)
        opened = _public(visitor, share["token"]).get_data(as_text=True)
        listed = _public(visitor, share["token"], "/assets").get_data(as_text=True)
        carrying += [opened, listed] if "asset_id" in target else [listed]
        if not show_location:
            for text in (opened, listed):
                assert "59.9" not in text and "30.3" not in text, text
    if show_location:
        for text in carrying:
            assert '"gps_lat":59.9386' in text and '"gps_lon":30.3141' in text, text


def test_password_link_shows_nothing_before_unlock(client, app, owner, visitor):
    asset = make_asset(app, owner.user["id"], original_filename="secret-name.jpg")
    album = make_album(client, owner, [asset], title="Secret title")
    share = make_share(client, owner, album_id=album, password="open sesame")
    assert share["has_password"] is True and "open sesame" not in json.dumps(share)
    token = share["token"]
    for suffix, query in (("", None), ("/assets", None), ("/download-url", {"asset_id": asset})):
        response = _public(visitor, token, suffix, query_string=query)
        assert_error(response, 401, "password_required")
        text = response.get_data(as_text=True)
        assert "Secret title" not in text and "secret-name" not in text and "blobs" not in text
    assert_error(_unlock(visitor, token, "wrong one"), 401, "wrong_password")
    unlocked = _unlock(visitor, token, "open sesame")
    assert unlocked.status_code == 200
    set_cookie = unlocked.headers["Set-Cookie"]
    assert "HttpOnly" in set_cookie and f"Path=/api/v1/shares/{token}" in set_cookie
    opened = _public(visitor, token)
    assert opened.status_code == 200 and opened.json["title"] == "Secret title"
    header_only = app.test_client()
    credential = unlocked.json["credential"]
    by_header = _public(header_only, token, headers={"X-Share-Credential": credential})
    assert by_header.status_code == 200


def test_password_only_travels_in_the_body(client, app, owner, visitor):
    share = make_share(
        client, owner, asset_id=make_asset(app, owner.user["id"]), password="pass word"
    )
    url = f"/api/v1/shares/{share['token']}/unlock?password=pass%20word"
    assert_error(visitor.post(url), 400)
    assert_error(_public(visitor, share["token"], query_string={"password": "pass word"}), 401)


def test_credential_unlocks_only_its_own_link(client, app, owner, visitor):
    asset = make_asset(app, owner.user["id"])
    one = make_share(client, owner, asset_id=asset, password="same password")
    two = make_share(client, owner, asset_id=asset, password="same password")
    credential = _unlock(visitor, one["token"], "same password").json["credential"]
    other = _public(app.test_client(), two["token"], headers={"X-Share-Credential": credential})
    assert_error(other, 401, "invalid_credential")


def test_password_change_ends_open_credentials(client, app, owner, visitor):
    share = make_share(
        client, owner, asset_id=make_asset(app, owner.user["id"]), password="first pass"
    )
    credential = _unlock(visitor, share["token"], "first pass").json["credential"]
    headers = {"X-Share-Credential": credential}
    assert _public(visitor, share["token"], headers=headers).status_code == 200
    client.patch(
        f"/api/v1/shares/{share['token']}", json={"password": "second pass"}, headers=owner.bearer
    )
    assert_error(_public(visitor, share["token"], headers=headers), 401, "invalid_credential")
    assert _unlock(visitor, share["token"], "second pass").status_code == 200


def test_credential_is_short_lived(client, app, owner, visitor, clock):
    share = make_share(
        client, owner, asset_id=make_asset(app, owner.user["id"]), password="pw12pw12"
    )
    credential = _unlock(visitor, share["token"], "pw12pw12").json["credential"]
    clock.advance(hours=2)
    response = _public(visitor, share["token"], headers={"X-Share-Credential": credential})
    assert_error(response, 401, "invalid_credential")


def test_wrong_passwords_are_rate_limited_per_link_and_client(client, app, owner, visitor):
    asset = make_asset(app, owner.user["id"])
    share = make_share(client, owner, asset_id=asset, password="right one")
    other = make_share(client, owner, asset_id=asset, password="right one")
    for _ in range(5):
        assert_error(_unlock(visitor, share["token"], "wrong"), 401)
    limited = _unlock(visitor, share["token"], "right one")
    assert_error(limited, 429, "rate_limited")
    assert limited.headers["Referrer-Policy"] == "no-referrer"
    assert _unlock(visitor, other["token"], "right one").status_code == 200
    elsewhere = visitor.post(
        f"/api/v1/shares/{share['token']}/unlock",
        json={"password": "right one"},
        environ_base={"REMOTE_ADDR": "10.0.0.9"},
    )
    assert elsewhere.status_code == 200


def test_revoked_and_expired_links_answer_410(client, app, owner, visitor, clock):
    asset = make_asset(app, owner.user["id"])
    expiring = make_share(
        client, owner, asset_id=asset, expires_at=(clock() + timedelta(hours=1)).isoformat()
    )
    revoked = make_share(client, owner, asset_id=asset)
    response = client.post(f"/api/v1/shares/{revoked['token']}/revoke", headers=owner.bearer)
    assert response.status_code == 200 and response.json["status"] == "revoked"
    assert_error(_public(visitor, revoked["token"]), 410, "share_revoked")
    assert _public(visitor, expiring["token"]).status_code == 200
    clock.advance(hours=1, seconds=1)
    assert_error(_public(visitor, expiring["token"]), 410, "share_expired")
    assert_error(_public(visitor, "A" * 43), 404, "share_not_found")
    statuses = {
        s["token"]: s["status"]
        for s in client.get("/api/v1/shares", headers=owner.bearer).json["items"]
    }
    assert statuses == {expiring["token"]: "expired", revoked["token"]: "revoked"}


def test_trashed_asset_share_is_410_until_restored(client, app, owner, visitor):
    asset = make_asset(app, owner.user["id"])
    share = make_share(client, owner, asset_id=asset)
    update_asset(app, asset, deleted_at=datetime.now(UTC))
    assert_error(_public(visitor, share["token"]), 410, "share_unavailable")
    update_asset(app, asset, deleted_at=None)
    assert _public(visitor, share["token"]).status_code == 200


def test_expiry_must_be_future_and_aware(client, app, owner, clock):
    asset = str(make_asset(app, owner.user["id"]))
    past = (clock() - timedelta(minutes=1)).isoformat()
    body = {"asset_id": asset, "expires_at": past}
    assert_error(client.post("/api/v1/shares", json=body, headers=owner.bearer), 400)
    naive = {"asset_id": asset, "expires_at": "2099-01-01T00:00:00"}
    assert_error(client.post("/api/v1/shares", json=naive, headers=owner.bearer), 400)
    both = {"asset_id": asset, "album_id": asset}
    assert_error(client.post("/api/v1/shares", json=both, headers=owner.bearer), 400)
    assert_error(client.post("/api/v1/shares", json={}, headers=owner.bearer), 400)


def test_editing_never_extends_life_unless_asked(client, app, owner, clock):
    asset = make_asset(app, owner.user["id"])
    expires = clock() + timedelta(hours=1)
    share = make_share(client, owner, asset_id=asset, expires_at=expires.isoformat())
    url = f"/api/v1/shares/{share['token']}"
    edited = client.patch(url, json={"allow_download": False}, headers=owner.bearer)
    assert datetime.fromisoformat(edited.json["expires_at"]) == expires
    later = clock() + timedelta(days=3)
    extended = client.patch(url, json={"expires_at": later.isoformat()}, headers=owner.bearer)
    assert datetime.fromisoformat(extended.json["expires_at"]) == later
    client.post(url + "/revoke", headers=owner.bearer)
    assert_error(client.patch(url, json={"show_location": True}, headers=owner.bearer), 409)


def test_max_views_counts_opens(client, app, owner, visitor):
    asset = make_asset(app, owner.user["id"])
    album = make_album(client, owner, [asset])
    share = make_share(client, owner, album_id=album, max_views=2)
    assert visitor.head(f"/api/v1/shares/{share['token']}").status_code == 401, "HEAD: no view"
    first = _public(visitor, share["token"])
    assert first.status_code == 200 and first.json["credential"]["credential"]
    assert _public(visitor, share["token"]).status_code == 200, "a reload costs no view"
    assert _public(app.test_client(), share["token"]).status_code == 200, "a second visitor"
    assert _public(visitor, share["token"], "/assets").status_code == 200, "the viewer browses"
    assert_error(_public(app.test_client(), share["token"]), 410, "share_view_limit")
    assert _public(visitor, share["token"]).status_code == 200, "a counted view lasts its TTL"
    assert_error(_public(app.test_client(), share["token"], "/assets"), 410)
    listed = client.get("/api/v1/shares", headers=owner.bearer).json["items"][0]
    assert listed["view_count"] == 2 and listed["status"] == "expired"


def test_user_data_is_json_never_markup(client, app, owner, visitor):
    title = '<script>alert("x")</script>'
    album = make_album(
        client, owner, [make_asset(app, owner.user["id"], original_filename="<img>.jpg")], title
    )
    share = make_share(client, owner, album_id=album)
    response = _public(visitor, share["token"])
    assert response.mimetype == "application/json"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'none'" in response.headers["Content-Security-Policy"]
    assert response.json["title"] == title


@pytest.mark.parametrize(
    ("method", "suffix", "body"),
    [("patch", "", {"allow_download": False}), ("post", "/revoke", None)],
)
def test_owner_endpoints_of_another_user_are_404(
    client, app, owner, stranger, method, suffix, body
):
    share = make_share(client, owner, asset_id=make_asset(app, owner.user["id"]))
    other = app.test_client()
    response = getattr(other, method)(
        f"/api/v1/shares/{share['token']}{suffix}", json=body, headers=stranger.bearer
    )
    assert_error(response, 404)
    assert other.get("/api/v1/shares", headers=stranger.bearer).json["items"] == []
    assert client.get("/api/v1/shares", headers=owner.bearer).json["items"][0]["status"] == (
        "active"
    )


def test_cannot_share_what_is_not_mine(client, app, owner, stranger):
    theirs = make_asset(app, stranger.user["id"])
    their_album = make_album(app.test_client(), stranger, [theirs])
    for body in ({"asset_id": str(theirs)}, {"album_id": their_album}):
        assert_error(client.post("/api/v1/shares", json=body, headers=owner.bearer), 404)
    trashed = make_asset(app, owner.user["id"], deleted_at=datetime.now(UTC))
    body = {"asset_id": str(trashed)}
    assert_error(client.post("/api/v1/shares", json=body, headers=owner.bearer), 404)


def test_deleting_the_album_ends_its_links(client, app, owner, visitor):
    album = make_album(client, owner, [make_asset(app, owner.user["id"])])
    share = make_share(client, owner, album_id=album)
    client.delete(f"/api/v1/albums/{album}", headers=owner.bearer)
    assert_error(_public(visitor, share["token"]), 404)
