"""PATCH /auth/me (display name, language) and POST /auth/password (other sessions end)."""

from __future__ import annotations

from tests.factories import DEFAULT_PASSWORD, assert_error, csrf_headers, login, sign_up


def test_me_carries_the_locale_and_can_be_changed(client):
    account = sign_up(client)
    assert client.get("/api/v1/auth/me").json["locale"] == "en"
    assert account.user["locale"] == "en"
    changed = client.patch(
        "/api/v1/auth/me",
        json={"locale": "ru", "display_name": "  Аня  "},
        headers=csrf_headers(client),
    )
    assert changed.status_code == 200, changed.json
    assert changed.json["locale"] == "ru" and changed.json["display_name"] == "Аня"
    again = client.get("/api/v1/auth/me").json
    assert again["locale"] == "ru" and again["display_name"] == "Аня"
    only_name = client.patch("/api/v1/auth/me", json={"display_name": ""}, headers=account.bearer)
    assert only_name.json == {**again, "display_name": "owner"}  # empty falls back, locale kept
    assert login(client, account.email).json["user"]["locale"] == "ru"


def test_profile_validation_and_csrf(client):
    account = sign_up(client)
    for body in ({"locale": "de"}, {"display_name": "x" * 101}, {"is_admin": True}):
        response = client.patch("/api/v1/auth/me", json=body, headers=account.bearer)
        assert_error(response, 400, "validation_error")
    no_csrf = client.patch("/api/v1/auth/me", json={"locale": "ru"})
    assert no_csrf.status_code in (401, 403)
    assert client.get("/api/v1/auth/me").json["locale"] == "en"


def test_password_change_ends_other_sessions_and_keeps_this_one(app, client):
    account = sign_up(client)
    other_device = app.test_client()
    other = login(other_device, account.email).json
    assert other_device.get("/api/v1/auth/me").status_code == 200

    wrong = client.post(
        "/api/v1/auth/password",
        json={"current_password": "not it at all", "new_password": "a brand new secret"},
        headers=csrf_headers(client),
    )
    assert_error(wrong, 400, "wrong_password")
    weak = client.post(
        "/api/v1/auth/password",
        json={"current_password": DEFAULT_PASSWORD, "new_password": "short"},
        headers=csrf_headers(client),
    )
    assert_error(weak, 400, "validation_error")
    assert other_device.get("/api/v1/auth/me").status_code == 200

    done = client.post(
        "/api/v1/auth/password",
        json={"current_password": DEFAULT_PASSWORD, "new_password": "a brand new secret"},
        headers=csrf_headers(client),
    )
    assert done.status_code == 204, done.get_data(as_text=True)
    assert client.get("/api/v1/auth/me").status_code == 200
    refreshed = client.post("/api/v1/auth/refresh", headers=csrf_headers(client, "refresh"))
    assert refreshed.status_code == 200, refreshed.json
    assert_error(other_device.get("/api/v1/auth/me"), 401)
    gone = app.test_client().post(
        "/api/v1/auth/refresh", json={"refresh_token": other["refresh_token"]}
    )
    assert_error(gone, 401)
    assert_error(login(app.test_client(), account.email), 401, "invalid_credentials")
    assert login(app.test_client(), account.email, "a brand new secret").status_code == 200
