"""Queries of background processing on assets: claims, state counts, stalled and failed work."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.orm import Session

from mediabox.domain.enums import AssetStatus, ProcessingState
from mediabox.domain.models import Asset

BATCH = 500


class ProcessingRepository:
    """Reads and updates the processing columns of assets; never commits."""

    def __init__(self, session: Session):
        self.session = session

    def get(self, asset_id: uuid.UUID) -> Asset | None:
        """The asset as stored now (any cached copy in the session is refreshed)."""
        return self.session.get(Asset, asset_id, populate_existing=True)

    def claim(self, asset_id: uuid.UUID, now: datetime, stale_before: datetime) -> bool:
        """Atomically mark a ready asset `running` if it is pending or its claim has expired."""
        claimable = or_(
            Asset.processing_state == ProcessingState.PENDING,
            and_(
                Asset.processing_state == ProcessingState.RUNNING,
                or_(
                    Asset.processing_started_at.is_(None),
                    Asset.processing_started_at < stale_before,
                ),
            ),
        )
        statement = (
            update(Asset)
            .where(Asset.id == asset_id, Asset.status == AssetStatus.READY, claimable)
            .values(
                processing_state=ProcessingState.RUNNING,
                processing_started_at=now,
                processing_attempts=Asset.processing_attempts + 1,
                updated_at=now,
            )
            .execution_options(synchronize_session=False)
        )
        return self.session.execute(statement).rowcount == 1

    def renew_lease(self, asset_id: uuid.UUID, now: datetime) -> bool:
        """Move the lease of a running asset to `now` (the heartbeat of its worker)."""
        statement = (
            update(Asset)
            .where(Asset.id == asset_id, Asset.processing_state == ProcessingState.RUNNING)
            .values(processing_started_at=now)
            .execution_options(synchronize_session=False)
        )
        return self.session.execute(statement).rowcount == 1

    def state_counts(self, owner_id: uuid.UUID) -> dict[str, int]:
        """Processing states of an owner's finalized assets outside the trash."""
        rows = self.session.execute(
            select(Asset.processing_state, func.count())
            .where(
                Asset.owner_id == owner_id,
                Asset.status.in_((AssetStatus.READY, AssetStatus.FAILED)),
                Asset.deleted_at.is_(None),
            )
            .group_by(Asset.processing_state)
        )
        return {state: count for state, count in rows}

    def stalled_running_ids(self, stale_before: datetime, limit: int = BATCH) -> list[uuid.UUID]:
        """Assets whose worker took them before `stale_before` and never finished."""
        return list(
            self.session.scalars(
                select(Asset.id)
                .where(
                    Asset.status == AssetStatus.READY,
                    Asset.processing_state == ProcessingState.RUNNING,
                    or_(
                        Asset.processing_started_at.is_(None),
                        Asset.processing_started_at < stale_before,
                    ),
                )
                .order_by(Asset.processing_started_at)
                .limit(limit)
            )
        )

    def waiting_ids(self, updated_before: datetime, limit: int = BATCH) -> list[uuid.UUID]:
        """Ready assets still pending since before `updated_before` (their job may be lost)."""
        return list(
            self.session.scalars(
                select(Asset.id)
                .where(
                    Asset.status == AssetStatus.READY,
                    Asset.processing_state == ProcessingState.PENDING,
                    Asset.updated_at < updated_before,
                )
                .order_by(Asset.updated_at)
                .limit(limit)
            )
        )

    def reprocessable_ids(
        self,
        *,
        failed_only: bool,
        after: uuid.UUID | None,
        limit: int = BATCH,
        missing_thumbhash: bool = False,
    ) -> list[uuid.UUID]:
        """Ready assets (all, only failed ones, or processed ones without a thumbhash) in id
        order, after `after`, one batch."""
        query = select(Asset.id).where(Asset.status == AssetStatus.READY)
        if failed_only:
            query = query.where(Asset.processing_state == ProcessingState.FAILED)
        if missing_thumbhash:
            query = query.where(
                Asset.processing_state == ProcessingState.DONE, Asset.thumbhash.is_(None)
            )
        if after is not None:
            query = query.where(Asset.id > after)
        return list(self.session.scalars(query.order_by(Asset.id).limit(limit)))

    def ready_ids_among(self, ids: Iterable[uuid.UUID]) -> list[uuid.UUID]:
        """Which of `ids` exist and are ready (finalized, not failed integrity checks)."""
        ids = list(ids)
        if not ids:
            return []
        return list(
            self.session.scalars(
                select(Asset.id).where(Asset.id.in_(ids), Asset.status == AssetStatus.READY)
            )
        )

    def reset_to_pending(self, ids: list[uuid.UUID], now: datetime) -> None:
        """Put assets back to `pending` with no error (reprocessing)."""
        if not ids:
            return
        self.session.execute(
            update(Asset)
            .where(Asset.id.in_(ids), Asset.status == AssetStatus.READY)
            .values(
                processing_state=ProcessingState.PENDING,
                processing_error=None,
                processing_started_at=None,
                updated_at=now,
            )
            .execution_options(synchronize_session=False)
        )

    def sha256_taken(self, owner_id: uuid.UUID, sha256: str, except_id: uuid.UUID) -> bool:
        """Whether another asset of the owner already carries this sha256."""
        found = self.session.scalar(
            select(Asset.id)
            .where(Asset.owner_id == owner_id, Asset.sha256 == sha256, Asset.id != except_id)
            .limit(1)
        )
        return found is not None
