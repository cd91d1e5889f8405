"""Timeline queries: assets counted per local month, and one month's columns in timeline order."""

from __future__ import annotations

from datetime import date

from sqlalchemy import String, cast, extract, func, select
from sqlalchemy.orm import Session

from mediabox.domain.models import Asset
from mediabox.repositories.assets import AssetQuery, filtered

MONTH_COLUMNS = (
    Asset.id,
    Asset.width,
    Asset.height,
    cast(Asset.local_date, String).label("local_date"),
    Asset.type,
    Asset.duration_ms,
    Asset.is_favorite,
    Asset.thumbhash,
    Asset.storage_key_thumb,
    Asset.processing_state,
)


class TimelineRepository:
    """Reads of `assets` by the camera's local date (`local_date`); never commits."""

    def __init__(self, session: Session):
        self.session = session

    def month_counts(self, query: AssetQuery) -> list[tuple[int, int, int]]:
        """(year, month, count) of every local month with assets, newest first."""
        year = extract("year", Asset.local_date)
        month = extract("month", Asset.local_date)
        stmt = (
            filtered(select(year, month, func.count()), query)
            .group_by(year, month)
            .order_by(year.desc(), month.desc())
        )
        return [(int(y), int(m), int(n)) for y, m, n in self.session.execute(stmt)]

    def month_rows(self, query: AssetQuery, start: date, end: date) -> list:
        """The columns the grid needs for assets with `start <= local_date < end`, newest
        `captured_at` first (ties by id, like the library pages)."""
        stmt = (
            filtered(select(*MONTH_COLUMNS), query)
            .where(Asset.local_date >= start, Asset.local_date < end)
            .order_by(Asset.captured_at.desc(), Asset.id.desc())
        )
        return self.session.connection().execute(stmt).all()
