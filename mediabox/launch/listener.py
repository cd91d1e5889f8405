"""A waitress listener on its own thread that any thread can stop: the share gateway, the
desktop window's server and the desktop's LAN listener all run as one."""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mediabox.infra.http_limits import BodyLimits

log = logging.getLogger(__name__)

POLL_SECONDS = 0.2


def base_url(scheme: str, host: str, port: int) -> str:
    """The URL this machine reaches a listener on `host:port` at (loopback for 0.0.0.0)."""
    reach = "127.0.0.1" if host in ("0.0.0.0", "") else host  # noqa: S104
    return f"{scheme}://{reach}:{port}/"


class Listener:
    """Serve a WSGI app on `host:port` from a background thread.

    The socket is bound in the constructor (so a taken port fails at once, as `OSError`), the
    loop runs after `start()`, and `stop()` closes the socket and the worker threads; requests
    in flight get `stop`'s timeout to finish.
    """

    def __init__(
        self,
        app,
        *,
        host: str,
        port: int,
        limits: BodyLimits,
        connection_limit: int = 100,
        threads: int = 4,
        name: str = "listener",
        **adj: Any,
    ):
        from mediabox.infra.http_limits import create_bounded_server

        adj.setdefault("ident", "mediabox")
        adj.setdefault("channel_timeout", 300)
        self.app = app
        self._stopping = threading.Event()
        self._map: dict = {}
        self._server = create_bounded_server(
            app,
            limits=limits,
            connection_limit=connection_limit,
            map=self._map,
            host=host,
            port=port,
            threads=threads,
            **adj,
        )
        self.host = host
        self.port = int(self._server.effective_port)
        self._thread = threading.Thread(target=self._run, name=f"mediabox-{name}", daemon=True)

    @property
    def url(self) -> str:
        return base_url("http", self.host, self.port)

    def start(self) -> Listener:
        self._thread.start()
        return self

    def _run(self) -> None:
        from waitress import wasyncore

        try:
            while not self._stopping.is_set() and self._map:
                wasyncore.loop(timeout=POLL_SECONDS, map=self._map, count=1)
        except Exception:  # pragma: no cover - waitress logs its own channel errors
            log.exception("listener on port %s failed", self.port)
        finally:
            self._server.task_dispatcher.shutdown(timeout=5)
            wasyncore.close_all(self._map, ignore_all=True)

    def stop(self, timeout: float = 5.0) -> None:
        """Stop accepting, let running requests finish (up to `timeout`), free the port."""
        self._stopping.set()
        if self._thread.is_alive():
            self._thread.join(timeout)
        else:
            self._server.task_dispatcher.shutdown(timeout=0)
            from waitress import wasyncore

            wasyncore.close_all(self._map, ignore_all=True)

    @property
    def running(self) -> bool:
        return self._thread.is_alive()
