"""Share passwords resist guessing (issue 9, item 3): length, /64 buckets, per-link back-off."""

from __future__ import annotations

import pytest

from tests.factories import assert_error, make_asset, make_share, sign_up

PASSWORD = "right one, long enough"


@pytest.fixture
def owner(client):
    return sign_up(client, "owner@example.com")


@pytest.fixture
def token(app, client, owner):
    return make_share(client, owner, asset_id=make_asset(app, owner.user["id"]), password=PASSWORD)[
        "token"
    ]


def _unlock(app, token, password, address):
    return app.test_client().post(
        f"/api/v1/shares/{token}/unlock",
        json={"password": password},
        environ_base={"REMOTE_ADDR": address},
    )


def test_link_passwords_need_eight_characters(app, client, owner):
    asset = make_asset(app, owner.user["id"])
    short = client.post(
        "/api/v1/shares", json={"asset_id": str(asset), "password": "1234567"}, headers=owner.bearer
    )
    assert_error(short, 400)
    assert make_share(client, owner, asset_id=asset, password="12345678")["token"]


def test_ipv6_clients_share_one_limit_per_64(app, token):
    for host in range(1, 6):
        assert_error(_unlock(app, token, "wrong guess", f"2001:db8:0:1::{host}"), 401)
    assert_error(_unlock(app, token, PASSWORD, "2001:db8:0:1:ffff::9"), 429, "rate_limited")
    assert _unlock(app, token, PASSWORD, "2001:db8:0:2::1").status_code == 200


def test_wrong_passwords_from_many_clients_lock_the_link(app, token):
    for host in range(1, 12):
        assert_error(_unlock(app, token, "wrong guess", f"10.1.0.{host}"), 401, "wrong_password")
    locked = _unlock(app, token, PASSWORD, "10.1.0.1")
    error = assert_error(locked, 429, "share_locked")
    assert 1 <= int(locked.headers["Retry-After"]) <= 60
    assert 1 <= error["details"]["retry_after"] <= 60
    friend = _unlock(app, token, PASSWORD, "192.0.2.50")
    assert friend.status_code == 200, "a client that never failed still gets its check"
    assert_error(_unlock(app, token, PASSWORD, "192.0.2.51"), 429, "share_locked")
