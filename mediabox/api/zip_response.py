"""The streamed ZIP response shared by the owner's and the share link's zip downloads."""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask import Response

from mediabox.api.deps import container
from mediabox.infra.blobstore.base import content_disposition

if TYPE_CHECKING:
    from mediabox.services.zips import ZipArchive


def zip_response(archive: ZipArchive) -> Response:
    """Stream `archive` from the blob store: chunked, never buffered, never cached."""
    store = container().blob_store
    response = Response(archive.stream(store.open_read), mimetype="application/zip")
    response.headers["Content-Disposition"] = content_disposition(archive.filename, attachment=True)
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "sandbox"
    return response
