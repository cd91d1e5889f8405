"""The share gateway (`mediabox serve --share-port P`): a second listener whose whole surface is
what a friend's browser needs for a share link (SPEC §4b), so that port alone can face the
internet while the library stays on the LAN."""

from __future__ import annotations

from mediabox.infra.config import Config
from mediabox.infra.http_limits import BodyLimits
from mediabox.launch.listener import Listener
from mediabox.launch.tls import TlsFiles, TlsListener

# The gateway takes no uploads: bodies are the public API's small JSON (unlock, zip).
GATEWAY_BODY_LIMIT = 1024 * 1024


def start_share_gateway(
    config: Config, *, host: str, port: int, threads: int = 4, tls: TlsFiles | None = None
) -> Listener | TlsListener:
    """Build the `share` surface app for `config` and serve it on `host:port` (a thread), over
    HTTPS when `tls` is given."""
    from mediabox.app import create_app

    app = create_app(config, surface="share")
    limits = BodyLimits(json_bytes=GATEWAY_BODY_LIMIT, blob_put_bytes=GATEWAY_BODY_LIMIT)
    common = {"host": host, "port": port, "threads": threads, "name": "share-gateway"}
    if tls is not None:
        listener = TlsListener(
            app, tls=tls, limits=limits, connection_limit=config.max_connections, **common
        )
    else:
        listener = Listener(app, limits=limits, connection_limit=config.max_connections, **common)
    return listener.start()
