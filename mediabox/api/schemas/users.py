"""Request and response schemas of /users (household administration) and /stats."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import EmailStr, Field

from mediabox.api.schemas.auth import Locale
from mediabox.api.schemas.common import Schema, StrictIn


class MemberOut(Schema):
    """An account as an admin sees it."""

    id: uuid.UUID
    email: str
    display_name: str
    is_admin: bool
    is_active: bool
    locale: Locale
    created_at: datetime

    @classmethod
    def of(cls, user) -> MemberOut:
        return cls(
            id=user.id,
            email=user.email,
            display_name=user.display_name,
            is_admin=user.is_admin,
            is_active=user.is_active,
            locale=user.locale or "en",
            created_at=user.created_at,
        )


class MemberListOut(Schema):
    items: list[MemberOut]


class MemberCreateIn(StrictIn):
    email: EmailStr = Field(max_length=254)
    password: str = Field(min_length=8, max_length=1024)
    display_name: str = Field(default="", max_length=100)
    is_admin: bool = False


class MemberPatchIn(StrictIn):
    """Omitted fields stay as they are."""

    is_active: bool | None = None
    is_admin: bool | None = None
    display_name: str | None = Field(default=None, max_length=100)


class StatsOut(Schema):
    """The caller's library: photos and videos outside the trash, bytes stored (trash
    included), items in the trash and assets whose processing failed."""

    photos: int
    videos: int
    bytes_original: int
    bytes_derived: int
    trash_count: int
    failed: int
