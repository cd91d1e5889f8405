"""Response schemas of /timeline (SPEC §4b): month sizes and one month as parallel columns."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from mediabox.api.schemas.common import Schema


class MonthBucketOut(Schema):
    month: str = Field(description="The camera's local month, YYYY-MM")
    count: int


class TimelineBucketsOut(Schema):
    """Every month holding matching assets, newest first, and their total."""

    buckets: list[MonthBucketOut]
    total: int


class TimelineMonthOut(Schema):
    """One month's assets in timeline order (newest captured first); every list has one entry
    per asset, at the same index."""

    month: str
    ids: list[str]
    ratios: list[float] = Field(description="width / height as displayed; 1 when unknown")
    local_dates: list[str] = Field(description="the camera's wall-clock day, YYYY-MM-DD")
    types: list[Literal["photo", "video"]]
    duration_ms: list[int | None]
    is_favorite: list[bool]
    thumbhash: list[str | None] = Field(description="base64 ThumbHash, null until processed")
    thumb_urls: list[str | None] = Field(description="stable signed URLs; null while pending")
    processing: list[Literal["pending", "done", "failed"]]
