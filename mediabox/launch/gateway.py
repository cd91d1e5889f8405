"""The share gateway (`mediabox serve --share-port P`): a second listener whose whole surface is
what a friend's browser needs for a share link (SPEC §4b), so that port alone can face the
internet while the library stays on the LAN."""

from __future__ import annotations

from mediabox.infra.config import Config
from mediabox.infra.http_limits import BodyLimits
from mediabox.launch.listener import Listener

# The gateway takes no uploads: bodies are the public API's small JSON (unlock, zip).
GATEWAY_BODY_LIMIT = 1024 * 1024


def start_share_gateway(config: Config, *, host: str, port: int, threads: int = 4) -> Listener:
    """Build the `share` surface app for `config` and serve it on `host:port` (a thread)."""
    from mediabox.app import create_app

    app = create_app(config, surface="share")
    listener = Listener(
        app,
        host=host,
        port=port,
        threads=threads,
        name="share-gateway",
        limits=BodyLimits(json_bytes=GATEWAY_BODY_LIMIT, blob_put_bytes=GATEWAY_BODY_LIMIT),
        connection_limit=config.max_connections,
    )
    return listener.start()
