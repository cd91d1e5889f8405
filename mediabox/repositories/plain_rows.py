"""Result rows as plain JSON-ready values, without SQLAlchemy's per-value type processing.

A typed select turns every id into a `uuid.UUID` and every timestamp into an aware `datetime`
(parsed from text on SQLite, then given its UTC zone by `UTCDateTime`), only for the API to
write them back out as text: on a 200-row page that costs more than twice the query's own
execute and fetch. Here the same query's columns come back as the driver gives them and are
turned straight into what the JSON carries: the canonical UUID text, RFC 3339 UTC timestamps
ending in `Z` (microseconds only when there are any, as orjson writes them), `YYYY-MM-DD`
dates and booleans. Values in a shape the fast path does not expect take the slow, general
path, so the output never depends on which one ran.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Boolean, Date, Uuid, type_coerce
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.types import NullType

from mediabox.domain.models import UTCDateTime

_ZERO = timedelta(0)
Converter = Callable[[tuple], list]


def utc_text(value: datetime) -> str:
    """An aware or naive-UTC datetime as orjson writes it with `OPT_UTC_Z`."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    elif value.utcoffset() != _ZERO:
        value = value.astimezone(UTC)
    text = value.replace(tzinfo=None).isoformat()
    return text + "Z"


def _uuid_text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, uuid.UUID):
        return str(value)
    return str(uuid.UUID(value if isinstance(value, str) else bytes(value).hex()))


def _timestamp_text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return utc_text(value)


def _date_text(value) -> str | None:
    if value is None or (isinstance(value, str) and len(value) == 10):
        return value
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    return value.isoformat()


def _bool(value) -> bool | None:
    return None if value is None else bool(value)


# What SQLAlchemy writes on SQLite: a Uuid as its 32 lower-case hex digits, a DateTime as
# "YYYY-MM-DD HH:MM:SS.ffffff". A column entirely in that shape is checked and converted as one
# string, one value a line (C string operations, no Python work per value).
_NOT_HEX = str.maketrans("", "", "0123456789abcdef\n")
_NOT_TIMESTAMP = str.maketrans("", "", "0123456789-: .\n")
_TIMESTAMP_MARKS = ((4, "-"), (7, "-"), (10, " "), (13, ":"), (16, ":"), (19, "."), (26, "\n"))


def _joined(values: tuple) -> str | None:
    """The values one a line, if they are all text."""
    try:
        return "\n".join(values) + "\n"
    except TypeError:
        return None


def _sqlite_uuids(text: str | None, count: int) -> bool:
    return (
        text is not None
        and len(text) == 33 * count
        and text[32::33] == "\n" * count
        and not text.translate(_NOT_HEX)
    )


def _sqlite_timestamps(text: str | None, count: int) -> bool:
    return (
        text is not None
        and len(text) == 27 * count
        and all(text[at::27] == mark * count for at, mark in _TIMESTAMP_MARKS)
        and not text.translate(_NOT_TIMESTAMP)
    )


def _uuid_column(values: tuple) -> list:
    if not _sqlite_uuids(_joined(values), len(values)):
        return [_uuid_text(v) for v in values]
    return [f"{v[:8]}-{v[8:12]}-{v[12:16]}-{v[16:20]}-{v[20:]}" for v in values]


def _timestamp_column(values: tuple) -> list:
    if values.count(None) == len(values):
        return list(values)
    text = _joined(values)
    if not _sqlite_timestamps(text, len(values)):
        return [_timestamp_text(v) for v in values]
    text = text.replace(".000000\n", "\n").replace(" ", "T").replace("\n", "Z\n")
    return text.split("\n")[:-1]


def _each(convert: Callable) -> Converter:
    return lambda values: [convert(v) for v in values]


def _converter_of(column: ColumnElement) -> Converter | None:
    kind = column.type
    if isinstance(kind, Uuid):
        return _uuid_column
    if isinstance(kind, UTCDateTime):
        return _timestamp_column
    if isinstance(kind, Date):
        return _each(_date_text)
    if isinstance(kind, Boolean):
        return _each(_bool)
    return None


class PlainColumns:
    """A select's columns, untyped, and how to turn their driver values into plain ones."""

    def __init__(self, columns: Sequence[ColumnElement]):
        self.names = tuple(column.key for column in columns)
        self.untyped = [type_coerce(c, NullType()).label(c.key) for c in columns]
        self._converters = [
            (index, convert)
            for index, convert in ((i, _converter_of(c)) for i, c in enumerate(columns))
            if convert is not None
        ]

    def plain_rows(self, rows: Sequence[Sequence]) -> list[tuple]:
        """Rows of the untyped columns as tuples of JSON-ready values, converted a column at
        a time (no function call per value for the shapes SQLite stores)."""
        if not rows:
            return []
        values = list(zip(*rows, strict=True))
        for index, convert in self._converters:
            values[index] = convert(values[index])
        return list(zip(*values, strict=True))
