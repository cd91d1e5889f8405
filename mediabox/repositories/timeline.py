"""Timeline queries: assets counted per local day, and one month's columns in timeline order."""

from __future__ import annotations

from datetime import date

from sqlalchemy import String, cast, func, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import FunctionElement

from mediabox.domain.models import Asset
from mediabox.repositories.assets import AssetQuery, filtered


class uuid_text(FunctionElement):
    """A UUID column as its canonical hyphenated text, computed by the database (30,000
    `uuid.UUID` objects cost more than the whole query)."""

    type = String()
    inherit_cache = True


@compiles(uuid_text)
def _uuid_text_default(element, compiler, **kw):
    return f"CAST({compiler.process(element.clauses, **kw)} AS VARCHAR)"


@compiles(uuid_text, "sqlite")
def _uuid_text_sqlite(element, compiler, **kw):
    column = compiler.process(element.clauses, **kw)  # stored as 32 hex digits
    parts = ((1, 8), (9, 4), (13, 4), (17, 4), (21, 12))
    return " || '-' || ".join(f"substr({column}, {a}, {n})" for a, n in parts)


MONTH_COLUMNS = (
    uuid_text(Asset.id).label("id"),
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

    def day_counts(self, query: AssetQuery) -> list[tuple[date, int]]:
        """(local day, count) of every day with matching assets, newest first (streamed from
        the timeline index, no sort)."""
        stmt = (
            filtered(select(Asset.local_date, func.count()), query)
            .group_by(Asset.local_date)
            .order_by(Asset.local_date.desc())
        )
        return [(day, int(count)) for day, count in self.session.execute(stmt)]

    def month_rows(self, query: AssetQuery, start: date, end: date) -> list:
        """The grid's columns of assets with `start <= local_date < end`, in timeline order:
        newest local day first, then newest `captured_at`, ties by id."""
        stmt = (
            filtered(select(*MONTH_COLUMNS), query)
            .where(Asset.local_date >= start, Asset.local_date < end)
            .order_by(Asset.local_date.desc(), Asset.captured_at.desc(), Asset.id.desc())
        )
        return self.session.connection().execute(stmt).all()
