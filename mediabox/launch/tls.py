"""HTTPS for `mediabox serve --cert FILE --key FILE`.

waitress speaks no TLS, so an HTTPS listener is cheroot (pure Python, on the standard
library's `ssl`) with the same bounds as every other listener: a declared body above what the
route may take is a 413 in the common error shape before the app reads a byte, a chunked one is
a 411, open connections are capped and idle ones time out. Blob bodies are
not spooled into the store's temp directory here: the store reads them as it does any stream.
"""

from __future__ import annotations

import json
import logging
import ssl
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mediabox.infra.http_limits import BodyLimits

log = logging.getLogger(__name__)

IDLE_TIMEOUT_SECONDS = 300


class TlsError(Exception):
    """The certificate or key cannot be used (the message says why)."""


@dataclass(frozen=True)
class TlsFiles:
    """A PEM certificate (with its chain) and its private key."""

    cert: Path
    key: Path

    def context(self) -> ssl.SSLContext:
        """A server context for these files, TLS 1.2 at least; `TlsError` when unusable."""
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        try:
            context.load_cert_chain(str(self.cert), str(self.key))
        except (OSError, ssl.SSLError) as exc:
            raise TlsError(
                f"cannot use the TLS certificate {self.cert} with the key {self.key}: {exc}"
            ) from exc
        return context


def bounded(app, limits: BodyLimits):
    """`app` behind the request-body limits of `limits` (see `mediabox.infra.http_limits`):
    a declared body above the route's limit is a 413 before a byte of it is read, and a
    chunked body (no length to check; cheroot hands it on undecoded, so the app would read
    nothing) is a 411: browsers and the API's clients always send a Content-Length."""

    def guarded(environ, start_response):
        limit = limits.for_request(environ.get("REQUEST_METHOD", ""), environ.get("PATH_INFO", ""))
        declared = environ.get("CONTENT_LENGTH") or ""
        if declared.isdigit() and int(declared) > limit:
            message = f"The request body is larger than this endpoint accepts ({limit} bytes)."
            return _refuse(start_response, "413 Payload Too Large", "payload_too_large", message)
        if "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower():
            message = "Send the request body with a Content-Length (chunked bodies are refused)."
            return _refuse(start_response, "411 Length Required", "length_required", message)
        return app(environ, start_response)

    return guarded


def _refuse(start_response, status: str, code: str, message: str):
    body = json.dumps({"error": {"code": code, "message": message, "details": None}}).encode()
    start_response(
        status,
        [
            ("Content-Type", "application/json"),
            ("Content-Length", str(len(body))),
            ("Connection", "close"),
        ],
    )
    return [body]


class TlsListener:
    """Serve a WSGI app over HTTPS on `host:port`: bound in the constructor (a taken port fails
    at once, as `OSError`), served by `serve()` here or `start()` on a thread, `stop()`."""

    def __init__(
        self,
        app,
        *,
        host: str,
        port: int,
        tls: TlsFiles,
        limits: BodyLimits,
        connection_limit: int = 100,
        threads: int = 8,
        name: str = "https",
    ):
        from cheroot import wsgi
        from cheroot.ssl.builtin import BuiltinSSLAdapter

        context = tls.context()  # a clear TlsError first, before cheroot reads the files
        adapter = BuiltinSSLAdapter(str(tls.cert), str(tls.key))
        adapter.context = context
        self._server = wsgi.Server(
            (host, port),
            bounded(app, limits),
            numthreads=threads,
            server_name="mediabox",
            timeout=IDLE_TIMEOUT_SECONDS,
            accepted_queue_size=connection_limit,
            request_queue_size=min(connection_limit, 128),
        )
        self._server.max_request_body_size = max(limits.json_bytes, limits.blob_put_bytes) + 1
        self._server.keep_alive_conn_limit = connection_limit
        self._server.ssl_adapter = adapter
        self._server.prepare()
        self.host = host
        self.port = int(self._server.bind_addr[1])
        self._thread = threading.Thread(target=self.serve, name=f"mediabox-{name}", daemon=True)

    @property
    def url(self) -> str:
        from mediabox.launch.listener import base_url

        return base_url("https", self.host, self.port)

    def serve(self) -> None:
        """Serve on this thread until `stop()`."""
        try:
            self._server.serve()
        finally:
            self._server.stop()

    def start(self) -> TlsListener:
        self._thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        """Stop accepting, let running requests finish (up to `timeout`), free the port."""
        self._server.shutdown_timeout = timeout
        self._server.stop()
        if self._thread.is_alive():
            self._thread.join(timeout)
