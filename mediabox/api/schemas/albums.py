"""Request and response schemas of /albums."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import Field

from mediabox.api.schemas.common import Schema, StrictIn

AssetIds = list[uuid.UUID]


class AlbumCreateIn(StrictIn):
    title: str = Field(min_length=1, max_length=200)
    description: str = Field(default="", max_length=5000)


class AlbumPatchIn(StrictIn):
    """Fields to change; `cover_asset_id: null` goes back to the first asset as cover."""

    title: str | None = Field(default=None, min_length=1, max_length=200)
    description: str | None = Field(default=None, max_length=5000)
    cover_asset_id: uuid.UUID | None = None


class AlbumAssetsIn(StrictIn):
    asset_ids: AssetIds = Field(min_length=1, max_length=1000)


class AlbumReorderIn(StrictIn):
    """Move `asset_ids`, in this order, right after `after_asset_id` (null: to the start)."""

    asset_ids: AssetIds = Field(min_length=1, max_length=1000)
    after_asset_id: uuid.UUID | None = None


class AlbumAssetsQuery(StrictIn):
    """`order=album` (the album's own order) or `captured` (newest first, like the library)."""

    cursor: str | None = Field(default=None, max_length=512)
    limit: int = Field(default=100, ge=1, le=500)
    order: Literal["album", "captured"] = "album"


class AlbumOut(Schema):
    id: uuid.UUID
    title: str
    description: str
    asset_count: int
    cover_asset_id: uuid.UUID | None
    cover_thumb_url: str | None
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, view, media_urls) -> AlbumOut:
        album, cover = view.album, view.cover
        return cls(
            id=album.id,
            title=album.title,
            description=album.description or "",
            asset_count=view.asset_count,
            cover_asset_id=cover.id if cover is not None else None,
            cover_thumb_url=media_urls.thumb_url(cover) if cover is not None else None,
            created_at=album.created_at,
            updated_at=album.updated_at,
        )


class AlbumListOut(Schema):
    items: list[AlbumOut]


class AlbumChangeOut(Schema):
    """How many assets an add/remove changed, and the album afterwards."""

    changed: int
    album: AlbumOut
