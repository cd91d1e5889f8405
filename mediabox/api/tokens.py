"""flask-jwt-extended set-up: claims, user loading and session checks (error shapes: errors.py)."""

from __future__ import annotations

import threading
import time
import uuid
from datetime import timedelta

from flask import Flask, Response, current_app, g
from flask_jwt_extended import (
    JWTManager,
    create_access_token,
    create_refresh_token,
    set_access_cookies,
    set_refresh_cookies,
)

from mediabox.api.deps import container
from mediabox.api.errors import register_jwt_errors
from mediabox.infra.config import Config

TOKEN_CACHE_ENTRIES = 4096
_CACHE_KEY = "mediabox.access_tokens"


class DecodedTokens:
    """Access tokens of one app already decoded and verified (signature, expiry, claims,
    CSRF value), keyed by the raw token and the CSRF value it came with, until they expire.

    Only the decoding is remembered: whether the token's session is still live (logout,
    password change, disabled account) is checked against the database on every request,
    so revoking a session still ends it at once."""

    def __init__(self, max_entries: int = TOKEN_CACHE_ENTRIES, clock=time.time):
        self.max_entries = max_entries
        self.clock = clock
        self._entries: dict[tuple[str, str | None], tuple[dict, float]] = {}
        self._lock = threading.Lock()

    def get(self, token: str, csrf_value: str | None) -> dict | None:
        found = self._entries.get((token, csrf_value))
        if found is None:
            return None
        payload, expires_at = found
        if self.clock() >= expires_at:
            with self._lock:
                self._entries.pop((token, csrf_value), None)
            return None
        return dict(payload)

    def put(self, token: str, csrf_value: str | None, payload: dict) -> None:
        expires_at = payload.get("exp")
        if payload.get("type") != "access" or not isinstance(expires_at, int | float):
            return
        with self._lock:
            if len(self._entries) >= self.max_entries:
                now = self.clock()
                for key, (_payload, until) in list(self._entries.items()):
                    if until <= now:
                        del self._entries[key]
                while len(self._entries) >= self.max_entries:  # the oldest go first
                    del self._entries[next(iter(self._entries))]
            self._entries[(token, csrf_value)] = (dict(payload), float(expires_at))


class CachingJWTManager(JWTManager):
    """flask-jwt-extended's manager, with each app's verified access tokens remembered
    (`DecodedTokens`): a page request no longer pays for base64, JSON and HMAC again."""

    def _decode_jwt_from_config(
        self, encoded_token: str, csrf_value=None, allow_expired: bool = False
    ) -> dict:
        cache = None if allow_expired else current_app.extensions.get(_CACHE_KEY)
        if cache is not None:
            payload = cache.get(encoded_token, csrf_value)
            if payload is not None:
                return payload
        payload = super()._decode_jwt_from_config(encoded_token, csrf_value, allow_expired)
        if cache is not None:
            cache.put(encoded_token, csrf_value, payload)
        return payload


jwt = CachingJWTManager()


def configure_jwt(app: Flask, config: Config) -> None:
    """Cookies (httpOnly, SameSite=Lax, CSRF double-submit) for the SPA; Bearer for clients."""
    app.config.update(
        JWT_SECRET_KEY=config.jwt_secret,
        JWT_ALGORITHM="HS256",
        JWT_DECODE_ALGORITHMS=["HS256"],
        JWT_TOKEN_LOCATION=["headers", "cookies"],
        JWT_ACCESS_TOKEN_EXPIRES=timedelta(seconds=config.jwt_access_ttl_seconds),
        JWT_REFRESH_TOKEN_EXPIRES=timedelta(seconds=config.jwt_refresh_ttl_seconds),
        JWT_COOKIE_SECURE=config.cookie_secure,
        JWT_COOKIE_SAMESITE="Lax",
        JWT_COOKIE_CSRF_PROTECT=True,
        JWT_CSRF_IN_COOKIES=True,
        JWT_CSRF_CHECK_FORM=False,
        JWT_ACCESS_COOKIE_PATH="/",
        JWT_REFRESH_COOKIE_PATH="/api/v1/auth/",
        JWT_SESSION_COOKIE=False,
        JWT_ERROR_MESSAGE_KEY="message",
    )
    jwt.init_app(app)
    app.extensions[_CACHE_KEY] = DecodedTokens()

    @jwt.user_identity_loader
    def _identity(user):
        return str(user.id)

    def _resolve(payload):
        """One query per request: the session's state and its active user (memoised in g)."""
        key = (payload.get("sid"), payload.get("sub"))
        cached = g.get("mediabox_auth")
        if cached is None or cached[0] != key:
            try:
                resolved = container().auth.resolve(uuid.UUID(key[0]), uuid.UUID(key[1]))
            except (TypeError, ValueError):
                resolved = (False, None)
            cached = (key, resolved)
            g.mediabox_auth = cached
        return cached[1]

    @jwt.user_lookup_loader
    def _lookup(_header, payload):
        return _resolve(payload)[1]

    @jwt.token_in_blocklist_loader
    def _revoked(_header, payload) -> bool:
        return not _resolve(payload)[0]

    register_jwt_errors(jwt)


def issue_tokens(response_payload: dict, user, issued, config: Config) -> tuple[str, str]:
    """Mint an access + refresh pair bound to the server-side session."""
    claims = {"sid": str(issued.session_id)}
    access = create_access_token(identity=user, additional_claims=claims)
    refresh = create_refresh_token(identity=user, additional_claims={**claims, "jti": issued.jti})
    response_payload.update(
        access_token=access,
        refresh_token=refresh,
        token_type="Bearer",
        expires_in=config.jwt_access_ttl_seconds,
    )
    return access, refresh


def set_cookies(response: Response, access: str, refresh: str) -> Response:
    set_access_cookies(response, access)
    set_refresh_cookies(response, refresh)
    return response
