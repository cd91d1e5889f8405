"""Flask JSON through orjson: UUIDs and aware datetimes (ISO 8601, `Z`) natively, and fast."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime
from typing import Any

import orjson
from flask.json.provider import JSONProvider

OPTIONS = orjson.OPT_UTC_Z | orjson.OPT_NON_STR_KEYS


def _default(value: Any) -> Any:
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _stdlib_default(value: Any) -> Any:
    if isinstance(value, datetime):
        text = value.astimezone(UTC).isoformat() if value.tzinfo else value.isoformat()
        return text.replace("+00:00", "Z")
    if isinstance(value, (date, uuid.UUID)):
        return str(value)
    return _default(value)


def encode(obj: Any) -> bytes:
    """orjson, or the standard library for what orjson refuses (e.g. integers past 64 bits)."""
    try:
        return orjson.dumps(obj, default=_default, option=OPTIONS)
    except orjson.JSONEncodeError:
        return json.dumps(obj, default=_stdlib_default, ensure_ascii=False).encode()


class OrjsonProvider(JSONProvider):
    """The app's JSON provider."""

    def dumps(self, obj: Any, **kwargs: Any) -> str:
        return encode(obj).decode()

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        return orjson.loads(s)

    def response(self, *args: Any, **kwargs: Any):
        obj = self._prepare_response_obj(args, kwargs)
        return self._app.response_class(encode(obj), mimetype="application/json")
