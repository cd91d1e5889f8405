"""Entities of SPEC §2 as SQLAlchemy 2.x declarative models (no Flask here)."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    Uuid,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, validates

from mediabox.domain.local_time import local_date_of

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """A timezone-aware timestamp stored as UTC on every engine; naive values are refused."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    """Declarative base with deterministic constraint names (needed for SQLite batch migrations)."""

    metadata = MetaData(naming_convention=NAMING)


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


class User(TimestampMixin, Base):
    """An account. `email` is stored normalised (trimmed, lower-case) and unique."""

    __tablename__ = "users"

    id: Mapped[uuid.UUID] = mapped_column(Uuid(), primary_key=True, default=uuid.uuid4)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    display_name: Mapped[str] = mapped_column(String(100), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    locale: Mapped[str] = mapped_column(String(8), default="en")


class AuthSession(Base):
    """One sign-in: the family of rotating refresh tokens. Revoking it ends the session."""

    __tablename__ = "auth_sessions"

    id: Mapped[uuid.UUID] = mapped_column(Uuid(), primary_key=True, default=uuid.uuid4)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_used_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked_reason: Mapped[str | None] = mapped_column(String(40))
    user_agent: Mapped[str] = mapped_column(String(300), default="")

    __table_args__ = (Index("ix_auth_sessions_user_id", "user_id"),)


class RefreshToken(Base):
    """A refresh token of a session; `used_at` set once it has been rotated."""

    __tablename__ = "refresh_tokens"

    jti: Mapped[str] = mapped_column(String(64), primary_key=True)
    session_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("auth_sessions.id", ondelete="CASCADE")
    )
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    __table_args__ = (Index("ix_refresh_tokens_session_id", "session_id"),)


# The timeline's month query reads only this index (no table lookups for 30,000 rows): the
# key columns give the order, the rest are the grid's columns. The month counts read the
# narrow `ix_assets_local_days` (half the pages to scan). Migration 0002 creates both.
LOCAL_TIMELINE_INDEX = (
    "owner_id", "deleted_at", "local_date", "captured_at", "id", "status", "type", "width",
    "height", "duration_ms", "is_favorite", "processing_state", "storage_key_thumb", "thumbhash",
)  # fmt: skip


class Asset(TimestampMixin, Base):
    """A photo or video of one owner, with its storage keys and processing state."""

    __tablename__ = "assets"

    id: Mapped[uuid.UUID] = mapped_column(Uuid(), primary_key=True, default=uuid.uuid4)
    owner_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    type: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(12), default="uploading")
    original_filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str | None] = mapped_column(String(64))
    description: Mapped[str] = mapped_column(Text, default="")
    captured_at: Mapped[datetime] = mapped_column(UTCDateTime())
    captured_at_source: Mapped[str] = mapped_column(String(12), default="upload")
    captured_offset_minutes: Mapped[int | None] = mapped_column(Integer)
    local_date: Mapped[date] = mapped_column(Date)
    captured_at_override: Mapped[datetime | None] = mapped_column(UTCDateTime())
    file_modified_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    width: Mapped[int | None] = mapped_column(Integer)
    height: Mapped[int | None] = mapped_column(Integer)
    duration_ms: Mapped[int | None] = mapped_column(Integer)
    orientation: Mapped[int | None] = mapped_column(Integer)
    camera_make: Mapped[str | None] = mapped_column(String(100))
    camera_model: Mapped[str | None] = mapped_column(String(100))
    gps_lat: Mapped[float | None] = mapped_column(Float)
    gps_lon: Mapped[float | None] = mapped_column(Float)
    storage_key_original: Mapped[str] = mapped_column(String(255))
    storage_key_thumb: Mapped[str | None] = mapped_column(String(255))
    storage_key_preview: Mapped[str | None] = mapped_column(String(255))
    storage_key_poster: Mapped[str | None] = mapped_column(String(255))
    upload_kind: Mapped[str] = mapped_column(String(10), default="single")
    multipart_upload_id: Mapped[str | None] = mapped_column(String(255))
    processing_state: Mapped[str] = mapped_column(String(10), default="pending")
    processing_error: Mapped[str | None] = mapped_column(Text)
    processing_attempts: Mapped[int] = mapped_column(Integer, default=0)
    processing_started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    is_favorite: Mapped[bool] = mapped_column(Boolean, default=False)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    purge_requested_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    purge_error: Mapped[str | None] = mapped_column(Text)
    thumbhash: Mapped[str | None] = mapped_column(String(64))
    derived_size_bytes: Mapped[int | None] = mapped_column(BigInteger)

    __table_args__ = (
        Index("ix_assets_timeline", "owner_id", "deleted_at", "captured_at", "id"),
        Index(
            "uq_assets_owner_sha256",
            "owner_id",
            "sha256",
            unique=True,
            sqlite_where=text("sha256 IS NOT NULL"),
            postgresql_where=text("sha256 IS NOT NULL"),
        ),
        Index("ix_assets_owner_status", "owner_id", "status"),
        Index("ix_assets_processing_state", "processing_state"),
        Index("ix_assets_local_timeline", *LOCAL_TIMELINE_INDEX),
        Index("ix_assets_local_days", "owner_id", "deleted_at", "local_date", "status"),
    )

    @validates("captured_at", "captured_offset_minutes")
    def _keep_local_date(self, key: str, value):
        """`local_date` follows every change of `captured_at` or its offset."""
        captured = value if key == "captured_at" else self.captured_at
        offset = value if key == "captured_offset_minutes" else self.captured_offset_minutes
        self.local_date = local_date_of(captured, offset)
        return value


class Album(TimestampMixin, Base):
    """An ordered collection of one owner's assets."""

    __tablename__ = "albums"

    id: Mapped[uuid.UUID] = mapped_column(Uuid(), primary_key=True, default=uuid.uuid4)
    owner_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    cover_asset_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("assets.id", ondelete="SET NULL")
    )

    __table_args__ = (Index("ix_albums_owner_id", "owner_id"),)


class AlbumAsset(Base):
    """Membership of an asset in an album, with its position in the album order."""

    __tablename__ = "album_assets"

    album_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("albums.id", ondelete="CASCADE"), primary_key=True
    )
    asset_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("assets.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(BigInteger, default=0)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    __table_args__ = (
        Index("ix_album_assets_album_position", "album_id", "position"),
        Index("ix_album_assets_asset_id", "asset_id"),
    )


class Tag(Base):
    """A label of one owner; unique per owner by its case-folded `name_key`."""

    __tablename__ = "tags"

    id: Mapped[uuid.UUID] = mapped_column(Uuid(), primary_key=True, default=uuid.uuid4)
    owner_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(100))
    name_key: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    __table_args__ = (Index("uq_tags_owner_name_key", "owner_id", "name_key", unique=True),)


class AssetTag(Base):
    """An asset carrying a tag."""

    __tablename__ = "asset_tags"

    asset_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("assets.id", ondelete="CASCADE"), primary_key=True
    )
    tag_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True
    )

    __table_args__ = (Index("ix_asset_tags_tag_id", "tag_id"),)


class Share(TimestampMixin, Base):
    """A public link to exactly one asset or one album."""

    __tablename__ = "shares"

    id: Mapped[uuid.UUID] = mapped_column(Uuid(), primary_key=True, default=uuid.uuid4)
    owner_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    token: Mapped[str] = mapped_column(String(64), unique=True)
    asset_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("assets.id", ondelete="CASCADE"))
    album_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("albums.id", ondelete="CASCADE"))
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    password_hash: Mapped[str | None] = mapped_column(String(255))
    allow_download: Mapped[bool] = mapped_column(Boolean, default=True)
    show_location: Mapped[bool] = mapped_column(Boolean, default=False)
    max_views: Mapped[int | None] = mapped_column(Integer)
    view_count: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (
        CheckConstraint("(asset_id IS NULL) <> (album_id IS NULL)", name="exactly_one_target"),
        Index("ix_shares_owner_id", "owner_id"),
    )
