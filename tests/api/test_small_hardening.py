"""The smaller items of issue 9 (item 13): refresh grace, disabled owners, ranges, blob headers."""

from __future__ import annotations

import pytest

from mediabox.container import container_of
from tests.api.test_uploads import fake_jpeg
from tests.factories import MovableClock, assert_error, make_asset, make_share, sign_up


@pytest.fixture
def clock():
    return MovableClock()


def _refresh(client, token):
    return client.post("/api/v1/auth/refresh", json={"refresh_token": token})


def test_two_tabs_refreshing_at_once_stay_signed_in(make_app, config, clock):
    app = make_app(config, clock=clock)
    client = app.test_client()
    account = sign_up(client)
    first = _refresh(client, account.refresh_token)
    clock.advance(seconds=2)
    second = _refresh(client, account.refresh_token)
    assert first.status_code == second.status_code == 200, second.json
    assert first.json["refresh_token"] != second.json["refresh_token"]
    assert _refresh(client, first.json["refresh_token"]).status_code == 200
    assert _refresh(client, second.json["refresh_token"]).status_code == 200


def test_a_replay_after_the_grace_still_ends_the_session(make_app, config, clock):
    app = make_app(config, clock=clock)
    client = app.test_client()
    account = sign_up(client)
    rotated = _refresh(client, account.refresh_token).json["refresh_token"]
    clock.advance(seconds=6)
    assert_error(_refresh(client, account.refresh_token), 401, "token_reused")
    assert_error(_refresh(client, rotated), 401, "session_revoked")


def test_a_disabled_owners_links_stop_working(app, client):
    owner = sign_up(client, "owner@example.com")
    token = make_share(client, owner, asset_id=make_asset(app, owner.user["id"]))["token"]
    visitor = app.test_client()
    assert visitor.get(f"/api/v1/shares/{token}").status_code == 200
    with app.app_context():
        container_of(app).users.set_active("owner@example.com", False)
    for suffix in ("", "/assets"):
        assert_error(visitor.get(f"/api/v1/shares/{token}{suffix}"), 410, "share_unavailable")
    with app.app_context():
        container_of(app).users.set_active("owner@example.com", True)
    assert visitor.get(f"/api/v1/shares/{token}").status_code == 200


@pytest.fixture
def blob_url(local_library):
    data = fake_jpeg(4000)
    asset = local_library.upload(data)["asset"]
    url = local_library.api("GET", f"/assets/{asset['id']}/download-url").json["url"]
    return local_library.client, url, data


def test_multiple_ranges_answer_416(blob_url):
    client, url, data = blob_url
    single = client.get(url, headers={"Range": "bytes=0-9"})
    assert single.status_code == 206 and single.get_data() == data[:10]
    multi = client.get(url, headers={"Range": "bytes=0-9,20-29"})
    assert multi.status_code == 416
    assert multi.headers["Content-Range"] == f"bytes */{len(data)}"


def test_blob_responses_are_private_and_same_origin(blob_url):
    client, url, _data = blob_url
    for headers in ({}, {"Range": "bytes=0-9"}, {"Range": "bytes=0-9,20-29"}):
        response = client.get(url, headers=headers)
        assert response.headers["Cache-Control"] == "private"
        assert response.headers["Cross-Origin-Resource-Policy"] == "same-origin"
