"""`max_views` cannot be bypassed through the unlock (issue 9, item 2)."""

from __future__ import annotations

import pytest

from tests.factories import assert_error, make_album, make_asset, make_share, sign_up

PASSWORD = "a long share password"


@pytest.fixture
def owner(client):
    return sign_up(client, "owner@example.com")


def _unlock(client, token, password=PASSWORD):
    return client.post(f"/api/v1/shares/{token}/unlock", json={"password": password})


def _views(client, owner) -> int:
    return client.get("/api/v1/shares", headers=owner.bearer).json["items"][0]["view_count"]


def _download(client, token, asset, credential=None):
    headers = {"X-Share-Credential": credential} if credential else {}
    query = {"asset_id": str(asset), "kind": "original"}
    return client.get(f"/api/v1/shares/{token}/download-url", query_string=query, headers=headers)


def test_a_link_without_password_does_not_unlock(app, client, owner):
    asset = make_asset(app, owner.user["id"])
    for extra in ({}, {"max_views": 1}):
        token = make_share(client, owner, asset_id=asset, **extra)["token"]
        response = _unlock(app.test_client(), token, "anything at all")
        assert_error(response, 409, "share_not_locked")
        assert "share_credential" not in response.headers.get("Set-Cookie", "")


def test_used_up_views_refuse_everything_to_a_new_visitor(app, client, owner):
    asset = make_asset(app, owner.user["id"])
    album = make_album(client, owner, [asset])
    token = make_share(client, owner, album_id=album, max_views=1)["token"]
    assert app.test_client().get(f"/api/v1/shares/{token}").status_code == 200
    late = app.test_client()
    assert_error(_unlock(late, token, "anything at all"), 409, "share_not_locked")
    assert_error(late.get(f"/api/v1/shares/{token}"), 410, "share_view_limit")
    assert_error(late.get(f"/api/v1/shares/{token}/assets"), 410, "share_view_limit")
    assert_error(_download(late, token, asset), 410, "share_view_limit")
    assert _views(client, owner) == 1


def test_unlocking_a_password_link_with_max_views_costs_one_view(app, client, owner):
    asset = make_asset(app, owner.user["id"])
    album = make_album(client, owner, [asset])
    token = make_share(client, owner, album_id=album, password=PASSWORD, max_views=1)["token"]
    friend = app.test_client()
    assert_error(_unlock(friend, token, "not the password"), 401, "wrong_password")
    assert _views(client, owner) == 0, "a wrong password costs no view"
    credential = _unlock(friend, token).json["credential"]
    assert _views(client, owner) == 1
    headers = {"X-Share-Credential": credential}
    assert friend.get(f"/api/v1/shares/{token}", headers=headers).status_code == 200
    assert friend.get(f"/api/v1/shares/{token}/assets", headers=headers).status_code == 200
    assert _download(friend, token, asset, credential).status_code == 200
    assert _views(client, owner) == 1, "the unlocked visitor's own view is not counted twice"
    stranger = app.test_client()
    assert_error(_unlock(stranger, token), 410, "share_view_limit")
    assert_error(stranger.get(f"/api/v1/shares/{token}/assets"), 401)
    assert_error(_download(stranger, token, asset), 401)
    assert _views(client, owner) == 1
