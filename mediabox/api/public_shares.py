"""/api/v1/shares/{token}, the public side: no account, only what the link names.

A share credential (from the unlock, or from opening a link with a view limit) comes back as
the `X-Share-Credential` header or as an httpOnly cookie scoped to this link's path. It is
not a JWT and is never accepted as a user session.
"""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, request
from flask_limiter.util import get_remote_address

from mediabox.api.deps import config, container
from mediabox.api.limits import limiter
from mediabox.api.routing import route
from mediabox.api.schemas.common import SignedUrlOut
from mediabox.api.schemas.shares import (
    CredentialOut,
    PublicAssetOut,
    PublicAssetPageOut,
    PublicAssetsQuery,
    PublicDownloadQuery,
    PublicShareOut,
    UnlockIn,
)
from mediabox.api.schemas.zips import ShareZipIn, ZipLinkOut, ZipTicketQuery
from mediabox.api.zip_response import zip_response
from mediabox.infra.client_address import client_bucket

public_bp = Blueprint("public_shares", __name__, url_prefix="/api/v1/shares")

CREDENTIAL_HEADER = "X-Share-Credential"
CREDENTIAL_COOKIE = "share_credential"


def _credential() -> str | None:
    """The header wins over the cookie, so a tampered header is never rescued by a cookie."""
    if CREDENTIAL_HEADER in request.headers:
        return request.headers[CREDENTIAL_HEADER]
    return request.cookies.get(CREDENTIAL_COOKIE)


def _set_credential_cookie(response: Response, token: str, issued) -> Response:
    response.set_cookie(
        CREDENTIAL_COOKIE,
        issued.value,
        max_age=container().public_shares.credentials.ttl,
        path=f"/api/v1/shares/{token}",
        secure=config().cookie_secure,
        httponly=True,
        samesite="Strict",
    )
    return response


def share_password_limit() -> str:
    return config().share_password_rate_limit


def share_password_key() -> str:
    token = (request.view_args or {}).get("token", "")
    return f"share-unlock:{token[:64]}:{_client_bucket()}"


def _client_bucket() -> str:
    return client_bucket(get_remote_address())


@public_bp.after_request
def _private(response: Response) -> Response:
    """Public share answers never leak the token onward and are never cached."""
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return response


@route(
    public_bp,
    "/<token>",
    "GET",
    summary="What a link shows (counts one view); password links need the credential first",
    response=PublicShareOut,
    auth="share",
    errors=(401, 404, 410),
)
def open_share(token: str):
    view = container().public_shares.open(token, _credential(), count_view=request.method == "GET")
    out = PublicShareOut.of(view, container().media_urls)
    if view.credential is None:
        return out
    return _set_credential_cookie(jsonify(out.model_dump(mode="json")), token, view.credential)


@route(
    public_bp,
    "/<token>/unlock",
    "POST",
    summary="Trade the link's password for a credential of this link only",
    body=UnlockIn,
    response=CredentialOut,
    auth="none",
    errors=(401, 404, 409, 410, 429),
    decorators=(
        limiter.limit(
            share_password_limit,
            key_func=share_password_key,
            deduct_when=lambda response: response.status_code == 401,
        ),
    ),
)
def unlock_share(token: str, body: UnlockIn):
    issued = container().public_shares.unlock(token, body.password, client=_client_bucket())
    out = CredentialOut(credential=issued.value, expires_at=issued.expires_at)
    return _set_credential_cookie(jsonify(out.model_dump(mode="json")), token, issued)


@route(
    public_bp,
    "/<token>/assets",
    "GET",
    summary="The link's assets (album order), cursor pagination, thumbnail URLs",
    query=PublicAssetsQuery,
    response=PublicAssetPageOut,
    auth="share",
    errors=(401, 404, 410),
)
def list_share_assets(token: str, query: PublicAssetsQuery):
    visitor = container().public_shares
    share, page = visitor.list_assets(token, _credential(), query.cursor, query.limit)
    urls = container().media_urls
    return PublicAssetPageOut(
        items=[PublicAssetOut.of(a, urls, show_location=share.show_location) for a in page.items],
        next_cursor=page.next_cursor,
    )


@route(
    public_bp,
    "/<token>/download-url",
    "GET",
    summary="A short-lived URL of one file; kind=original only when downloads are allowed",
    query=PublicDownloadQuery,
    response=SignedUrlOut,
    auth="share",
    errors=(401, 403, 404, 410),
)
def share_download_url(token: str, query: PublicDownloadQuery):
    visitor = container().public_shares
    signed = visitor.download_url(token, _credential(), query.asset_id, query.kind)
    return SignedUrlOut(url=signed.url, expires_at=signed.expires_at)


@route(
    public_bp,
    "/<token>/zip",
    "POST",
    summary="A short-lived URL streaming the link's originals as ZIP64 (all when asset_ids is "
    "left out); refused when downloads are off",
    body=ShareZipIn,
    body_optional=True,
    response=ZipLinkOut,
    auth="share",
    errors=(400, 401, 403, 404, 410),
)
def create_share_zip(token: str, body: ShareZipIn):
    link = container().public_shares.zip_link(token, _credential(), body.asset_ids)
    return ZipLinkOut.of(link)


@route(
    public_bp,
    "/<token>/zip",
    "GET",
    summary="The ZIP64 archive a share zip URL names (the signed ticket is the credential)",
    query=ZipTicketQuery,
    auth="none",
    errors=(403, 404, 410),
)
def download_share_zip(token: str, query: ZipTicketQuery):
    return zip_response(container().public_shares.zip_archive(token, query.ticket))
