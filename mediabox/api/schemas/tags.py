"""Request and response schemas of /tags."""

from __future__ import annotations

import uuid

from pydantic import Field

from mediabox.api.schemas.common import Schema, StrictIn

TagName = str


class TagCreateIn(StrictIn):
    name: TagName = Field(min_length=1, max_length=200)


class TagPatchIn(StrictIn):
    name: TagName = Field(min_length=1, max_length=200)


class TagAttachIn(StrictIn):
    """Every asset gets (or loses) every name; names are matched case-insensitively."""

    asset_ids: list[uuid.UUID] = Field(min_length=1, max_length=1000)
    names: list[TagName] = Field(min_length=1, max_length=50)


class TagOut(Schema):
    id: uuid.UUID
    name: str
    asset_count: int

    @classmethod
    def of(cls, view) -> TagOut:
        return cls(id=view.tag.id, name=view.tag.name, asset_count=view.asset_count)


class TagListOut(Schema):
    items: list[TagOut]
