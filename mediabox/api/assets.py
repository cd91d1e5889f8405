"""/api/v1/assets and /api/v1/trash: the library, edits, trash, purge, signed file URLs."""

from __future__ import annotations

import uuid

from flask import Blueprint

from mediabox.api.deps import container, me
from mediabox.api.routing import route
from mediabox.api.schemas.assets import (
    AssetListOut,
    AssetListQuery,
    AssetOut,
    AssetPatchIn,
    BulkIn,
    BulkOut,
    DownloadQuery,
    EmptyTrashOut,
    asset_page_json,
)
from mediabox.api.schemas.common import SignedUrlOut

bp = Blueprint("assets", __name__, url_prefix="/api/v1/assets")
trash_bp = Blueprint("trash", __name__, url_prefix="/api/v1/trash")


def _page(query: AssetListQuery, *, trashed: bool) -> dict:
    filters = query.filters(trashed=trashed)
    assets = container().assets
    items, next_cursor = assets.list_assets_plain(me(), filters, query.cursor, query.limit)
    page = asset_page_json(items, container().media_urls, fields=assets.plain_fields)
    return {"items": page, "next_cursor": next_cursor}


def _out(asset) -> AssetOut:
    return AssetOut.of(asset, container().media_urls)


@route(
    bp,
    "",
    "GET",
    summary="The library, newest first (cursor pagination and filters)",
    query=AssetListQuery,
    response=AssetListOut,
    errors=(400, 401, 404),
)
def list_assets(query: AssetListQuery):
    return _page(query, trashed=False)


@route(bp, "/<uuid:asset_id>", "GET", summary="One asset", response=AssetOut, errors=(401, 404))
def get_asset(asset_id: uuid.UUID):
    return _out(container().assets.get(me(), asset_id))


@route(
    bp,
    "/<uuid:asset_id>",
    "PATCH",
    summary="Favourite, description or captured-at override",
    body=AssetPatchIn,
    response=AssetOut,
    errors=(400, 401, 404),
)
def patch_asset(asset_id: uuid.UUID, body: AssetPatchIn):
    changes = {}
    if "captured_at" in body.model_fields_set:
        changes["captured_at"] = body.captured_at
    asset = container().assets.update(
        me(), asset_id, is_favorite=body.is_favorite, description=body.description, **changes
    )
    return _out(asset)


@route(
    bp,
    "/<uuid:asset_id>",
    "DELETE",
    summary="Move to the trash",
    response=AssetOut,
    errors=(401, 404),
)
def trash_asset(asset_id: uuid.UUID):
    return _out(container().assets.trash(me(), asset_id))


@route(
    bp,
    "/<uuid:asset_id>/restore",
    "POST",
    summary="Restore from the trash",
    response=AssetOut,
    errors=(401, 404),
)
def restore_asset(asset_id: uuid.UUID):
    return _out(container().assets.restore(me(), asset_id))


@route(
    bp,
    "/<uuid:asset_id>/purge",
    "DELETE",
    summary="Delete for good, with every stored file",
    status=204,
    errors=(401, 404, 503),
)
def purge_asset(asset_id: uuid.UUID):
    container().assets.purge(me(), asset_id)


@route(
    bp,
    "/bulk",
    "POST",
    summary="trash, restore, purge, favorite or unfavorite up to 1,000 assets",
    body=BulkIn,
    response=BulkOut,
    errors=(400, 401),
)
def bulk(body: BulkIn):
    result = container().assets.bulk(me(), body.action, body.asset_ids)
    return BulkOut(
        action=body.action, done=result.done, not_found=result.not_found, failed=result.failed
    )


@route(
    bp,
    "/<uuid:asset_id>/download-url",
    "GET",
    summary="A short-lived URL of the original (attachment) or a derived image",
    query=DownloadQuery,
    response=SignedUrlOut,
    errors=(400, 401, 404),
)
def download_url(asset_id: uuid.UUID, query: DownloadQuery):
    signed = container().assets.download_url(me(), asset_id, query.kind)
    return SignedUrlOut(url=signed.url, expires_at=signed.expires_at)


@route(
    bp,
    "/<uuid:asset_id>/stream-url",
    "GET",
    summary="A short-lived inline URL of a video (Range-capable)",
    response=SignedUrlOut,
    errors=(400, 401, 404),
)
def stream_url(asset_id: uuid.UUID):
    signed = container().assets.stream_url(me(), asset_id)
    return SignedUrlOut(url=signed.url, expires_at=signed.expires_at)


@route(
    trash_bp,
    "",
    "GET",
    summary="The trash, newest captured first",
    query=AssetListQuery,
    response=AssetListOut,
    errors=(400, 401, 404),
)
def list_trash(query: AssetListQuery):
    return _page(query, trashed=True)


@route(
    trash_bp,
    "",
    "DELETE",
    summary="Empty the trash (purge everything in it)",
    response=EmptyTrashOut,
    errors=(401,),
)
def empty_trash():
    return EmptyTrashOut(purged=container().assets.empty_trash(me()))
