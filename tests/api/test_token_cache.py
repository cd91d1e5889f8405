"""Verified access tokens are remembered per app (api/tokens.py `DecodedTokens`), while the
session check still runs on every request: revocation is immediate, expiry and CSRF hold."""

from __future__ import annotations

import secrets
import time
from datetime import timedelta

import flask_jwt_extended.jwt_manager as jwt_manager
import pytest
from flask_jwt_extended import create_access_token, decode_token

from tests.factories import assert_error, csrf_headers, sign_up


@pytest.fixture
def full_decodes(monkeypatch) -> list[str]:
    """Every token flask-jwt-extended decodes and verifies in full (signature and claims)."""
    seen: list[str] = []
    real = jwt_manager._decode_jwt

    def counting(**kwargs):
        seen.append(kwargs["encoded_token"])
        return real(**kwargs)

    monkeypatch.setattr(jwt_manager, "_decode_jwt", counting)
    return seen


def test_an_access_token_is_verified_once_then_remembered(client, full_decodes):
    account = sign_up(client)
    for _ in range(3):
        assert client.get("/api/v1/auth/me", headers=account.bearer).status_code == 200
    assert full_decodes.count(account.access_token) == 1


def test_logout_ends_a_remembered_token_at_once(app, full_decodes):
    client = app.test_client()
    account = sign_up(client)
    other = app.test_client()
    for _ in range(2):
        assert other.get("/api/v1/auth/me", headers=account.bearer).status_code == 200
    assert full_decodes.count(account.access_token) == 1  # served from the cache
    assert client.post("/api/v1/auth/logout", headers=account.bearer).status_code == 204
    assert_error(other.get("/api/v1/auth/me", headers=account.bearer), 401, "session_revoked")
    assert_error(other.get("/api/v1/assets", headers=account.bearer), 401, "session_revoked")


def test_a_disabled_account_is_refused_at_once_with_a_remembered_token(app, client):
    from mediabox.domain.models import User
    from mediabox.infra.db import db

    sign_up(client, "owner@example.com")
    guest = sign_up(app.test_client(), "guest@example.com")
    assert client.get("/api/v1/auth/me", headers=guest.bearer).status_code == 200
    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.email == "guest@example.com"))
        user.is_active = False
        db.session.commit()
    assert client.get("/api/v1/auth/me", headers=guest.bearer).status_code == 401


def test_a_remembered_token_still_expires(app, client):
    account = sign_up(client)
    with app.app_context():
        claims = decode_token(account.access_token)
        short = create_access_token(
            identity=type("U", (), {"id": claims["sub"]})(),
            additional_claims={"sid": claims["sid"]},
            expires_delta=timedelta(seconds=2),
        )
    bearer = {"Authorization": f"Bearer {short}"}
    assert client.get("/api/v1/auth/me", headers=bearer).status_code == 200
    time.sleep(2.2)
    assert_error(client.get("/api/v1/auth/me", headers=bearer), 401, "token_expired")


def test_another_app_does_not_accept_a_token_the_first_remembered(make_app, config, client):
    account = sign_up(client)
    assert client.get("/api/v1/auth/me", headers=account.bearer).status_code == 200
    other = make_app(config.with_overrides(jwt_secret=secrets.token_urlsafe(48)))
    response = other.test_client().get("/api/v1/auth/me", headers=account.bearer)
    assert_error(response, 401, "invalid_token")


def test_a_remembered_cookie_token_still_needs_its_csrf_value(client):
    sign_up(client)
    good = client.patch("/api/v1/auth/me", json={"locale": "en"}, headers=csrf_headers(client))
    assert good.status_code == 200
    forged = client.patch("/api/v1/auth/me", json={"locale": "en"}, headers={"X-CSRF-TOKEN": "x"})
    assert_error(forged, 403, "csrf_failed")
    assert client.patch("/api/v1/auth/me", json={"locale": "en"}).status_code == 403


def test_the_cache_is_bounded_and_drops_expired_tokens_first():
    from mediabox.api.tokens import DecodedTokens

    now = [1000.0]
    cache = DecodedTokens(max_entries=2, clock=lambda: now[0])
    cache.put("a", None, {"type": "access", "exp": 1500, "sub": "1"})
    cache.put("b", None, {"type": "access", "exp": 1100, "sub": "2"})
    cache.put("r", None, {"type": "refresh", "exp": 9999, "sub": "3"})  # never remembered
    assert cache.get("r", None) is None
    assert cache.get("a", "csrf") is None  # another CSRF value is another entry
    now[0] = 1200.0  # "b" has expired
    cache.put("c", None, {"type": "access", "exp": 1600, "sub": "4"})
    assert cache.get("b", None) is None
    assert cache.get("a", None)["sub"] == "1" and cache.get("c", None)["sub"] == "4"
    cache.put("d", None, {"type": "access", "exp": 1700, "sub": "5"})  # full: "a" goes
    assert cache.get("a", None) is None and cache.get("d", None)["sub"] == "5"
    payload = cache.get("c", None)
    payload["sub"] = "changed"
    assert cache.get("c", None)["sub"] == "4"  # callers get copies


def test_a_token_keeps_its_own_expiry_when_others_are_swept():
    from mediabox.api.tokens import DecodedTokens

    now = [1000.0]
    cache = DecodedTokens(max_entries=1, clock=lambda: now[0])
    cache.put("long", None, {"type": "access", "exp": 5000})
    cache.put("short", None, {"type": "access", "exp": 1100})  # sweeps "long" out
    now[0] = 1200.0
    assert cache.get("short", None) is None
