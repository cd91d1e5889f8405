"""`CORS_ORIGINS` accepts exact origins only.

flask-cors treats `*` as "any origin" and an entry with regex characters as a pattern, and
with credentials on it then reflects every matching origin: a typo becomes a hole. Each entry
must be exactly `scheme://host[:port]` (http or https, no path, no wildcard, no pattern).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from mediabox.infra.config import ConfigError

_PATTERN_CHARS = re.compile(r"[*\\\]\[?$^()|+{}\s]")
_HOST = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$")


def validate_cors_origins(origins: list[str]) -> list[str]:
    """Return the origins if each is an exact `scheme://host[:port]`; else raise ConfigError."""
    for origin in origins:
        if not _is_exact_origin(origin):
            raise ConfigError(
                f"CORS_ORIGINS entry {origin!r} is not an exact origin: list each allowed site "
                "as scheme://host[:port], e.g. https://photos.example.net (no *, paths or "
                "patterns)"
            )
    return origins


def _is_exact_origin(origin: str) -> bool:
    if _PATTERN_CHARS.search(origin):
        return False
    try:
        parts = urlsplit(origin)
        port = parts.port
    except ValueError:
        return False
    host = parts.hostname or ""
    if parts.scheme not in {"http", "https"} or not _HOST.match(host):
        return False
    if parts.username or parts.password or parts.path or parts.query or parts.fragment:
        return False
    return origin == f"{parts.scheme}://{host}" + (f":{port}" if port is not None else "")
