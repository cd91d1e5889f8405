"""/api/v1/assets/zip: the owner's zip download of many originals (SPEC §4b)."""

from __future__ import annotations

from flask import Blueprint

from mediabox.api.deps import container, me
from mediabox.api.routing import route
from mediabox.api.schemas.zips import ZipIn, ZipLinkOut, ZipTicketQuery
from mediabox.api.zip_response import zip_response

bp = Blueprint("zips", __name__, url_prefix="/api/v1/assets")


@route(
    bp,
    "/zip",
    "POST",
    summary="A short-lived URL that streams my assets' originals as one ZIP64 archive",
    body=ZipIn,
    response=ZipLinkOut,
    errors=(400, 401, 404),
)
def create_zip(body: ZipIn):
    return ZipLinkOut.of(container().zips.link(me(), body.asset_ids))


@route(
    bp,
    "/zip",
    "GET",
    summary="The ZIP64 archive a zip URL names (the signed ticket is the credential)",
    query=ZipTicketQuery,
    auth="none",
    errors=(403,),
)
def download_zip(query: ZipTicketQuery):
    return zip_response(container().zips.archive(query.ticket))
