"""The library: timeline pages with filters, edits, trash, restore, purge and signed file URLs."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from mediabox.domain.asset_filters import AssetFilters
from mediabox.domain.clock import Clock
from mediabox.domain.enums import AssetStatus, AssetType
from mediabox.domain.errors import NotFound, StorageUnavailable, ValidationFailed
from mediabox.domain.models import Asset, User
from mediabox.domain.pagination import cursor_str, decode_cursor, encode_cursor
from mediabox.infra.blobstore import BlobStore, PresignedRequest
from mediabox.repositories.assets import PLAIN_FIELDS, AssetQuery, AssetRepository
from mediabox.services.media_urls import MediaUrls

log = logging.getLogger(__name__)

MAX_PAGE = 500
MAX_BULK = 1000
PURGE_BATCH = 200
__all__ = ["AssetFilters", "AssetService", "BulkResult", "library_query"]

_PLAIN_ID = PLAIN_FIELDS.index("id")
_PLAIN_CAPTURED_AT = PLAIN_FIELDS.index("captured_at")
BULK_ACTIONS = ("trash", "restore", "purge", "favorite", "unfavorite")
_UNSET = object()


@dataclass(frozen=True)
class BulkResult:
    """Ids the action applied to, ids not found (or not the caller's), ids that failed."""

    action: str
    done: list[uuid.UUID]
    not_found: list[uuid.UUID]
    failed: list[uuid.UUID]


class AssetService:
    """The owner's view of their assets; another user's asset is always NotFound."""

    plain_fields = PLAIN_FIELDS  # the names of `list_assets_plain`'s values

    def __init__(
        self,
        session: Session,
        assets: AssetRepository,
        blob_store: BlobStore,
        media_urls: MediaUrls,
        clock: Clock,
        *,
        trash_retention_days: int,
    ):
        self.session = session
        self.assets = assets
        self.blob_store = blob_store
        self.media_urls = media_urls
        self.clock = clock
        self.retention = timedelta(days=trash_retention_days)

    def list_assets(
        self, user: User, filters: AssetFilters, cursor: str | None, limit: int
    ) -> tuple[list[Asset], str | None]:
        """One page, newest `captured_at` first; `next_cursor` is None on the last page."""
        items, more = self._page(self.assets.list_page, user, filters, cursor, limit)
        last = items[-1] if more else None
        return items, encode_cursor(last.captured_at.isoformat(), str(last.id)) if last else None

    def list_assets_plain(
        self, user: User, filters: AssetFilters, cursor: str | None, limit: int
    ) -> tuple[list[tuple], str | None]:
        """`list_assets` as tuples of JSON-ready values in `PLAIN_FIELDS` order (what a page
        served as JSON needs); the same rows and the same cursor."""
        items, more = self._page(self.assets.list_page_plain, user, filters, cursor, limit)
        next_cursor = None
        if more:
            last = items[-1]
            captured_at = datetime.fromisoformat(last[_PLAIN_CAPTURED_AT])
            next_cursor = encode_cursor(captured_at.isoformat(), last[_PLAIN_ID])
        return items, next_cursor

    def _page(self, fetch, user: User, filters: AssetFilters, cursor: str | None, limit: int):
        """A page's rows by `fetch(query, limit + 1)` and whether more follow."""
        if not 1 <= limit <= MAX_PAGE:
            raise ValidationFailed(f"limit must be between 1 and {MAX_PAGE}.")
        query = library_query(self.assets, user, filters, _decode(cursor) if cursor else None)
        rows = fetch(query, limit + 1)
        return rows[:limit], len(rows) > limit

    def get(self, user: User, asset_id: uuid.UUID) -> Asset:
        """An asset of the caller (in the library or the trash)."""
        asset = self.assets.get_owned(user.id, asset_id)
        if asset is None or asset.status == AssetStatus.UPLOADING:
            raise NotFound("Asset not found.", code="asset_not_found")
        return asset

    def update(
        self,
        user: User,
        asset_id: uuid.UUID,
        *,
        is_favorite: bool | None = None,
        captured_at: datetime | object | None = _UNSET,
        description: str | None = None,
    ) -> Asset:
        """Favourite, description, or a captured-at override (None clears the override)."""
        asset = self.get(user, asset_id)
        if is_favorite is not None:
            asset.is_favorite = is_favorite
        if description is not None:
            asset.description = description
        if captured_at is not _UNSET:
            if captured_at is None:
                if asset.captured_at_override is not None:
                    asset.captured_at = asset.file_modified_at or asset.created_at
                    asset.captured_at_source = "file" if asset.file_modified_at else "upload"
                asset.captured_at_override = None
            else:
                asset.captured_at_override = captured_at
                asset.captured_at = captured_at
                asset.captured_at_source = "override"
        asset.updated_at = self.clock()
        self.session.commit()
        return asset

    def trash(self, user: User, asset_id: uuid.UUID) -> Asset:
        """Move to the trash (purged automatically after TRASH_RETENTION_DAYS)."""
        asset = self.get(user, asset_id)
        if asset.deleted_at is None:
            asset.deleted_at = self.clock()
            self.session.commit()
        return asset

    def restore(self, user: User, asset_id: uuid.UUID) -> Asset:
        """Bring an asset back from the trash."""
        asset = self.get(user, asset_id)
        if asset.deleted_at is not None and asset.purge_requested_at is None:
            asset.deleted_at = None
            self.session.commit()
        return asset

    def purge(self, user: User, asset_id: uuid.UUID) -> None:
        """Delete an asset and every stored file of it for good."""
        self._purge(self.get(user, asset_id))

    def bulk(self, user: User, action: str, asset_ids: list[uuid.UUID]) -> BulkResult:
        """Apply one action to up to 1,000 of the caller's assets."""
        if action not in BULK_ACTIONS:
            raise ValidationFailed(f"action must be one of {', '.join(BULK_ACTIONS)}.")
        unique = list(dict.fromkeys(asset_ids))
        if not 1 <= len(unique) <= MAX_BULK:
            raise ValidationFailed(f"Give between 1 and {MAX_BULK} asset ids.")
        found = {
            a.id: a
            for a in self.assets.get_owned_many(user.id, unique)
            if a.status != AssetStatus.UPLOADING
        }
        not_found = [i for i in unique if i not in found]
        done: list[uuid.UUID] = []
        failed: list[uuid.UUID] = []
        now = self.clock()
        if action == "purge":
            for asset in found.values():
                try:
                    self._purge(asset)
                    done.append(asset.id)
                except StorageUnavailable:
                    failed.append(asset.id)
            return BulkResult(action, done, not_found, failed)
        for asset in found.values():
            if action == "trash" and asset.deleted_at is None:
                asset.deleted_at = now
            elif action == "restore" and asset.purge_requested_at is None:
                asset.deleted_at = None
            elif action in {"favorite", "unfavorite"}:
                asset.is_favorite = action == "favorite"
            done.append(asset.id)
        self.session.commit()
        return BulkResult(action, done, not_found, failed)

    def empty_trash(self, user: User) -> int:
        """Purge everything in the caller's trash; returns how many assets were purged."""
        purged = 0
        for asset_id in self.assets.trashed_ids(user.id):
            asset = self.assets.get(asset_id)
            if asset is not None and self._try_purge(asset):
                purged += 1
        return purged

    def purge_expired_trash(self, now: datetime | None = None) -> int:
        """Purge trash older than the retention and retry failed purges; returns how many."""
        cutoff = (now or self.clock()) - self.retention
        purged = 0
        for asset_id in self.assets.expired_trash_ids(cutoff, PURGE_BATCH):
            asset = self.assets.get(asset_id)
            if asset is not None and self._try_purge(asset):
                purged += 1
        return purged

    def download_url(self, user: User, asset_id: uuid.UUID, kind: str) -> PresignedRequest:
        """A signed URL for the original (as an attachment) or a derived JPEG."""
        asset = self.get(user, asset_id)
        return self.media_urls.signed(asset, kind, attachment=kind == "original")

    def stream_url(self, user: User, asset_id: uuid.UUID) -> PresignedRequest:
        """A signed inline URL of a video's original, for Range-capable playback."""
        asset = self.get(user, asset_id)
        if asset.type != AssetType.VIDEO:
            raise ValidationFailed("Only videos can be streamed.", code="not_a_video")
        return self.media_urls.signed(asset, "original")

    def _try_purge(self, asset: Asset) -> bool:
        try:
            self._purge(asset)
        except StorageUnavailable:
            return False
        return True

    def _purge(self, asset: Asset) -> None:
        """Mark first, delete the objects, then the row: a store failure leaves it retryable."""
        asset.purge_requested_at = asset.purge_requested_at or self.clock()
        asset.deleted_at = asset.deleted_at or self.clock()
        self.session.commit()
        keys = [
            key
            for key in (
                asset.storage_key_original,
                asset.storage_key_thumb,
                asset.storage_key_preview,
                asset.storage_key_poster,
            )
            if key
        ]
        try:
            if asset.multipart_upload_id:
                self.blob_store.abort_multipart(
                    asset.storage_key_original, asset.multipart_upload_id
                )
            self.blob_store.delete_many(keys)
        except StorageUnavailable as exc:
            asset.purge_error = exc.message[:1000]
            self.session.commit()
            log.warning("purge of asset %s failed; will retry: %s", asset.id, exc.message)
            raise
        self.assets.delete_row(asset.id)
        self.session.commit()


def library_query(
    assets: AssetRepository,
    user: User,
    filters: AssetFilters,
    after: tuple[datetime, uuid.UUID] | None = None,
) -> AssetQuery:
    """Check the filters (the album must be the user's) and resolve them into a query."""
    if filters.album_id is not None and not assets.owns_album(user.id, filters.album_id):
        raise NotFound("Album not found.", code="album_not_found")
    if filters.type is not None and filters.type not in {t.value for t in AssetType}:
        raise ValidationFailed("type must be photo or video.")
    return AssetQuery(
        owner_id=user.id,
        trashed=filters.trashed,
        type=filters.type,
        favorite=filters.favorite,
        album_id=filters.album_id,
        tag_key=filters.tag.strip().casefold() if filters.tag else None,
        date_from=filters.date_from,
        date_to=filters.date_to,
        filename_like=_like_pattern(filters.q) if filters.q else None,
        after=after,
    )


def _decode(cursor: str) -> tuple[datetime, uuid.UUID]:
    captured, asset_id = decode_cursor(cursor, 2)
    try:
        when = datetime.fromisoformat(cursor_str(captured))
        key = uuid.UUID(cursor_str(asset_id))
    except (TypeError, ValueError) as exc:
        raise ValidationFailed("The cursor is not valid.", code="invalid_cursor") from exc
    if when.tzinfo is None:
        raise ValidationFailed("The cursor is not valid.", code="invalid_cursor")
    return when, key


def _like_pattern(text: str) -> str:
    escaped = text.strip().lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
