"""Zip entries of a share: originals that may hold a location go in as their preview."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from mediabox.domain.models import Asset
from mediabox.services.share_privacy import original_may_hold_location
from mediabox.services.zips import entries_of


def _asset(name: str, *, gps: bool, state: str = "done", preview: bool = True) -> Asset:
    asset_id = uuid.uuid4()
    return Asset(
        id=asset_id,
        original_filename=name,
        storage_key_original=f"u/x/o/2024/01/{asset_id}.jpg",
        storage_key_preview=f"u/x/v/2024/01/{asset_id}.jpg" if preview else None,
        gps_lat=52.0 if gps else None,
        gps_lon=4.0 if gps else None,
        processing_state=state,
        captured_at=datetime(2024, 1, 2, tzinfo=UTC),
    )


def test_located_or_unread_originals_are_replaced_by_their_preview():
    home = _asset("home.heic", gps=True)
    plain = _asset("plain.jpg", gps=False)
    unread = _asset("unread.jpg", gps=False, state="pending", preview=False)
    entries = entries_of([home, plain, unread], preview_only=original_may_hold_location)
    assert [(e.name, e.key) for e in entries] == [
        ("home.jpg", home.storage_key_preview),
        ("plain.jpg", plain.storage_key_original),
    ]


def test_without_the_rule_every_original_goes_in():
    home = _asset("home.heic", gps=True)
    entries = entries_of([home])
    assert [(e.name, e.key) for e in entries] == [("home.heic", home.storage_key_original)]
