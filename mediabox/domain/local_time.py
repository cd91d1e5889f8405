"""The camera's wall-clock day of a capture: what the timeline groups by."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta


def local_date_of(captured_at: datetime | None, offset_minutes: int | None) -> date | None:
    """`captured_at` shifted by the camera's UTC offset when known (else the UTC day)."""
    if captured_at is None:
        return None
    utc = captured_at.astimezone(UTC) if captured_at.tzinfo else captured_at
    return (utc + timedelta(minutes=offset_minutes or 0)).date()
