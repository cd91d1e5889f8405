"""/api/v1/auth: setup state, register, login, refresh, logout, me."""

from __future__ import annotations

import uuid

from flask import Blueprint, current_app, jsonify, request
from flask_jwt_extended import get_jwt, unset_jwt_cookies, verify_jwt_in_request

from mediabox.api.deps import config, container, me
from mediabox.api.limits import client_key, limiter, login_ip_limit, register_limit
from mediabox.api.routing import route
from mediabox.api.schemas.auth import (
    LoginIn,
    PasswordChangeIn,
    ProfilePatchIn,
    RefreshIn,
    RegisterIn,
    RegisterOut,
    SetupOut,
    TokensOut,
    UserOut,
)
from mediabox.api.tokens import issue_tokens, set_cookies

bp = Blueprint("auth", __name__, url_prefix="/api/v1/auth")


def _tokens_response(user, issued):
    payload: dict = {"user": UserOut.of(user).model_dump(mode="json")}
    access, refresh = issue_tokens(payload, user, issued, config())
    return set_cookies(
        jsonify(TokensOut.model_validate(payload).model_dump(mode="json")), access, refresh
    )


@route(
    bp,
    "/setup",
    "GET",
    summary="Whether the first account is still to be created, and whether sign-up is open",
    response=SetupOut,
    auth="none",
)
def setup_state():
    return SetupOut.of(container().users.setup_state())


@route(
    bp,
    "/register",
    "POST",
    summary="Create an account (the first one is the admin)",
    body=RegisterIn,
    response=RegisterOut,
    status=201,
    auth="none",
    errors=(400, 403, 429),
    decorators=(limiter.limit(register_limit, key_func=client_key),),
)
def register(body: RegisterIn):
    user = container().users.register(body.email, body.password, body.display_name)
    return RegisterOut(user=UserOut.of(user))


@route(
    bp,
    "/login",
    "POST",
    summary="Sign in; sets cookies and returns Bearer tokens",
    body=LoginIn,
    response=TokensOut,
    auth="none",
    errors=(400, 401, 429),
    decorators=(limiter.limit(login_ip_limit, key_func=client_key),),
)
def login(body: LoginIn):
    user = container().users.authenticate(body.email, body.password, client=client_key())
    issued = container().auth.start(user, request.headers.get("User-Agent", ""))
    return _tokens_response(user, issued)


@route(
    bp,
    "/refresh",
    "POST",
    summary="Rotate the refresh token (cookie + CSRF, or body)",
    body=RefreshIn,
    body_optional=True,
    response=TokensOut,
    auth="refresh",
    errors=(401, 403),
)
def refresh(body: RefreshIn):
    if body.refresh_token:
        verify_jwt_in_request(refresh=True, locations=["json"])
    else:
        verify_jwt_in_request(refresh=True, locations=["cookies", "headers"])
    claims = get_jwt()
    user = me()
    issued = container().auth.rotate(claims["jti"], uuid.UUID(claims["sid"]), user.id)
    return _tokens_response(user, issued)


@route(
    bp,
    "/logout",
    "POST",
    summary="End this session and clear the cookies",
    status=204,
    auth="any",
    errors=(401, 403),
)
def logout():
    claims = get_jwt()
    container().auth.end(uuid.UUID(claims["sid"]), me().id)
    response = current_app.response_class(status=204)
    unset_jwt_cookies(response)
    return response


@route(bp, "/me", "GET", summary="The signed-in user", response=UserOut, errors=(401,))
def whoami():
    return UserOut.of(me())


@route(
    bp,
    "/me",
    "PATCH",
    summary="Change the signed-in user's display name or language",
    body=ProfilePatchIn,
    response=UserOut,
    errors=(400, 401),
)
def patch_me(body: ProfilePatchIn):
    user = container().users.update_profile(
        me(), display_name=body.display_name, locale=body.locale
    )
    return UserOut.of(user)


@route(
    bp,
    "/password",
    "POST",
    summary="Change the password; every other session of the user ends",
    body=PasswordChangeIn,
    status=204,
    errors=(400, 401),
)
def change_password(body: PasswordChangeIn):
    keep = uuid.UUID(get_jwt()["sid"])
    container().users.change_password(
        me(), body.current_password, body.new_password, keep_session=keep
    )
