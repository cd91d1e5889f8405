"""Totals of one owner's library: counts by kind and state, and bytes stored."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from mediabox.domain.enums import AssetStatus, AssetType, ProcessingState
from mediabox.domain.models import Asset


@dataclass(frozen=True)
class LibraryTotals:
    """Counts and bytes of one owner's stored assets (uploads in progress left out)."""

    photos: int
    videos: int
    bytes_original: int
    bytes_derived: int
    trash_count: int
    failed: int


class StatsRepository:
    """One aggregate query over `assets`; never commits."""

    def __init__(self, session: Session):
        self.session = session

    def totals(self, owner_id: uuid.UUID) -> LibraryTotals:
        live = Asset.deleted_at.is_(None)

        def count(*conditions):
            return func.coalesce(func.sum(case((and_(*conditions), 1), else_=0)), 0)

        row = self.session.execute(
            select(
                count(live, Asset.type == AssetType.PHOTO.value),
                count(live, Asset.type == AssetType.VIDEO.value),
                func.coalesce(func.sum(Asset.size_bytes), 0),
                func.coalesce(func.sum(Asset.derived_size_bytes), 0),
                count(Asset.deleted_at.is_not(None)),
                count(live, Asset.processing_state == ProcessingState.FAILED.value),
            ).where(
                Asset.owner_id == owner_id,
                Asset.status.in_((AssetStatus.READY.value, AssetStatus.FAILED.value)),
            )
        ).one()
        return LibraryTotals(*(int(value) for value in row))
