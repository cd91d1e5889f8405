"""Zip downloads (SPEC §4b): a short-lived signed ticket that names what to pack, and the archive
streamed from the blob store as ZIP64 by `stream-zip` — first bytes at once, no temp file,
memory bounded by one chunk per file, entry names made unique.

`ZipService` is the owner's side (`POST /assets/zip`); the share side lives in
`PublicShareService.zip_link` / `zip_archive`, which check the link on both requests.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import posixpath
import unicodedata
import uuid
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import PurePosixPath
from typing import BinaryIO

from itsdangerous import BadSignature, TimestampSigner, URLSafeTimedSerializer
from sqlalchemy.orm import Session

from mediabox.domain.clock import Clock
from mediabox.domain.errors import Forbidden, NotFound, ValidationFailed
from mediabox.domain.models import Asset, User
from mediabox.repositories.albums import SHOWN_STATUSES
from mediabox.repositories.assets import AssetRepository

CHUNK_SIZE = 256 * 1024
MAX_ZIP_ASSETS = 1000
ZIP_EPOCH = datetime(1980, 1, 2, tzinfo=UTC)
MAX_NAME_LENGTH = 200


@dataclass(frozen=True)
class ZipLink:
    """What `POST …/zip` answers: the signed GET URL, when it stops working, how many files."""

    url: str
    expires_at: datetime
    count: int


@dataclass(frozen=True)
class ZipEntry:
    """One file of an archive: its (unique) name, the original's key and its date."""

    name: str
    key: str
    modified_at: datetime


@dataclass(frozen=True)
class ZipArchive:
    """An archive ready to stream: resolved before the response starts, so streaming needs
    no database session, only the store."""

    filename: str
    entries: list[ZipEntry]

    def stream(self, open_read: Callable[[str], BinaryIO]) -> Iterator[bytes]:
        """The ZIP64 bytes. Media is already compressed, so members are stored deflate blocks
        (level 0): no CPU spent on squeezing JPEGs and videos, still readable everywhere."""
        from stream_zip import ZIP_64, stream_zip

        def members():
            for entry in self.entries:
                yield (
                    entry.name,
                    entry.modified_at,
                    0o644,
                    ZIP_64,
                    _file_chunks(open_read, entry.key),
                )

        return stream_zip(
            members(),
            chunk_size=CHUNK_SIZE,
            get_compressobj=lambda: zlib.compressobj(level=0, wbits=-zlib.MAX_WBITS),
        )


def _file_chunks(open_read: Callable[[str], BinaryIO], key: str) -> Iterator[bytes]:
    fileobj = open_read(key)
    try:
        while chunk := fileobj.read(CHUNK_SIZE):
            yield chunk
    finally:
        fileobj.close()


def safe_entry_name(filename: str) -> str:
    """A flat, printable file name (no folders, no control characters, no leading dots)."""
    cleaned = "".join(ch for ch in filename if unicodedata.category(ch)[0] != "C")
    cleaned = posixpath.basename(cleaned.replace("\\", "/")).strip().lstrip(".")
    if not cleaned:
        cleaned = "file"
    stem, ext = posixpath.splitext(cleaned)
    return stem[: MAX_NAME_LENGTH - len(ext)] + ext[:20]


def unique_names(filenames: Iterable[str]) -> list[str]:
    """`safe_entry_name` of each, with " (2)", " (3)"… added so no two are equal, ignoring case
    (archives are unpacked onto case-insensitive disks too)."""
    taken: set[str] = set()
    names = []
    for filename in filenames:
        name = safe_entry_name(filename)
        stem, ext = posixpath.splitext(name)
        number = 1
        while name.casefold() in taken:
            number += 1
            name = f"{stem} ({number}){ext}"
        taken.add(name.casefold())
        names.append(name)
    return names


def entries_of(
    assets: Sequence[Asset], *, preview_only: Callable[[Asset], bool] | None = None
) -> list[ZipEntry]:
    """Archive entries of assets that have an original, in the given order. Assets for which
    `preview_only` is true go in as their preview (a JPEG without metadata), or not at all."""
    chosen: list[tuple[str, str, Asset]] = []
    for asset in assets:
        if preview_only is not None and preview_only(asset):
            if asset.storage_key_preview:
                stem = PurePosixPath(asset.original_filename or "photo").stem or "photo"
                chosen.append((f"{stem}.jpg", asset.storage_key_preview, asset))
        elif asset.storage_key_original:
            chosen.append((asset.original_filename, asset.storage_key_original, asset))
    names = unique_names(name for name, _key, _asset in chosen)
    return [
        ZipEntry(name, key, _zip_time(asset.captured_at))
        for name, (_n, key, asset) in zip(names, chosen, strict=True)
    ]


def _zip_time(value: datetime | None) -> datetime:
    if value is None:
        return ZIP_EPOCH
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return max(value, ZIP_EPOCH)


def is_zippable(asset: Asset | None) -> bool:
    return asset is not None and asset.deleted_at is None and asset.status in SHOWN_STATUSES


def encode_ids(ids: Sequence[uuid.UUID]) -> str:
    return base64.urlsafe_b64encode(b"".join(i.bytes for i in ids)).decode("ascii").rstrip("=")


def decode_ids(text: str) -> list[uuid.UUID]:
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as exc:
        raise _invalid() from exc
    if len(raw) % 16:
        raise _invalid()
    return [uuid.UUID(bytes=raw[i : i + 16]) for i in range(0, len(raw), 16)]


class ZipTickets:
    """Signs what a zip URL may pack, for one scope (an owner, or one share link), for `ttl`
    seconds of the service clock. The key is derived from the URL-signing secret."""

    def __init__(self, secret: str, clock: Clock, ttl_seconds: int):
        self.clock = clock
        self.ttl = ttl_seconds
        self._key = hmac.new(secret.encode(), b"mediabox zip ticket", hashlib.sha256).digest()
        clock_ref = clock

        class _ClockSigner(TimestampSigner):
            def get_timestamp(self) -> int:
                return int(clock_ref().timestamp())

        self._signer = _ClockSigner

    def _serializer(self, scope: str) -> URLSafeTimedSerializer:
        return URLSafeTimedSerializer(self._key, salt=f"zip:{scope}", signer=self._signer)

    def issue(
        self, scope: str, ids: Sequence[uuid.UUID] | None, owner: uuid.UUID | None = None
    ) -> tuple[str, datetime]:
        """A ticket for `ids` (None: everything the scope shows) and its expiry."""
        payload = {"ids": encode_ids(ids) if ids is not None else None}
        if owner is not None:
            payload["u"] = str(owner)
        expires_at = (self.clock() + timedelta(seconds=self.ttl)).replace(microsecond=0)
        return self._serializer(scope).dumps(payload), expires_at

    def read(self, scope: str, ticket: str) -> tuple[list[uuid.UUID] | None, str | None]:
        """`(ids, owner)` of a valid, unexpired ticket of `scope` (ids None: all), else 403."""
        try:
            payload = self._serializer(scope).loads(ticket, max_age=self.ttl)
        except (BadSignature, ValueError, TypeError) as exc:
            raise _invalid() from exc
        if not isinstance(payload, dict):
            raise _invalid()
        ids = payload.get("ids")
        owner = payload.get("u")
        return (None if ids is None else decode_ids(str(ids))), owner


def _invalid() -> Forbidden:
    return Forbidden("This download link is invalid or has expired.", code="invalid_zip_ticket")


def unique_ids(asset_ids: Sequence[uuid.UUID]) -> list[uuid.UUID]:
    """The ids in order without repeats; at least one, at most MAX_ZIP_ASSETS."""
    ids = list(dict.fromkeys(asset_ids))
    if not 1 <= len(ids) <= MAX_ZIP_ASSETS:
        raise ValidationFailed(f"Give 1–{MAX_ZIP_ASSETS} assets.", code="invalid_asset_ids")
    return ids


class ZipService:
    """The owner's zip downloads of their own assets (originals, either store)."""

    def __init__(self, session: Session, assets: AssetRepository, tickets: ZipTickets):
        self.session = session
        self.assets = assets
        self.tickets = tickets

    def link(self, user: User, asset_ids: Sequence[uuid.UUID]) -> ZipLink:
        """A signed URL that streams these assets' originals (404 if any is not the user's
        or is in the trash)."""
        ids = unique_ids(asset_ids)
        found = {a.id: a for a in self.assets.get_owned_many(user.id, ids) if is_zippable(a)}
        self.session.rollback()
        if len(found) != len(ids):
            raise NotFound("No such asset.", code="asset_not_found")
        ticket, expires_at = self.tickets.issue("owner", ids, owner=user.id)
        return ZipLink(f"/api/v1/assets/zip?ticket={ticket}", expires_at, len(ids))

    def archive(self, ticket: str) -> ZipArchive:
        """The archive a ticket names; assets trashed since are left out."""
        ids, owner = self.tickets.read("owner", ticket)
        try:
            owner_id = uuid.UUID(str(owner))
        except ValueError as exc:
            raise _invalid() from exc
        ids = ids or []
        found = {a.id: a for a in self.assets.get_owned_many(owner_id, ids) if is_zippable(a)}
        entries = entries_of([found[i] for i in ids if i in found])
        self.session.rollback()
        return ZipArchive(archive_name("mediabox", self.tickets.clock()), entries)


def archive_name(title: str, now: datetime) -> str:
    """`<title>-YYYY-MM-DD.zip` with a file-safe title."""
    return f"{safe_entry_name(title)}-{now.strftime('%Y-%m-%d')}.zip"
