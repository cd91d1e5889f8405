"""Serves the local blob store's signed URLs (PUT uploads, GET/HEAD downloads with Range).

`blobs_bp` is the full app's; `shared_blobs_bp` is the share gateway's: downloads only, and
only of blobs that belong to an asset a live link shows (anything else is a 404 there, even
with a valid signature).
"""

from __future__ import annotations

from flask import Blueprint, Response, g, request
from werkzeug.exceptions import RequestedRangeNotSatisfiable
from werkzeug.wsgi import wrap_file

from mediabox.api.deps import container
from mediabox.domain.errors import Forbidden, NotFound, RangeNotSatisfiable
from mediabox.domain.media_types import UNKNOWN_TYPE
from mediabox.infra.blobstore.base import MAX_OBJECT_SIZE
from mediabox.infra.body_spool import SpooledBody

blobs_bp = Blueprint("blobs", __name__, url_prefix="/api/v1/blobs")
shared_blobs_bp = Blueprint("shared_blobs", __name__, url_prefix="/api/v1/blobs")


@blobs_bp.put("/<path:key>")
def put_blob(key: str) -> Response:
    store = container().blob_store
    grant = store.authorize("PUT", key, request.args)
    container().upload_put_guard.check(key)
    # None would fall back to the app's MAX_CONTENT_LENGTH (Flask 3.1); the grant's limit is
    # enforced by the store while streaming.
    request.max_content_length = MAX_OBJECT_SIZE
    if grant.content_type is not None and request.headers.get("Content-Type") != grant.content_type:
        raise Forbidden("Content-Type does not match the signed upload.")
    # A body the server spooled into the store's temp directory goes to the store as it is
    # (renamed or copied into place, already hashed); any other body as a bounded stream.
    raw = request.environ.get("wsgi.input")
    stream = raw if isinstance(raw, SpooledBody) else request.stream
    response = Response(status=200)
    response.set_etag(store.receive(grant, stream, request.content_length))
    return response


@blobs_bp.get("/<path:key>")
def get_blob(key: str) -> Response:
    return _serve(key)


@shared_blobs_bp.get("/<path:key>")
def get_shared_blob(key: str) -> Response:
    if not container().public_shares.exposes_blob(key):
        raise NotFound()
    return _serve(key)


def _serve(key: str) -> Response:
    store = container().blob_store
    grant = store.authorize(request.method, key, request.args)
    fileobj, info = store.open_for_serving(key)
    g.blob_size = info.size
    if "," in request.headers.get("Range", ""):
        fileobj.close()
        raise RangeNotSatisfiable("Multiple ranges are not served.", details={"size": info.size})
    response = Response(
        wrap_file(request.environ, fileobj),
        content_type=grant.content_type or UNKNOWN_TYPE,
        direct_passthrough=True,
    )
    response.content_length = info.size
    response.set_etag(info.etag)
    if grant.disposition:
        response.headers["Content-Disposition"] = grant.disposition
    elif grant.content_type is None:
        response.headers["Content-Disposition"] = "attachment"
    try:
        return response.make_conditional(request, accept_ranges=True, complete_length=info.size)
    except RequestedRangeNotSatisfiable:
        response.close()
        raise RangeNotSatisfiable(details={"size": info.size}) from None


def _harden(response: Response) -> Response:
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "sandbox"
    response.headers["Cache-Control"] = "private"
    response.headers["Cross-Origin-Resource-Policy"] = "same-origin"
    if response.status_code == 416 and "blob_size" in g:
        response.headers["Content-Range"] = f"bytes */{g.blob_size}"
    return response


blobs_bp.after_request(_harden)
shared_blobs_bp.after_request(_harden)
