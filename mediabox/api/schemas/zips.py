"""Request and response schemas of zip downloads (`POST /assets/zip`, `POST /shares/…/zip`)."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import Field

from mediabox.api.schemas.common import Schema, StrictIn

MAX_ZIP_IDS = 1000


class ZipIn(StrictIn):
    """The owner's assets to pack (their originals)."""

    asset_ids: list[uuid.UUID] = Field(min_length=1, max_length=MAX_ZIP_IDS)


class ShareZipIn(StrictIn):
    """Assets of the link to pack; leave `asset_ids` out for everything the link shows."""

    asset_ids: list[uuid.UUID] | None = Field(default=None, min_length=1, max_length=MAX_ZIP_IDS)


class ZipLinkOut(Schema):
    """A short-lived signed GET URL that streams a ZIP64 archive of `count` originals."""

    url: str
    expires_at: datetime
    count: int

    @classmethod
    def of(cls, link) -> ZipLinkOut:
        return cls(url=link.url, expires_at=link.expires_at, count=link.count)


class ZipTicketQuery(StrictIn):
    ticket: str = Field(min_length=1, max_length=32_768)
