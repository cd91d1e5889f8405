"""Which content types a client may declare for an upload.

The declared type is only a hint: the stored and served type is always the one sniffed from
the bytes at finalize. A declaration that is neither an image nor a video is refused at create,
except `application/octet-stream`, which browsers send for files they do not know (many RAW
and HEIC files).
"""

from __future__ import annotations

UNKNOWN_TYPE = "application/octet-stream"


def is_acceptable_declared_type(content_type: str) -> bool:
    """True for `image/*`, `video/*` and the unknown type."""
    value = content_type.strip().lower()
    return value.startswith(("image/", "video/")) or value == UNKNOWN_TYPE
