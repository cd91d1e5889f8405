"""Response schema of /jobs."""

from __future__ import annotations

from pydantic import BaseModel


class JobsOut(BaseModel):
    """Background processing of the caller's assets, by state."""

    pending: int
    running: int
    failed: int

    @classmethod
    def of(cls, counts) -> JobsOut:
        return cls(pending=counts.pending, running=counts.running, failed=counts.failed)
