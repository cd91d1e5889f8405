"""Request and response schemas of /assets and /trash (the asset shape of SPEC §4a)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal

from pydantic import AwareDatetime, Field, field_validator

from mediabox.api.schemas.common import Schema, StrictIn
from mediabox.domain.asset_filters import AssetFilters

ProcessingStateOut = Literal["pending", "done", "failed"]


class ProcessingOut(Schema):
    state: ProcessingStateOut
    error: str | None = None


class AssetOut(Schema):
    """One photo or video as clients see it."""

    id: uuid.UUID
    type: str
    status: str
    original_filename: str
    content_type: str
    size_bytes: int
    sha256: str | None
    captured_at: datetime
    local_date: date
    width: int | None
    height: int | None
    duration_ms: int | None
    is_favorite: bool
    thumb_url: str | None
    thumbhash: str | None
    preview_url: str | None
    processing: ProcessingOut
    created_at: datetime
    updated_at: datetime
    deleted_at: datetime | None
    description: str
    camera_make: str | None
    camera_model: str | None
    gps_lat: float | None
    gps_lon: float | None

    @classmethod
    def of(cls, asset, media_urls, *, include_location: bool = True) -> AssetOut:
        """Serialise an asset; `include_location=False` hides GPS (e.g. for shares)."""
        return cls.model_validate(asset_json(asset, media_urls, include_location=include_location))


SOURCE_FIELDS = (
    "id", "type", "status", "original_filename", "content_type", "size_bytes", "sha256",
    "captured_at", "width", "height", "duration_ms", "is_favorite", "storage_key_thumb",
    "storage_key_preview", "storage_key_poster", "processing_state", "processing_error",
    "created_at", "updated_at", "deleted_at", "description", "camera_make", "camera_model",
    "gps_lat", "gps_lon", "local_date", "thumbhash",
)  # fmt: skip


def asset_json(asset, media_urls, *, include_location: bool = True) -> dict:
    """The AssetOut shape as a plain dict, without model validation. `asset` may be an ORM
    object or a row with the same attributes."""
    values = {name: getattr(asset, name) for name in SOURCE_FIELDS}
    return asset_json_from_values(values, media_urls, include_location=include_location)


# The page path copies most fields straight from the row, in the output's order; the others
# (status, URLs, processing, description, location) are set from their source columns after.
_PAGE_KEYS = (
    "id", "type", "status", "original_filename", "content_type", "size_bytes", "sha256",
    "captured_at", "local_date", "width", "height", "duration_ms", "is_favorite", "thumb_url",
    "thumbhash", "preview_url", "processing", "created_at", "updated_at", "deleted_at",
    "description", "camera_make", "camera_model", "gps_lat", "gps_lon",
)  # fmt: skip
_FINAL_STATES = frozenset({"done", "failed"})


def asset_page_json(
    rows, media_urls, *, include_location: bool = True, fields: Sequence[str] | None = None
) -> list[dict]:
    """The fast path for a page of result rows (the same dicts as `asset_json`): values by
    position, not by attribute, worked out a column at a time, and the page's thumbnail and
    preview URLs looked up (or signed) in one pass. `fields` names the values of plain
    tuples (else the rows' own `_fields`)."""
    if not rows:
        return []
    at = {name: index for index, name in enumerate(fields or rows[0]._fields)}
    columns = list(zip(*rows, strict=True))
    count = len(rows)

    def column(name: str) -> Sequence:
        return columns[at[name]]

    deleted = column("deleted_at")
    status = column("status")
    if deleted.count(None) != count:
        status = [s if d is None else "deleted" for s, d in zip(status, deleted, strict=True)]
    description = column("description")
    if None in description:
        description = [d or "" for d in description]
    preview_keys = zip(column("storage_key_preview"), column("storage_key_poster"), strict=True)
    previews = [preview or poster for preview, poster in preview_keys]
    processing = [
        {"state": state if state in _FINAL_STATES else "pending", "error": error}
        for state, error in zip(column("processing_state"), column("processing_error"), strict=True)
    ]
    nowhere = (None,) * count
    derived = {
        "status": status,
        "description": description,
        "thumb_url": media_urls.stable_jpeg_urls(column("storage_key_thumb")),
        "preview_url": media_urls.stable_jpeg_urls(previews),
        "processing": processing,
        "gps_lat": column("gps_lat") if include_location else nowhere,
        "gps_lon": column("gps_lon") if include_location else nowhere,
    }
    out = [derived[key] if key in derived else column(key) for key in _PAGE_KEYS]
    return [dict(zip(_PAGE_KEYS, values, strict=True)) for values in zip(*out, strict=True)]


def asset_json_from_values(values: dict, media_urls, *, include_location: bool = True) -> dict:
    thumb = values["storage_key_thumb"]
    preview = values["storage_key_preview"] or values["storage_key_poster"]
    return _asset_dict(
        values,
        media_urls.stable_jpeg_url(thumb) if thumb else None,
        media_urls.stable_jpeg_url(preview) if preview else None,
        include_location,
    )


def _asset_dict(
    values: dict, thumb_url: str | None, preview_url: str | None, include_location: bool
) -> dict:
    state = values["processing_state"]
    if state not in ("done", "failed"):
        state = "pending"
    deleted_at = values["deleted_at"]
    return {
        "id": values["id"],
        "type": values["type"],
        "status": "deleted" if deleted_at is not None else values["status"],
        "original_filename": values["original_filename"],
        "content_type": values["content_type"],
        "size_bytes": values["size_bytes"],
        "sha256": values["sha256"],
        "captured_at": values["captured_at"],
        "local_date": values["local_date"],
        "width": values["width"],
        "height": values["height"],
        "duration_ms": values["duration_ms"],
        "is_favorite": values["is_favorite"],
        "thumb_url": thumb_url,
        "thumbhash": values["thumbhash"],
        "preview_url": preview_url,
        "processing": {"state": state, "error": values["processing_error"]},
        "created_at": values["created_at"],
        "updated_at": values["updated_at"],
        "deleted_at": deleted_at,
        "description": values["description"] or "",
        "camera_make": values["camera_make"],
        "camera_model": values["camera_model"],
        "gps_lat": values["gps_lat"] if include_location else None,
        "gps_lon": values["gps_lon"] if include_location else None,
    }


class AssetListOut(Schema):
    items: list[AssetOut]
    next_cursor: str | None


def _as_utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class AssetFilterQuery(StrictIn):
    """Library filters (`GET /assets`, the timeline); a plain date in `date_to` includes that
    whole day."""

    type: Literal["photo", "video"] | None = None
    favorite: bool | None = None
    album_id: uuid.UUID | None = None
    tag: str | None = Field(default=None, min_length=1, max_length=100)
    date_from: str | None = Field(default=None, max_length=40)
    date_to: str | None = Field(default=None, max_length=40)
    q: str | None = Field(default=None, min_length=1, max_length=200)

    @field_validator("date_from", "date_to")
    @classmethod
    def _iso(cls, value: str | None) -> str | None:
        if value is not None:
            _parse_day_or_instant(value)
        return value

    def bounds(self) -> tuple[datetime | None, datetime | None]:
        """`date_from` inclusive, `date_to` exclusive, as aware UTC datetimes."""
        start = end = None
        if self.date_from:
            value = _parse_day_or_instant(self.date_from)
            start = value if isinstance(value, datetime) else datetime.combine(value, time(), UTC)
        if self.date_to:
            value = _parse_day_or_instant(self.date_to)
            if isinstance(value, datetime):
                end = value
            else:
                end = datetime.combine(value + timedelta(days=1), time(), UTC)
        return start, end

    def filters(self, *, trashed: bool = False) -> AssetFilters:
        """The filters for the services."""
        date_from, date_to = self.bounds()
        return AssetFilters(
            type=self.type,
            favorite=self.favorite,
            album_id=self.album_id,
            tag=self.tag,
            date_from=date_from,
            date_to=date_to,
            q=self.q,
            trashed=trashed,
        )


class AssetListQuery(AssetFilterQuery):
    """Filters of `GET /assets` and its cursor pagination."""

    cursor: str | None = Field(default=None, max_length=512)
    limit: int = Field(default=100, ge=1, le=500)


def _parse_day_or_instant(value: str) -> date | datetime:
    """`YYYY-MM-DD` is a whole day; anything longer is an ISO 8601 instant (naive = UTC)."""
    if len(value) == 10:
        return date.fromisoformat(value)
    return _as_utc(datetime.fromisoformat(value.replace("Z", "+00:00")))


class AssetPatchIn(StrictIn):
    """Fields a user may change; `captured_at: null` removes an earlier override."""

    is_favorite: bool | None = None
    captured_at: AwareDatetime | None = None
    description: str | None = Field(default=None, max_length=5000)


BulkAction = Literal["trash", "restore", "purge", "favorite", "unfavorite"]


class BulkIn(StrictIn):
    action: BulkAction
    asset_ids: list[uuid.UUID] = Field(min_length=1, max_length=1000)


class BulkOut(Schema):
    action: BulkAction
    done: list[uuid.UUID]
    not_found: list[uuid.UUID]
    failed: list[uuid.UUID]


class DownloadQuery(StrictIn):
    kind: Literal["original", "thumb", "preview", "poster"] = "original"


class EmptyTrashOut(Schema):
    purged: int
