"""Accounts and sign-in through the HTTP API (SPEC §4, §4a)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from flask_jwt_extended import create_access_token, decode_token

from mediabox.container import container_of
from tests.factories import (
    DEFAULT_PASSWORD,
    MovableClock,
    assert_error,
    cookie,
    csrf_headers,
    login,
    register,
    sign_up,
)


def test_first_account_is_admin_and_later_ones_are_not(client):
    first = register(client, "Owner@Example.COM ", display_name="Owner")
    assert first.status_code == 201
    assert first.json["user"]["email"] == "owner@example.com"
    assert first.json["user"]["is_admin"] is True
    second = register(client, "guest@example.com")
    assert second.status_code == 201
    assert second.json["user"]["is_admin"] is False
    assert "password_hash" not in second.json["user"]


def test_registration_closed_after_first_account_unless_allowed(make_app, config):
    app = make_app(config.with_overrides(allow_registration=False))
    client = app.test_client()
    assert register(client, "owner@example.com").status_code == 201
    assert_error(register(client, "other@example.com"), 403, "registration_closed")


def test_duplicate_email_is_refused_by_the_admin_cli_path(app):
    from mediabox.domain.errors import Conflict

    with app.app_context():
        users = container_of(app).users
        users.create_user("dup@example.com", "a long password")
        with pytest.raises(Conflict):
            users.create_user("DUP@Example.com", "another long password")


def test_login_sets_cookies_and_returns_bearer_tokens(client):
    sign_up(client)
    response = login(client, "OWNER@example.com")
    assert response.status_code == 200
    body = response.json
    assert body["token_type"] == "Bearer" and body["expires_in"] > 0
    assert set(body) == {"user", "access_token", "refresh_token", "token_type", "expires_in"}
    cookies = {c.split("=", 1)[0]: c for c in response.headers.getlist("Set-Cookie")}
    assert set(cookies) == {
        "access_token_cookie",
        "refresh_token_cookie",
        "csrf_access_token",
        "csrf_refresh_token",
    }
    assert "HttpOnly" in cookies["access_token_cookie"]
    assert "SameSite=Lax" in cookies["access_token_cookie"]
    assert "HttpOnly" in cookies["refresh_token_cookie"]
    assert "HttpOnly" not in cookies["csrf_access_token"]


def test_me_with_cookie_and_with_bearer(client, app):
    account = sign_up(client)
    assert client.get("/api/v1/auth/me").json["email"] == account.email
    other = app.test_client()
    assert_error(other.get("/api/v1/auth/me"), 401, "unauthorized")
    me = other.get("/api/v1/auth/me", headers=account.bearer)
    assert me.status_code == 200
    assert set(me.json) == {"id", "email", "display_name", "is_admin", "locale"}


def test_wrong_password_and_unknown_email_answer_alike(client):
    sign_up(client)
    wrong = assert_error(login(client, "owner@example.com", "not the password"), 401)
    unknown = assert_error(login(client, "nobody@example.com", "not the password"), 401)
    assert wrong == unknown


def test_disabled_account_cannot_sign_in_and_loses_its_sessions(app, client):
    account = sign_up(client)
    with app.app_context():
        container_of(app).users.set_active(account.email, False)
    assert_error(client.get("/api/v1/auth/me", headers=account.bearer), 401)
    assert_error(login(client, account.email), 401, "account_disabled")


@pytest.mark.parametrize(
    "payload, field",
    [
        ({"email": "a@example.com"}, "password"),
        ({"password": DEFAULT_PASSWORD}, "email"),
        ({"email": 123, "password": DEFAULT_PASSWORD}, "email"),
        ({"email": "a@example.com", "password": ["x"]}, "password"),
        ({"email": "not-an-email", "password": DEFAULT_PASSWORD}, "email"),
        ({"email": "a@example.com", "password": "short"}, "password"),
        ({"email": "a" * 300 + "@example.com", "password": DEFAULT_PASSWORD}, "email"),
        ({"email": "a@example.com", "password": "p" * 1025}, "password"),
        ({"email": "a@example.com", "password": DEFAULT_PASSWORD, "is_admin": True}, "is_admin"),
    ],
)
def test_register_rejects_bad_fields(client, payload, field):
    error = assert_error(
        client.post("/api/v1/auth/register", json=payload), 400, "validation_error"
    )
    assert any(d["field"] == field for d in error["details"]), error


def test_malformed_json_and_wrong_content_type(client):
    bad = client.post("/api/v1/auth/login", data="{not json", content_type="application/json")
    assert_error(bad, 400, "invalid_json")
    form = client.post("/api/v1/auth/login", data="email=a&password=b")
    assert_error(form, 400, "invalid_json")
    assert_error(client.post("/api/v1/auth/login", json=["a", "b"]), 400, "validation_error")


def test_oversize_body_is_refused_without_hashing(client, app):
    huge = "x" * (2 * 1024 * 1024)
    calls = []
    hasher = container_of(app).users.hasher
    original = hasher.verify
    hasher.verify = lambda *a: calls.append(a) or original(*a)
    response = client.post("/api/v1/auth/login", json={"email": "a@b.co", "password": huge})
    assert_error(response, 413, "payload_too_large")
    long_pw = client.post("/api/v1/auth/login", json={"email": "a@b.co", "password": "p" * 5000})
    assert_error(long_pw, 400, "validation_error")
    assert calls == []


def test_refresh_rotates_and_replay_revokes_the_family(make_app, config):
    clock = MovableClock()
    app = make_app(config, clock=clock)
    client = app.test_client()
    account = sign_up(client)
    first = client.post("/api/v1/auth/refresh", json={"refresh_token": account.refresh_token})
    assert first.status_code == 200
    rotated = first.json["refresh_token"]
    assert rotated != account.refresh_token
    clock.advance(seconds=10)  # past the reuse grace of two tabs refreshing at once
    replay = client.post("/api/v1/auth/refresh", json={"refresh_token": account.refresh_token})
    assert_error(replay, 401, "token_reused")
    after = client.post("/api/v1/auth/refresh", json={"refresh_token": rotated})
    assert_error(after, 401, "session_revoked")
    assert_error(
        client.get(
            "/api/v1/auth/me", headers={"Authorization": f"Bearer {first.json['access_token']}"}
        ),
        401,
        "session_revoked",
    )


def test_refresh_with_cookie_needs_csrf(client):
    sign_up(client)
    assert_error(client.post("/api/v1/auth/refresh"), 403, "csrf_failed")
    ok = client.post("/api/v1/auth/refresh", headers=csrf_headers(client, "refresh"))
    assert ok.status_code == 200
    assert client.get("/api/v1/auth/me").status_code == 200


def test_cookie_write_without_csrf_is_refused_but_bearer_is_not(app):
    client = app.test_client()
    account = sign_up(client)
    assert_error(client.post("/api/v1/auth/logout"), 403, "csrf_failed")
    wrong = client.post("/api/v1/auth/logout", headers={"X-CSRF-TOKEN": "forged"})
    assert_error(wrong, 403, "csrf_failed")
    assert client.get("/api/v1/auth/me").status_code == 200
    bearer_client = app.test_client()
    assert bearer_client.post("/api/v1/auth/logout", headers=account.bearer).status_code == 204


def test_logout_revokes_the_session_and_clears_cookies(client):
    account = sign_up(client)
    response = client.post("/api/v1/auth/logout", headers=csrf_headers(client))
    assert response.status_code == 204
    assert cookie(client, "access_token_cookie") is None
    assert_error(client.get("/api/v1/auth/me", headers=account.bearer), 401, "session_revoked")
    again = client.post("/api/v1/auth/refresh", json={"refresh_token": account.refresh_token})
    assert_error(again, 401, "session_revoked")


def test_tampered_expired_and_wrong_type_tokens(app, client):
    account = sign_up(client)
    fresh = app.test_client()
    head, payload, sig = account.access_token.split(".")
    tampered = f"{head}.{payload}.{sig[:-2]}{'AA' if sig[-2:] != 'AA' else 'BB'}"
    assert_error(
        fresh.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {tampered}"}),
        401,
        "invalid_token",
    )
    with app.app_context():
        claims = decode_token(account.access_token)
        expired = create_access_token(
            identity=type("U", (), {"id": claims["sub"]})(),
            additional_claims={"sid": claims["sid"]},
            expires_delta=timedelta(seconds=-5),
        )
    assert_error(
        fresh.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {expired}"}),
        401,
        "token_expired",
    )
    wrong_type = fresh.get(
        "/api/v1/auth/me", headers={"Authorization": f"Bearer {account.refresh_token}"}
    )
    assert_error(wrong_type, 401, "invalid_token")
    access_as_refresh = fresh.post(
        "/api/v1/auth/refresh", json={"refresh_token": account.access_token}
    )
    assert_error(access_as_refresh, 401, "invalid_token")
    garbage = fresh.get("/api/v1/auth/me", headers={"Authorization": "Bearer not.a.jwt"})
    assert_error(garbage, 401)


def test_token_signed_with_another_secret_is_refused(app, make_app, config):
    other = make_app(config.with_overrides(jwt_secret="another-secret-" * 4))
    account = sign_up(app.test_client())
    assert_error(
        other.test_client().get("/api/v1/auth/me", headers=account.bearer), 401, "invalid_token"
    )


def test_login_rate_limited_per_account(make_app, config):
    app = make_app(
        config.with_overrides(
            login_account_rate_limit="3 per minute", login_rate_limit="100 per minute"
        )
    )
    client = app.test_client()
    sign_up(client)
    for _ in range(3):
        assert login(client, "owner@example.com", "wrong password!").status_code == 401
    error = login(client, "owner@example.com", "wrong password!")
    assert_error(error, 429, "rate_limited")
    assert error.headers.get("Retry-After")
    assert login(client, "other@example.com", "wrong password!").status_code == 401


def test_login_rate_limited_per_ip(make_app, config):
    app = make_app(
        config.with_overrides(
            login_rate_limit="4 per minute", login_account_rate_limit="100 per minute"
        )
    )
    client = app.test_client()
    for n in range(4):
        assert login(client, f"user{n}@example.com", "wrong password!").status_code == 401
    assert_error(login(client, "user9@example.com", "wrong password!"), 429, "rate_limited")
    other_ip = client.post(
        "/api/v1/auth/login",
        json={"email": "x@example.com", "password": "wrong password!"},
        environ_base={"REMOTE_ADDR": "10.9.9.9"},
    )
    assert other_ip.status_code == 401


def test_password_hashes_are_argon2id(app, client):
    sign_up(client)
    with app.app_context():
        user = container_of(app).users.list_users()[0]
        assert user.password_hash.startswith("$argon2id$")
        assert DEFAULT_PASSWORD not in user.password_hash


def test_login_rehashes_when_parameters_change(make_app, config, fast_hasher):
    from mediabox.infra.passwords import PasswordHasher

    app = make_app(config)
    client = app.test_client()
    sign_up(client)
    stronger = PasswordHasher(time_cost=2, memory_cost=8 * 1024, parallelism=1)
    app2 = make_app(config, hasher=stronger)
    assert login(app2.test_client(), "owner@example.com").status_code == 200
    with app2.app_context():
        user = container_of(app2).users.list_users()[0]
        assert "t=2" in user.password_hash


def test_forwarded_for_is_ignored_unless_a_proxy_is_trusted(make_app, config):
    limited = config.with_overrides(
        login_rate_limit="2 per minute", login_account_rate_limit="100 per minute"
    )
    client = make_app(limited).test_client()
    for n in range(2):
        spoofed = {"X-Forwarded-For": f"203.0.113.{n}"}
        response = client.post(
            "/api/v1/auth/login",
            headers=spoofed,
            json={"email": f"u{n}@example.com", "password": "wrong password!"},
        )
        assert response.status_code == 401
    spoofed = {"X-Forwarded-For": "203.0.113.99"}
    response = client.post(
        "/api/v1/auth/login",
        headers=spoofed,
        json={"email": "u9@example.com", "password": "wrong password!"},
    )
    assert_error(response, 429, "rate_limited")

    behind_proxy = make_app(limited.with_overrides(trusted_proxy_hops=1)).test_client()
    for n in range(3):
        forwarded = {"X-Forwarded-For": f"198.51.100.{n}"}
        response = behind_proxy.post(
            "/api/v1/auth/login",
            headers=forwarded,
            json={"email": f"v{n}@example.com", "password": "wrong password!"},
        )
        assert response.status_code == 401, n
