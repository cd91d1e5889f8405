"""Request-body bounds enforced by the WSGI server before a byte of the body is spooled.

waitress reads a whole request body (to memory, then a temporary file) before the app runs,
so a limit checked in Flask comes too late. Here the limit is checked as soon as the request
headers are parsed: a declared `Content-Length` above what the route can legitimately take is
answered 413 at once and the connection closed; a chunked body is cut off when it passes the
limit. Only the local blob store's `PUT` accepts more than the JSON limit: the largest single
upload or planned multipart part, plus slack.

Those blob `PUT` bodies are spooled into the local store's temp directory (when it exists)
rather than waitress's anonymous temporary file, so the store can rename or copy them into
place instead of reading and writing them again
(`mediabox.infra.body_spool`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from waitress.channel import HTTPChannel
from waitress.parser import HTTPRequestParser
from waitress.server import BaseWSGIServer, create_server
from waitress.utilities import RequestEntityTooLarge

from mediabox.infra.blobstore.base import plan_parts
from mediabox.infra.blobstore.local import tmp_dir_of
from mediabox.infra.body_spool import SpoolBuffer
from mediabox.infra.config import Config

BLOB_PUT_PREFIX = "/api/v1/blobs/"
BODY_SLACK_BYTES = 64 * 1024


@dataclass(frozen=True)
class BodyLimits:
    """The largest body each kind of request may carry, in bytes."""

    json_bytes: int
    blob_put_bytes: int
    blob_spool_dir: Path | None = None

    @classmethod
    def for_uploads(
        cls,
        *,
        json_bytes: int,
        multipart_threshold_bytes: int,
        max_upload_size_bytes: int,
        blob_spool_dir: Path | None = None,
    ) -> BodyLimits:
        """Limits for a server whose uploads are planned by these settings; blob PUT bodies
        are spooled into `blob_spool_dir` when it is given and exists."""
        largest_part, _count = plan_parts(max(0, max_upload_size_bytes))
        largest_put = max(multipart_threshold_bytes, largest_part)
        return cls(
            json_bytes=json_bytes,
            blob_put_bytes=largest_put + BODY_SLACK_BYTES,
            blob_spool_dir=blob_spool_dir,
        )

    @classmethod
    def from_config(cls, config: Config) -> BodyLimits:
        """Limits from the JSON limit and upload settings of `config`."""
        return cls.for_uploads(
            json_bytes=config.max_json_body_bytes,
            multipart_threshold_bytes=config.multipart_threshold_bytes,
            max_upload_size_bytes=config.max_upload_size_bytes,
            blob_spool_dir=None if config.use_s3 else tmp_dir_of(config.blob_root),
        )

    def for_request(self, method: str, path: str) -> int:
        """The body limit of one request, chosen from its method and path."""
        if method == "PUT" and path.startswith(BLOB_PUT_PREFIX):
            return self.blob_put_bytes
        return self.json_bytes

    def spool_dir_for(self, method: str, path: str) -> Path | None:
        """Where the body of one request is spooled, if not in waitress's own buffer."""
        if self.blob_spool_dir is None or method != "PUT" or not path.startswith(BLOB_PUT_PREFIX):
            return None
        return self.blob_spool_dir if self.blob_spool_dir.is_dir() else None


def bounded_parser(
    limit_for: Callable[[str, str], int],
    spool_dir_for: Callable[[str, str], Path | None] = lambda _method, _path: None,
) -> type[HTTPRequestParser]:
    """A waitress request parser that refuses bodies above `limit_for(method, path)` and
    spools them into `spool_dir_for(method, path)` when that names a directory."""

    class BoundedRequestParser(HTTPRequestParser):
        def received(self, data: bytes) -> int:
            headers_were_finished = self.headers_finished
            consumed = super().received(data)
            if self.error is not None or not self.headers_finished:
                return consumed
            method, path = self.command or "", self.path or ""
            limit = limit_for(method, path)
            declared_too_large = not headers_were_finished and self.content_length > limit
            if declared_too_large or self.body_bytes_received > limit:
                self.error = RequestEntityTooLarge(f"exceeds max_body of {limit}")
                self.completed = True
            elif not headers_were_finished and self.body_rcv is not None:
                spool_dir = spool_dir_for(method, path)
                if spool_dir is not None and not self.body_rcv.buf:
                    self.body_rcv.buf.close()
                    self.body_rcv.buf = SpoolBuffer(spool_dir)
            return consumed

    return BoundedRequestParser


def create_bounded_server(app, *, limits: BodyLimits, connection_limit: int, **adjustments):
    """A waitress server whose every listener applies `limits` and caps open connections."""
    parser_class = bounded_parser(limits.for_request, limits.spool_dir_for)

    class BoundedChannel(HTTPChannel):
        pass

    BoundedChannel.parser_class = parser_class
    server = create_server(
        app,
        connection_limit=connection_limit,
        max_request_body_size=max(limits.json_bytes, limits.blob_put_bytes) + 1,
        **adjustments,
    )
    socket_map = getattr(server, "map", None) or getattr(server, "_map", {})
    for dispatcher in list(socket_map.values()):
        if isinstance(dispatcher, BaseWSGIServer):
            dispatcher.channel_class = BoundedChannel
    return server
