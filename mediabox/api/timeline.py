"""/api/v1/timeline: what the web app's grid needs to lay out the whole library at once."""

from __future__ import annotations

from flask import Blueprint

from mediabox.api.deps import container, me
from mediabox.api.routing import route
from mediabox.api.schemas.assets import AssetFilterQuery
from mediabox.api.schemas.timeline import TimelineBucketsOut, TimelineMonthOut

bp = Blueprint("timeline", __name__, url_prefix="/api/v1/timeline")


@route(
    bp,
    "/buckets",
    "GET",
    summary="Assets per local month (newest first), with the filters of GET /assets",
    query=AssetFilterQuery,
    response=TimelineBucketsOut,
    errors=(400, 401, 404),
)
def buckets(query: AssetFilterQuery):
    found = container().timeline.buckets(me(), query.filters())
    return {
        "buckets": [{"month": b.month, "count": b.count} for b in found],
        "total": sum(b.count for b in found),
    }


@route(
    bp,
    "/buckets/<month>",
    "GET",
    summary="One local month (YYYY-MM) as parallel columns, in timeline order",
    query=AssetFilterQuery,
    response=TimelineMonthOut,
    errors=(400, 401, 404),
)
def month(month: str, query: AssetFilterQuery):
    columns = container().timeline.month(me(), month, query.filters())
    return {
        "month": columns.month,
        "ids": columns.ids,
        "ratios": columns.ratios,
        "local_dates": columns.local_dates,
        "types": columns.types,
        "duration_ms": columns.duration_ms,
        "is_favorite": columns.is_favorite,
        "thumbhash": columns.thumbhash,
        "thumb_urls": columns.thumb_urls,
        "processing": columns.processing,
    }
