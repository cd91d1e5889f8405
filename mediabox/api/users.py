"""/api/v1/users (the household, admins only) and /api/v1/stats (the caller's library)."""

from __future__ import annotations

import uuid

from flask import Blueprint

from mediabox.api.deps import container, me
from mediabox.api.routing import route
from mediabox.api.schemas.users import (
    MemberCreateIn,
    MemberListOut,
    MemberOut,
    MemberPatchIn,
    StatsOut,
)

bp = Blueprint("users", __name__, url_prefix="/api/v1/users")
stats_bp = Blueprint("stats", __name__, url_prefix="/api/v1/stats")


@route(
    bp,
    "",
    "GET",
    summary="Every account of this server (admin)",
    response=MemberListOut,
    errors=(401, 403),
)
def list_members():
    members = container().household.list_members(me())
    return MemberListOut(items=[MemberOut.of(user) for user in members])


@route(
    bp,
    "",
    "POST",
    summary="Add an account (admin)",
    body=MemberCreateIn,
    response=MemberOut,
    status=201,
    errors=(400, 401, 403, 409),
)
def add_member(body: MemberCreateIn):
    user = container().household.add_member(
        me(), body.email, body.password, body.display_name, is_admin=body.is_admin
    )
    return MemberOut.of(user)


@route(
    bp,
    "/<uuid:user_id>",
    "PATCH",
    summary="Enable/disable, promote/demote or rename an account (admin; never the last admin)",
    body=MemberPatchIn,
    response=MemberOut,
    errors=(400, 401, 403, 404, 409),
)
def update_member(user_id: uuid.UUID, body: MemberPatchIn):
    user = container().household.update_member(
        me(),
        user_id,
        is_active=body.is_active,
        is_admin=body.is_admin,
        display_name=body.display_name,
    )
    return MemberOut.of(user)


@route(stats_bp, "", "GET", summary="The caller's library totals", response=StatsOut, errors=(401,))
def stats():
    totals = container().stats.for_user(me())
    return StatsOut(
        photos=totals.photos,
        videos=totals.videos,
        bytes_original=totals.bytes_original,
        bytes_derived=totals.bytes_derived,
        trash_count=totals.trash_count,
        failed=totals.failed,
    )
