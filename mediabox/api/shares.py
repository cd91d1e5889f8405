"""/api/v1/shares, the owner's side: create, list, edit and revoke links."""

from __future__ import annotations

from flask import Blueprint, request

from mediabox.api.deps import container, me
from mediabox.api.routing import route
from mediabox.api.schemas.shares import ShareCreateIn, ShareListOut, ShareOut, SharePatchIn

bp = Blueprint("shares", __name__, url_prefix="/api/v1/shares")


def _base_url() -> str:
    """Where links point when PUBLIC_BASE_URL is unset: the host this request came to."""
    return request.host_url.rstrip("/")


@route(
    bp,
    "",
    "POST",
    summary="Create a link to one of my assets or albums",
    body=ShareCreateIn,
    response=ShareOut,
    status=201,
    errors=(404,),
)
def create_share(body: ShareCreateIn):
    view = container().shares.create(
        me(),
        base_url=_base_url(),
        asset_id=body.asset_id,
        album_id=body.album_id,
        expires_at=body.expires_at,
        password=body.password,
        allow_download=body.allow_download,
        show_location=body.show_location,
        max_views=body.max_views,
    )
    return ShareOut.of(view)


@route(bp, "", "GET", summary="My links with status and view counts", response=ShareListOut)
def list_shares():
    views = container().shares.list(me(), base_url=_base_url())
    return ShareListOut(items=[ShareOut.of(v) for v in views])


@route(
    bp,
    "/<string(maxlength=64):token>",
    "PATCH",
    summary="Edit a live link (leaving expires_at out never extends its life)",
    body=SharePatchIn,
    response=ShareOut,
    errors=(404, 409),
)
def update_share(token: str, body: SharePatchIn):
    view = container().shares.update(me(), token, body.changes(), base_url=_base_url())
    return ShareOut.of(view)


@route(
    bp,
    "/<string(maxlength=64):token>/revoke",
    "POST",
    summary="Revoke a link for good",
    response=ShareOut,
    errors=(404,),
)
def revoke_share(token: str):
    return ShareOut.of(container().shares.revoke(me(), token, base_url=_base_url()))
