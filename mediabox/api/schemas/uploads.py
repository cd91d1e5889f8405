"""Request and response schemas of /uploads (SPEC §4a)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import AwareDatetime, Field, field_validator

from mediabox.api.schemas.assets import AssetOut
from mediabox.api.schemas.common import Schema, StrictIn

SHA256_HEX = r"^[0-9a-fA-F]{64}$"


class UploadCreateIn(StrictIn):
    filename: str = Field(min_length=1, max_length=255)
    content_type: str = Field(max_length=100, pattern=r"^[A-Za-z0-9][\w.+-]*/[\w.+-]+$")
    size_bytes: int = Field(ge=1)
    sha256: str | None = Field(default=None, pattern=SHA256_HEX)
    file_modified_at: AwareDatetime | None = None

    @field_validator("filename")
    @classmethod
    def _plain_name(cls, value: str) -> str:
        name = value.replace("\\", "/").rsplit("/", 1)[-1].strip()
        if not name or any(ord(ch) < 32 for ch in name):
            raise ValueError("filename must be a plain file name")
        return name

    @field_validator("sha256")
    @classmethod
    def _lower(cls, value: str | None) -> str | None:
        return value.lower() if value else value

    @field_validator("content_type")
    @classmethod
    def _lower_type(cls, value: str) -> str:
        return value.lower()


class UploadCheckIn(StrictIn):
    """Up to 1,000 SHA-256 digests (hex, any case; repeats are answered once)."""

    sha256s: list[Annotated[str, Field(pattern=SHA256_HEX)]] = Field(min_length=1, max_length=1000)


class KnownFileOut(Schema):
    sha256: str
    asset_id: uuid.UUID
    status: Literal["uploading", "ready", "failed", "deleted"]


class UploadCheckOut(Schema):
    """The caller's files among those asked about; `deleted` means in the trash."""

    known: list[KnownFileOut]


class SinglePlanOut(Schema):
    type: Literal["single"] = "single"
    method: str
    url: str
    headers: dict[str, str]
    expires_at: datetime


class MultipartPlanOut(Schema):
    type: Literal["multipart"] = "multipart"
    part_size: int
    part_count: int


class UploadCreateOut(Schema):
    asset_id: uuid.UUID
    duplicate: bool
    upload: SinglePlanOut | MultipartPlanOut | None = None


class PartsIn(StrictIn):
    part_numbers: list[int] = Field(min_length=1, max_length=1000)


class PartUrlOut(Schema):
    part_number: int
    url: str


class PartsOut(Schema):
    parts: list[PartUrlOut]


class StoredPartOut(Schema):
    part_number: int
    size: int
    etag: str


class UploadStateOut(Schema):
    asset_id: uuid.UUID
    status: str
    type: Literal["single", "multipart"]
    size_bytes: int
    part_size: int | None = None
    part_count: int | None = None
    parts: list[StoredPartOut]


class FinalizePartIn(StrictIn):
    part_number: int = Field(ge=1, le=10_000)
    etag: str = Field(min_length=1, max_length=200)


class FinalizeIn(StrictIn):
    parts: list[FinalizePartIn] | None = Field(default=None, max_length=10_000)


class FinalizeOut(Schema):
    asset: AssetOut
