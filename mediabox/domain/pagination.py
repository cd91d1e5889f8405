"""Opaque keyset cursors: base64url of a small JSON list, validated on the way back in."""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from mediabox.domain.errors import ValidationFailed

MAX_CURSOR_LENGTH = 512


def encode_cursor(*values: Any) -> str:
    raw = json.dumps(list(values), separators=(",", ":"), default=str).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, arity: int) -> list[Any]:
    """Return the cursor's values; anything malformed is a 400, never a 500."""
    if len(cursor) > MAX_CURSOR_LENGTH:
        raise ValidationFailed("The cursor is not valid.", code="invalid_cursor")
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(raw, parse_constant=_refuse_constant)
    except (binascii.Error, ValueError, UnicodeDecodeError) as exc:
        raise ValidationFailed("The cursor is not valid.", code="invalid_cursor") from exc
    if not isinstance(values, list) or len(values) != arity:
        raise ValidationFailed("The cursor is not valid.", code="invalid_cursor")
    return values


MAX_POSITION = 2**62


def cursor_int(value: Any) -> int:
    """A cursor value that must be a plain integer of sane size (album positions)."""
    if isinstance(value, bool) or not isinstance(value, int) or abs(value) > MAX_POSITION:
        raise ValidationFailed("The cursor is not valid.", code="invalid_cursor")
    return value


def cursor_str(value: Any) -> str:
    """A cursor value that must be a string (timestamps, ids)."""
    if not isinstance(value, str):
        raise ValidationFailed("The cursor is not valid.", code="invalid_cursor")
    return value


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed in a cursor")
