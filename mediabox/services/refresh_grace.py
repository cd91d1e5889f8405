"""The grace period in which a just-used refresh token may be used once more.

Two tabs of the web app (or a retried request) often refresh with the same token within
milliseconds; without a grace the second looks like a replay and signs the user out. A thief
replaying a token after the grace still ends the whole session.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

REFRESH_REUSE_GRACE = timedelta(seconds=5)


def within_reuse_grace(used_at: datetime | None, now: datetime) -> bool:
    """True when a token first used at `used_at` may still be used at `now`."""
    if used_at is None:
        return False
    if used_at.tzinfo is None:
        used_at = used_at.replace(tzinfo=UTC)
    return timedelta(0) <= now - used_at <= REFRESH_REUSE_GRACE
