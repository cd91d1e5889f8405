"""Response schema of /jobs."""

from __future__ import annotations

from mediabox.api.schemas.common import Schema


class JobsOut(Schema):
    """Background processing of the caller's assets, by state."""

    pending: int
    running: int
    failed: int

    @classmethod
    def of(cls, counts) -> JobsOut:
        return cls(pending=counts.pending, running=counts.running, failed=counts.failed)
