"""/api/v1/tags: list with counts, create, rename, delete, attach and detach."""

from __future__ import annotations

import uuid

from flask import Blueprint

from mediabox.api.deps import container, me
from mediabox.api.routing import route
from mediabox.api.schemas.tags import TagAttachIn, TagCreateIn, TagListOut, TagOut, TagPatchIn

bp = Blueprint("tags", __name__, url_prefix="/api/v1/tags")


@route(bp, "", "GET", summary="My tags by name, with asset counts", response=TagListOut)
def list_tags():
    return TagListOut(items=[TagOut.of(v) for v in container().tags.list(me())])


@route(
    bp,
    "",
    "POST",
    summary="Create a tag (tags are also created on first attach)",
    body=TagCreateIn,
    response=TagOut,
    status=201,
    errors=(409,),
)
def create_tag(body: TagCreateIn):
    return TagOut.of(container().tags.create(me(), body.name))


@route(
    bp,
    "/<uuid:tag_id>",
    "PATCH",
    summary="Rename a tag",
    body=TagPatchIn,
    response=TagOut,
    errors=(404, 409),
)
def rename_tag(tag_id: uuid.UUID, body: TagPatchIn):
    return TagOut.of(container().tags.rename(me(), tag_id, body.name))


@route(
    bp,
    "/<uuid:tag_id>",
    "DELETE",
    summary="Delete a tag (the assets stay)",
    status=204,
    errors=(404,),
)
def delete_tag(tag_id: uuid.UUID):
    container().tags.delete(me(), tag_id)


@route(
    bp,
    "/attach",
    "POST",
    summary="Tag assets with names, creating missing tags (any id not mine: 404, no change)",
    body=TagAttachIn,
    response=TagListOut,
    errors=(404,),
)
def attach_tags(body: TagAttachIn):
    views = container().tags.attach(me(), body.asset_ids, body.names)
    return TagListOut(items=[TagOut.of(v) for v in views])


@route(
    bp,
    "/detach",
    "POST",
    summary="Remove tags from assets (unknown names are ignored; tags stay)",
    body=TagAttachIn,
    response=TagListOut,
    errors=(404,),
)
def detach_tags(body: TagAttachIn):
    views = container().tags.detach(me(), body.asset_ids, body.names)
    return TagListOut(items=[TagOut.of(v) for v in views])
