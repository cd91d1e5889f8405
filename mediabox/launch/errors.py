"""What a launcher reports when it cannot start (standard library only: the desktop's window
process imports it without the server's modules)."""

from __future__ import annotations


class LaunchError(Exception):
    """The server cannot start (the message says why)."""
