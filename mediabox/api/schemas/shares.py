"""Request and response schemas of /shares (the owner's side and the public side)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import AwareDatetime, Field, model_validator

from mediabox.api.schemas.common import Schema, StrictIn

Kind = Literal["original", "thumb", "preview", "poster"]


class ShareCreateIn(StrictIn):
    """A link to exactly one asset or album. The password travels only in this body."""

    asset_id: uuid.UUID | None = None
    album_id: uuid.UUID | None = None
    expires_at: AwareDatetime | None = None
    password: str | None = Field(default=None, min_length=8, max_length=1024)
    allow_download: bool = True
    show_location: bool = False
    max_views: int | None = Field(default=None, ge=1, le=1_000_000)

    @model_validator(mode="after")
    def _one_target(self):
        if (self.asset_id is None) == (self.album_id is None):
            raise ValueError("give exactly one of asset_id and album_id")
        return self


class SharePatchIn(StrictIn):
    """Fields to change. Leaving `expires_at` out keeps the expiry; `null` removes it."""

    expires_at: AwareDatetime | None = None
    password: str | None = Field(default=None, min_length=8, max_length=1024)
    allow_download: bool | None = None
    show_location: bool | None = None
    max_views: int | None = Field(default=None, ge=1, le=1_000_000)

    def changes(self) -> dict:
        return {name: getattr(self, name) for name in self.model_fields_set}


class ShareOut(Schema):
    """A link as its owner sees it. `original_contains_location`: downloadable originals of
    this link carry GPS data in their EXIF (show_location only governs the JSON)."""

    id: uuid.UUID
    token: str
    url: str
    kind: Literal["asset", "album"]
    asset_id: uuid.UUID | None
    album_id: uuid.UUID | None
    title: str
    status: Literal["active", "expired", "revoked"]
    expires_at: datetime | None
    revoked_at: datetime | None
    has_password: bool
    allow_download: bool
    show_location: bool
    original_contains_location: bool
    max_views: int | None
    view_count: int
    created_at: datetime

    @classmethod
    def of(cls, view) -> ShareOut:
        share = view.share
        return cls(
            id=share.id,
            token=share.token,
            url=view.url,
            kind=view.kind,
            asset_id=share.asset_id,
            album_id=share.album_id,
            title=view.title,
            status=view.status,
            expires_at=share.expires_at,
            revoked_at=share.revoked_at,
            has_password=share.password_hash is not None,
            allow_download=share.allow_download,
            show_location=share.show_location,
            original_contains_location=view.original_contains_location,
            max_views=share.max_views,
            view_count=share.view_count,
            created_at=share.created_at,
        )


class ShareListOut(Schema):
    items: list[ShareOut]


class UnlockIn(StrictIn):
    password: str = Field(min_length=1, max_length=1024)


class CredentialOut(Schema):
    """Send it back as the `X-Share-Credential` header (or rely on the httpOnly cookie)."""

    credential: str
    expires_at: datetime
    header: str = "X-Share-Credential"


class PublicAssetOut(Schema):
    """An asset as a link shows it: no owner-only fields; GPS only when show_location is on."""

    id: uuid.UUID
    type: str
    original_filename: str
    content_type: str
    size_bytes: int
    captured_at: datetime
    width: int | None
    height: int | None
    duration_ms: int | None
    thumb_url: str | None
    preview_url: str | None
    thumbhash: str | None = None
    gps_lat: float | None = None
    gps_lon: float | None = None

    @classmethod
    def of(cls, asset, media_urls, *, show_location: bool) -> PublicAssetOut:
        return cls(
            id=asset.id,
            type=asset.type,
            original_filename=asset.original_filename,
            content_type=asset.content_type,
            size_bytes=asset.size_bytes,
            captured_at=asset.captured_at,
            width=asset.width,
            height=asset.height,
            duration_ms=asset.duration_ms,
            thumb_url=media_urls.thumb_url(asset),
            preview_url=media_urls.preview_url(asset),
            thumbhash=asset.thumbhash,
            gps_lat=asset.gps_lat if show_location else None,
            gps_lon=asset.gps_lon if show_location else None,
        )


class PublicAlbumOut(Schema):
    asset_count: int
    description: str
    cover_thumb_url: str | None


class PublicShareOut(Schema):
    """What a link shows. `original_contains_location`: downloading an original gives the
    untouched file, GPS included, even when show_location is off."""

    kind: Literal["asset", "album"]
    title: str
    owner_name: str
    asset: PublicAssetOut | None = None
    album: PublicAlbumOut | None = None
    allow_download: bool
    show_location: bool
    original_contains_location: bool
    expires_at: datetime | None
    credential: CredentialOut | None = None

    @classmethod
    def of(cls, view, media_urls) -> PublicShareOut:
        share = view.share
        album = None
        asset = None
        if view.kind == "album":
            cover = media_urls.thumb_url(view.cover) if view.cover is not None else None
            album = PublicAlbumOut(
                asset_count=view.asset_count, description=view.description, cover_thumb_url=cover
            )
        else:
            asset = PublicAssetOut.of(view.asset, media_urls, show_location=share.show_location)
        credential = None
        if view.credential is not None:
            credential = CredentialOut(
                credential=view.credential.value, expires_at=view.credential.expires_at
            )
        return cls(
            kind=view.kind,
            title=view.title,
            owner_name=view.owner_name,
            asset=asset,
            album=album,
            allow_download=share.allow_download,
            show_location=share.show_location,
            original_contains_location=view.original_contains_location,
            expires_at=share.expires_at,
            credential=credential,
        )


class PublicAssetPageOut(Schema):
    items: list[PublicAssetOut]
    next_cursor: str | None


class PublicAssetsQuery(StrictIn):
    cursor: str | None = Field(default=None, max_length=512)
    limit: int = Field(default=100, ge=1, le=500)


class PublicDownloadQuery(StrictIn):
    asset_id: uuid.UUID
    kind: Kind = "original"
