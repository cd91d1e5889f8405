"""The BlobStore protocol, its value types, key validation and pure helpers."""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import BinaryIO, Protocol
from urllib.parse import quote

from mediabox.domain.errors import ValidationFailed
from mediabox.domain.storage_keys import is_valid_key

MiB = 1024 * 1024
MIN_PART_SIZE = 5 * MiB
PLANNED_MIN_PART_SIZE = 8 * MiB
MAX_PART_SIZE = 5 * 1024 * MiB
MAX_PART_COUNT = 10_000
MAX_OBJECT_SIZE = 5 * 1024 * 1024 * MiB


def utc_now() -> datetime:
    """The default clock: an aware UTC datetime."""
    return datetime.now(UTC)


def validate_key(key: object) -> str:
    """Return ``key`` if it is an original, thumbnail, preview or poster key; else raise."""
    if not is_valid_key(key):
        raise ValidationFailed("Invalid blob key.", details={"key": str(key)[:200]})
    return key


def validate_part_number(part_number: object) -> int:
    """Return ``part_number`` if it is an int between 1 and 10,000; else raise."""
    if (
        isinstance(part_number, bool)
        or not isinstance(part_number, int)
        or not 1 <= part_number <= MAX_PART_COUNT
    ):
        raise ValidationFailed("Invalid part number.", details={"part_number": part_number})
    return part_number


def validate_range(start: int, length: int) -> None:
    """Raise unless ``start`` and ``length`` are non-negative."""
    if start < 0 or length < 0:
        raise ValidationFailed("Invalid byte range.", details={"start": start, "length": length})


def plan_parts(size: int) -> tuple[int, int]:
    """Choose ``(part_size, part_count)`` for a multipart upload of ``size`` bytes.

    Parts are at least 8 MiB and double in size until the file fits in 10,000 parts.
    """
    if size < 0 or size > MAX_OBJECT_SIZE:
        raise ValidationFailed("Unsupported upload size.", details={"size": size})
    part_size = PLANNED_MIN_PART_SIZE
    while math.ceil(size / part_size) > MAX_PART_COUNT:
        part_size *= 2
    return part_size, max(1, math.ceil(size / part_size))


def stable_window(now: datetime, expires_in: int) -> tuple[datetime, datetime]:
    """Return ``(window_start, expires_at)`` for a URL that is identical within a TTL window.

    The window is ``expires_in`` long; the URL expires one window after the end of the
    current one, so it stays valid at least ``expires_in`` seconds from ``now``.
    """
    epoch = int(now.timestamp())
    start = epoch - epoch % expires_in
    return (
        datetime.fromtimestamp(start, UTC),
        datetime.fromtimestamp(start + 2 * expires_in, UTC),
    )


def expiry(now: datetime, expires_in: int) -> datetime:
    """The expiry instant of a non-stable URL, truncated to whole seconds."""
    return (now + timedelta(seconds=expires_in)).replace(microsecond=0)


def validate_expires_in(expires_in: object) -> int:
    """Return ``expires_in`` if it is a sensible TTL in seconds (1 s to 7 days)."""
    if isinstance(expires_in, bool) or not isinstance(expires_in, int):
        raise ValidationFailed("Invalid expiry.", details={"expires_in": expires_in})
    if not 1 <= expires_in <= 7 * 24 * 3600:
        raise ValidationFailed("Invalid expiry.", details={"expires_in": expires_in})
    return expires_in


def content_disposition(filename: str | None, *, attachment: bool) -> str:
    """Build an RFC 6266 ``Content-Disposition`` value with an ASCII fallback filename."""
    kind = "attachment" if attachment else "inline"
    if not filename:
        return kind
    cleaned = "".join(ch for ch in filename if unicodedata.category(ch)[0] != "C")
    cleaned = cleaned.replace("/", "_").replace("\\", "_").strip() or "download"
    ascii_name = _ascii_fallback(cleaned)
    value = f'{kind}; filename="{ascii_name}"'
    if ascii_name != cleaned:
        value += f"; filename*=UTF-8''{quote(cleaned, safe='')}"
    return value


def _ascii_fallback(filename: str) -> str:
    decomposed = unicodedata.normalize("NFKD", filename)
    ascii_name = decomposed.encode("ascii", "ignore").decode("ascii").replace('"', "'")
    stem, dot, ext = ascii_name.rpartition(".")
    if not dot:
        stem, ext = ascii_name, ""
    if not any(ch.isalnum() for ch in stem):
        stem = "download"
    return f"{stem}.{ext}" if ext else stem


@dataclass(frozen=True)
class PresignedRequest:
    """A short-lived URL plus the method and headers the client must use with it."""

    url: str
    method: str
    headers: dict[str, str] = field(default_factory=dict)
    expires_at: datetime = field(default_factory=utc_now)


@dataclass(frozen=True)
class ObjectInfo:
    """Size, entity tag (without quotes) and content type of a stored object."""

    size: int
    etag: str
    content_type: str


@dataclass(frozen=True)
class PartInfo:
    """One uploaded part of a multipart upload."""

    part_number: int
    size: int
    etag: str


class BlobStore(Protocol):
    """Storage for originals, thumbnails, previews and posters (S3 or local disk).

    Browsers read and write only through the short-lived URLs this returns; server-side
    code uses the direct methods. Keys are validated on every call.
    """

    def presign_put(
        self, key: str, content_type: str, max_bytes: int, expires_in: int
    ) -> PresignedRequest: ...

    def create_multipart(
        self, key: str, content_type: str, part_size: int | None = None
    ) -> str: ...

    def presign_part(
        self, key: str, upload_id: str, part_number: int, expires_in: int, max_bytes: int
    ) -> str: ...

    def list_parts(self, key: str, upload_id: str) -> list[PartInfo]: ...

    def complete_multipart(
        self, key: str, upload_id: str, parts: list[tuple[int, str]] | None = None
    ) -> None: ...

    def abort_multipart(self, key: str, upload_id: str) -> None: ...

    def presign_get(
        self,
        key: str,
        expires_in: int,
        *,
        filename: str | None = None,
        content_type: str | None = None,
        attachment: bool = False,
        stable: bool = False,
    ) -> PresignedRequest: ...

    def stable_jpeg_urls(self, keys: Sequence[str], expires_in: int) -> list[str]:
        """`presign_get(key, expires_in, content_type="image/jpeg", stable=True).url` of each
        key (a store may sign them in one pass)."""
        ...

    def head(self, key: str) -> ObjectInfo | None: ...

    def set_content_type(self, key: str, content_type: str) -> None:
        """Record the sniffed type of a stored object (replacing what the uploader declared)."""

    def read_range(self, key: str, start: int, length: int) -> bytes: ...

    def open_read(self, key: str) -> BinaryIO: ...

    def put_file(self, key: str, fileobj: BinaryIO, content_type: str) -> None: ...

    def delete(self, key: str) -> None: ...

    def delete_many(self, keys: Iterable[str]) -> None: ...
