"""Removing uploads that were started but never finalized (objects, multipart parts, rows)."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from mediabox.domain.clock import Clock
from mediabox.domain.enums import AssetStatus
from mediabox.domain.errors import StorageUnavailable
from mediabox.infra.blobstore import BlobStore
from mediabox.repositories.assets import AssetRepository
from mediabox.services.uploads import discard_upload

log = logging.getLogger(__name__)

CLEANUP_BATCH = 500


class UploadCleanup:
    """The periodic clean-up of abandoned uploads (hourly job, `mediabox uploads cleanup`)."""

    def __init__(
        self,
        session: Session,
        assets: AssetRepository,
        blob_store: BlobStore,
        clock: Clock,
        *,
        upload_expiry_hours: int,
    ):
        self.session = session
        self.assets = assets
        self.blob_store = blob_store
        self.clock = clock
        self.expiry = timedelta(hours=upload_expiry_hours)

    def cleanup_stale(self, now: datetime | None = None) -> int:
        """Remove uploads never finalized within UPLOAD_EXPIRY_HOURS; returns how many.

        A store failure leaves that upload for the next run.
        """
        cutoff = (now or self.clock()) - self.expiry
        removed = 0
        for asset_id in self.assets.stale_upload_ids(cutoff, CLEANUP_BATCH):
            asset = self.assets.get(asset_id)
            if asset is None or asset.status != AssetStatus.UPLOADING:
                continue
            try:
                discard_upload(self.blob_store, self.assets, asset)
                self.session.commit()
                removed += 1
            except StorageUnavailable:
                self.session.rollback()
                log.warning("stale upload %s not cleaned up: store unavailable", asset_id)
        return removed
