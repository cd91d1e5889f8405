"""The timeline: how many assets each local month holds, and one month as parallel columns."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from mediabox.domain.asset_filters import AssetFilters
from mediabox.domain.errors import ValidationFailed
from mediabox.domain.models import User
from mediabox.infra.memory import cyclic_gc_paused
from mediabox.repositories.assets import AssetRepository
from mediabox.repositories.timeline import TimelineRepository
from mediabox.services.assets import library_query
from mediabox.services.media_urls import MediaUrls

_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
_STATES = {"done": "done", "failed": "failed"}


@dataclass(frozen=True)
class MonthBucket:
    """One local month (`YYYY-MM`) and how many assets it holds."""

    month: str
    count: int


@dataclass(frozen=True)
class TimelineMonth:
    """One month's assets in timeline order, as columns of equal length."""

    month: str
    ids: list[str]
    ratios: list[float]
    local_dates: list[str]
    types: list[str]
    duration_ms: list[int | None]
    is_favorite: list[bool]
    thumbhash: list[str | None]
    thumb_urls: list[str | None]
    processing: list[str]


class TimelineService:
    """What the web app's grid needs before it loads a photo: month sizes, then month columns.

    Months are the camera's wall-clock months (`local_date`), not UTC ones. Within a month
    the order is newest local day first, then newest `captured_at` (ties by id): the
    library's order, except that a day's assets stay together when time zones interleave.
    """

    def __init__(self, assets: AssetRepository, timeline: TimelineRepository, urls: MediaUrls):
        self.assets = assets
        self.timeline = timeline
        self.urls = urls

    def buckets(self, user: User, filters: AssetFilters) -> list[MonthBucket]:
        """Every month with matching assets, newest first."""
        query = library_query(self.assets, user, filters)
        months: dict[str, int] = {}
        for day, count in self.timeline.day_counts(query):
            month = f"{day.year:04d}-{day.month:02d}"
            months[month] = months.get(month, 0) + count
        return [MonthBucket(month, count) for month, count in months.items()]

    def month(self, user: User, month: str, filters: AssetFilters) -> TimelineMonth:
        """All matching assets of one `YYYY-MM` month (an empty month has empty columns)."""
        start, end = _month_range(month)
        query = library_query(self.assets, user, filters)
        with cyclic_gc_paused():
            return self._columns(month, self.timeline.month_rows(query, start, end))

    def _columns(self, month: str, rows: list) -> TimelineMonth:
        if not rows:
            return TimelineMonth(month, [], [], [], [], [], [], [], [], [])
        ids, widths, heights, dates, types, durations, favorites, hashes, thumbs, states = (
            list(column) for column in zip(*rows, strict=True)
        )
        ratios = [round(w / h, 4) if w and h else 1 for w, h in zip(widths, heights, strict=True)]
        states = [_STATES.get(state, "pending") for state in states]
        urls = self.urls.stable_jpeg_urls(thumbs)
        return TimelineMonth(
            month, ids, ratios, dates, types, durations, favorites, hashes, urls, states
        )


def _month_range(month: str) -> tuple[date, date]:
    match = _MONTH.match(month)
    if not match:
        raise ValidationFailed("month must look like YYYY-MM.", code="invalid_month")
    year, number = int(match.group(1)), int(match.group(2))
    if not 1 <= year <= 9998:
        raise ValidationFailed("month is out of range.", code="invalid_month")
    start = date(year, number, 1)
    end = date(year + 1, 1, 1) if number == 12 else date(year, number + 1, 1)
    return start, end
