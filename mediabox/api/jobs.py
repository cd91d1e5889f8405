"""/api/v1/jobs: processing status counts of the caller's assets, for the UI."""

from __future__ import annotations

from flask import Blueprint

from mediabox.api.deps import container, me
from mediabox.api.routing import route
from mediabox.api.schemas.jobs import JobsOut

bp = Blueprint("jobs", __name__, url_prefix="/api/v1")


@route(
    bp,
    "/jobs",
    "GET",
    summary="Pending, running and failed processing of my assets",
    response=JobsOut,
    errors=(401,),
)
def job_counts():
    return JobsOut.of(container().processing.job_counts(me()))
