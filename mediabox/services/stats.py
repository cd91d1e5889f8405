"""Storage in use and library counts for the settings screen."""

from __future__ import annotations

from mediabox.domain.models import User
from mediabox.repositories.stats import LibraryTotals, StatsRepository


class StatsService:
    """The caller's own totals (photos, videos, bytes, trash, failed processing)."""

    def __init__(self, stats: StatsRepository):
        self.stats = stats

    def for_user(self, user: User) -> LibraryTotals:
        """Photos and videos outside the trash; bytes include the trash (still stored)."""
        return self.stats.totals(user.id)
