"""Admin household management under /users, and GET /stats of the caller's library."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from tests.factories import assert_error, login, make_asset, sign_up

PASSWORD = "another long passphrase"


def _add(client, admin, email, **extra):
    return client.post(
        "/api/v1/users",
        json={"email": email, "password": PASSWORD, **extra},
        headers=admin.bearer,
    )


def test_admin_lists_and_adds_members(app, client):
    admin = sign_up(client, "admin@example.com")
    created = _add(client, admin, "Kid@Example.com", display_name="Kid")
    assert created.status_code == 201, created.json
    body = created.json
    assert body["email"] == "kid@example.com" and body["display_name"] == "Kid"
    assert body["is_admin"] is False and body["is_active"] is True and body["locale"] == "en"
    assert set(body) == {
        "id", "email", "display_name", "is_admin", "is_active", "locale", "created_at",
    }  # fmt: skip
    assert _add(client, admin, "second@example.com", is_admin=True).json["is_admin"] is True
    assert_error(_add(client, admin, "kid@example.com"), 409, "email_taken")
    listed = client.get("/api/v1/users", headers=admin.bearer).json["items"]
    assert [m["email"] for m in listed] == [
        "admin@example.com", "kid@example.com", "second@example.com",
    ]  # fmt: skip
    assert login(app.test_client(), "kid@example.com", PASSWORD).status_code == 200


def test_members_who_are_not_admins_get_403(app, client):
    admin = sign_up(client, "admin@example.com")
    member_id = _add(client, admin, "kid@example.com").json["id"]
    kid_client = app.test_client()
    kid = login(kid_client, "kid@example.com", PASSWORD).json
    headers = {"Authorization": f"Bearer {kid['access_token']}"}
    assert_error(kid_client.get("/api/v1/users", headers=headers), 403, "admin_only")
    new = {"email": "x@example.com", "password": PASSWORD}
    assert_error(kid_client.post("/api/v1/users", json=new, headers=headers), 403, "admin_only")
    promote = kid_client.patch(
        f"/api/v1/users/{member_id}", json={"is_admin": True}, headers=headers
    )
    assert_error(promote, 403, "admin_only")
    client.delete_cookie("access_token_cookie")
    assert_error(client.get("/api/v1/users"), 401)


def test_disabling_ends_sessions_and_enabling_lets_back_in(app, client):
    admin = sign_up(client, "admin@example.com")
    member_id = _add(client, admin, "kid@example.com").json["id"]
    kid_client = app.test_client()
    assert login(kid_client, "kid@example.com", PASSWORD).status_code == 200
    off = client.patch(
        f"/api/v1/users/{member_id}", json={"is_active": False}, headers=admin.bearer
    )
    assert off.status_code == 200 and off.json["is_active"] is False
    assert_error(kid_client.get("/api/v1/auth/me"), 401)
    assert_error(login(app.test_client(), "kid@example.com", PASSWORD), 401, "account_disabled")
    on = client.patch(
        f"/api/v1/users/{member_id}",
        json={"is_active": True, "display_name": "Kiddo"},
        headers=admin.bearer,
    )
    assert on.json["is_active"] is True and on.json["display_name"] == "Kiddo"
    assert login(app.test_client(), "kid@example.com", PASSWORD).status_code == 200


def test_the_last_active_admin_stays(client):
    admin = sign_up(client, "admin@example.com")
    me = admin.user["id"]
    for change in ({"is_admin": False}, {"is_active": False}):
        response = client.patch(f"/api/v1/users/{me}", json=change, headers=admin.bearer)
        assert_error(response, 409, "last_admin")
    other = _add(client, admin, "second@example.com", is_admin=True).json["id"]
    disabled = client.patch(
        f"/api/v1/users/{other}", json={"is_active": False}, headers=admin.bearer
    )
    assert disabled.status_code == 200
    # a disabled admin does not count: the signed-in one is still the last active admin
    response = client.patch(f"/api/v1/users/{me}", json={"is_admin": False}, headers=admin.bearer)
    assert_error(response, 409, "last_admin")
    client.patch(f"/api/v1/users/{other}", json={"is_active": True}, headers=admin.bearer)
    demoted = client.patch(f"/api/v1/users/{me}", json={"is_admin": False}, headers=admin.bearer)
    assert demoted.status_code == 200 and demoted.json["is_admin"] is False
    assert_error(client.get("/api/v1/users", headers=admin.bearer), 403, "admin_only")


def test_unknown_member_and_bad_bodies(client):
    admin = sign_up(client, "admin@example.com")
    missing = client.patch(
        f"/api/v1/users/{uuid.uuid4()}", json={"is_active": False}, headers=admin.bearer
    )
    assert_error(missing, 404, "user_not_found")
    short = {"email": "a@example.com", "password": "short"}
    assert_error(client.post("/api/v1/users", json=short, headers=admin.bearer), 400)
    extra = client.patch(
        f"/api/v1/users/{admin.user['id']}", json={"email": "x@y.z"}, headers=admin.bearer
    )
    assert_error(extra, 400, "validation_error")


def test_stats_count_the_callers_library_only(app, client):
    account = sign_up(client, "owner@example.com")
    owner = account.user["id"]
    when = datetime(2024, 1, 1, tzinfo=UTC)
    make_asset(app, owner, size_bytes=1000, derived_size_bytes=100, captured_at=when)
    make_asset(app, owner, size_bytes=2000, derived_size_bytes=None, processing_state="failed")
    make_asset(app, owner, type="video", size_bytes=5000, derived_size_bytes=300)
    make_asset(app, owner, size_bytes=700, derived_size_bytes=70, deleted_at=when)
    make_asset(app, owner, size_bytes=99_999, status="uploading")
    other = sign_up(app.test_client(), "other@example.com")
    make_asset(app, other.user["id"], size_bytes=123_456)
    response = client.get("/api/v1/stats", headers=account.bearer)
    assert response.status_code == 200
    assert response.json == {
        "photos": 2,
        "videos": 1,
        "bytes_original": 8700,
        "bytes_derived": 470,
        "trash_count": 1,
        "failed": 1,
    }
    empty = client.get("/api/v1/stats", headers=other.bearer).json
    assert empty["photos"] == 1 and empty["bytes_original"] == 123_456
    client.delete_cookie("access_token_cookie")
    assert_error(client.get("/api/v1/stats"), 401)
