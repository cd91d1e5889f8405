"""/api/v1/albums: create, list, edit, delete, membership, order and cover."""

from __future__ import annotations

import uuid

from flask import Blueprint

from mediabox.api.deps import container, me
from mediabox.api.routing import route
from mediabox.api.schemas.albums import (
    AlbumAssetsIn,
    AlbumAssetsQuery,
    AlbumChangeOut,
    AlbumCreateIn,
    AlbumListOut,
    AlbumOut,
    AlbumPatchIn,
    AlbumReorderIn,
)
from mediabox.api.schemas.assets import AssetListOut, AssetOut
from mediabox.domain.asset_filters import AssetFilters

bp = Blueprint("albums", __name__, url_prefix="/api/v1/albums")


def _out(view) -> AlbumOut:
    return AlbumOut.of(view, container().media_urls)


@route(
    bp,
    "",
    "POST",
    summary="Create an album",
    body=AlbumCreateIn,
    response=AlbumOut,
    status=201,
)
def create_album(body: AlbumCreateIn):
    return _out(container().albums.create(me(), body.title, body.description))


@route(bp, "", "GET", summary="My albums with counts and covers", response=AlbumListOut)
def list_albums():
    return AlbumListOut(items=[_out(v) for v in container().albums.list(me())])


@route(bp, "/<uuid:album_id>", "GET", summary="One album", response=AlbumOut, errors=(404,))
def get_album(album_id: uuid.UUID):
    return _out(container().albums.get(me(), album_id))


@route(
    bp,
    "/<uuid:album_id>",
    "PATCH",
    summary="Rename, describe or choose the cover",
    body=AlbumPatchIn,
    response=AlbumOut,
    errors=(404, 422),
)
def update_album(album_id: uuid.UUID, body: AlbumPatchIn):
    fields = {k: getattr(body, k) for k in body.model_fields_set}
    return _out(container().albums.update(me(), album_id, **fields))


@route(
    bp,
    "/<uuid:album_id>",
    "DELETE",
    summary="Delete the album (its assets stay in the library)",
    status=204,
    errors=(404,),
)
def delete_album(album_id: uuid.UUID):
    container().albums.delete(me(), album_id)


@route(
    bp,
    "/<uuid:album_id>/assets",
    "GET",
    summary="The album's assets (album order or captured order), cursor pagination",
    query=AlbumAssetsQuery,
    response=AssetListOut,
    errors=(404,),
)
def list_album_assets(album_id: uuid.UUID, query: AlbumAssetsQuery):
    urls = container().media_urls
    if query.order == "captured":
        items, next_cursor = container().assets.list_assets(
            me(), AssetFilters(album_id=album_id), query.cursor, query.limit
        )
    else:
        page = container().albums.list_assets(me(), album_id, query.cursor, query.limit)
        items, next_cursor = page.items, page.next_cursor
    return AssetListOut(items=[AssetOut.of(a, urls) for a in items], next_cursor=next_cursor)


@route(
    bp,
    "/<uuid:album_id>/assets",
    "POST",
    summary="Add assets (idempotent; any id not in my library: 404, nothing added)",
    body=AlbumAssetsIn,
    response=AlbumChangeOut,
    errors=(404,),
)
def add_album_assets(album_id: uuid.UUID, body: AlbumAssetsIn):
    added, view = container().albums.add_assets(me(), album_id, body.asset_ids)
    return AlbumChangeOut(changed=added, album=_out(view))


@route(
    bp,
    "/<uuid:album_id>/assets",
    "DELETE",
    summary="Remove assets from the album (they stay in the library)",
    body=AlbumAssetsIn,
    response=AlbumChangeOut,
    errors=(404,),
)
def remove_album_assets(album_id: uuid.UUID, body: AlbumAssetsIn):
    removed, view = container().albums.remove_assets(me(), album_id, body.asset_ids)
    return AlbumChangeOut(changed=removed, album=_out(view))


@route(
    bp,
    "/<uuid:album_id>/assets/reorder",
    "POST",
    summary="Move assets to just after another one (or to the start)",
    body=AlbumReorderIn,
    response=AlbumOut,
    errors=(404, 422),
)
def reorder_album(album_id: uuid.UUID, body: AlbumReorderIn):
    view = container().albums.reorder(me(), album_id, body.asset_ids, body.after_asset_id)
    return _out(view)
