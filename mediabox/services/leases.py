"""The heartbeat that keeps a processing lease alive while its job runs.

A worker claims an asset by setting `processing_started_at`; other workers take it over once
that is older than the lease. Renewing it every `heartbeat_seconds` while the job runs lets
the lease be short (a crashed worker's assets resume soon), without stealing long jobs.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable

from sqlalchemy.orm import Session

from mediabox.domain.clock import Clock
from mediabox.repositories.processing import ProcessingRepository


class LeaseKeeper:
    """Renews the lease of the asset the current job works on (same thread, same session).

    Job threads share one keeper; which asset each thread works on is thread-local.
    """

    def __init__(
        self,
        session: Session,
        repo: ProcessingRepository,
        clock: Clock,
        heartbeat_seconds: float,
        monotonic: Callable[[], float] = time.monotonic,
    ):
        self.session = session
        self.repo = repo
        self.clock = clock
        self.heartbeat_seconds = heartbeat_seconds
        self.monotonic = monotonic
        self._current = threading.local()

    def start(self, asset_id: uuid.UUID) -> None:
        """Begin keeping the lease of `asset_id` (just claimed)."""
        self._current.asset_id = asset_id
        self._current.last = self.monotonic()

    def renew(self) -> None:
        """Renew now (committing only the lease)."""
        asset_id = getattr(self._current, "asset_id", None)
        if asset_id is None:
            return
        self.repo.renew_lease(asset_id, self.clock())
        self.session.commit()
        self._current.last = self.monotonic()

    def renew_if_due(self) -> None:
        """Renew when a heartbeat interval has passed since the last renewal."""
        if self.monotonic() - getattr(self._current, "last", 0.0) >= self.heartbeat_seconds:
            self.renew()
