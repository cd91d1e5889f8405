"""Launchers: the long-running processes Mediabox runs as, each building its apps from a
config. `server.py` is the LAN server (`mediabox serve`), `worker.py` the standalone job
consumer (`mediabox worker`); the desktop window and the share gateway join them here."""

from __future__ import annotations

import logging


def configure_logging() -> None:
    """Log INFO and above to stderr (a process-wide choice, made by the launcher, not an app)."""
    logging.basicConfig(level=logging.INFO)
