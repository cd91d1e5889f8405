"""Processing an uploaded asset: verify its sha256, read metadata, store thumbnail/preview/poster.

Failure policy (also in the README): a file that cannot be decoded ends with
`processing_state=failed` and a readable `processing_error`; the asset stays `ready` (its
original is intact and downloadable). An integrity failure (the stored bytes do not match the
declared sha256, or the original is missing) also sets `status=failed` and clears the sha256
so the right file can be uploaded again. Transient store errors are retried with back-off
and then fail visibly; `reprocess` re-runs any of these.
"""

from __future__ import annotations

import hashlib
import logging
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from mediabox.domain import storage_keys
from mediabox.domain.clock import Clock
from mediabox.domain.enums import AssetStatus, AssetType, ProcessingState
from mediabox.domain.errors import NotFound, StorageUnavailable
from mediabox.domain.models import Asset, User
from mediabox.infra.blobstore import BlobStore
from mediabox.infra.media import MediaError, PhotoMeta, VideoMeta, process_photo, process_video
from mediabox.infra.media.isolation import DecoderPool
from mediabox.infra.media.thumbhash import image_thumbhash
from mediabox.repositories.processing import ProcessingRepository
from mediabox.services.leases import LeaseKeeper

log = logging.getLogger(__name__)

CHUNK = 1024 * 1024
MAX_ERROR_LENGTH = 500
PENDING_GRACE = timedelta(seconds=60)
_ROTATION_TO_ORIENTATION = {0: 1, 90: 6, 180: 3, 270: 8}


class ProcessingFailed(Exception):
    """Processing cannot succeed for this asset; `reason` is shown to the owner."""

    def __init__(self, reason: str, *, integrity: bool = False):
        super().__init__(reason)
        self.reason = reason
        self.integrity = integrity


@dataclass(frozen=True)
class JobCounts:
    """Background processing of one owner's library, by state."""

    pending: int
    running: int
    failed: int


@dataclass(frozen=True)
class Rendered:
    """What the media layer produced for one asset (files in a temporary folder)."""

    sha256: str
    meta: PhotoMeta | VideoMeta
    thumb: Path
    preview: Path | None
    poster: Path | None
    thumbhash: str
    derived_size_bytes: int


class ProcessingService:
    """Turns a finalized asset into a browsable one; each public method is one transaction.

    `process` is idempotent: it claims the asset (pending, or running with an expired lease)
    and does nothing if another worker has it or it is already done.
    """

    def __init__(
        self,
        session: Session,
        repo: ProcessingRepository,
        blob_store: BlobStore,
        clock: Clock,
        enqueue: Callable[[uuid.UUID], None],
        *,
        work_dir: Path,
        lease_seconds: int = 900,
        store_tries: int = 3,
        retry_delay_seconds: float = 1.0,
        sleep: Callable[[float], None] = time.sleep,
        queued_jobs: Callable[[], int] = lambda: 0,
        decoder: DecoderPool | None = None,
        heartbeat_seconds: float = 20,
    ):
        self.session = session
        self.repo = repo
        self.blob_store = blob_store
        self.clock = clock
        self.enqueue = enqueue
        self.work_dir = work_dir
        self.lease = timedelta(seconds=lease_seconds)
        self.store_tries = max(1, store_tries)
        self.retry_delay = retry_delay_seconds
        self.sleep = sleep
        self.queued_jobs = queued_jobs
        self.decoder = decoder
        self.lease_keeper = LeaseKeeper(session, repo, clock, heartbeat_seconds)

    def process(self, asset_id: uuid.UUID) -> str:
        """Process one asset; returns `done`, `failed` or `skipped` (not claimable)."""
        now = self.clock()
        claimed = self.repo.claim(asset_id, now, now - self.lease)
        self.session.commit()
        if not claimed:
            return "skipped"
        asset = self.repo.get(asset_id)
        self.session.commit()  # no connection (nor snapshot) held through the slow part
        if asset is None:
            return "skipped"
        self.lease_keeper.start(asset_id)
        try:
            self.work_dir.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryDirectory(dir=self.work_dir, prefix="asset-") as tmp:
                rendered = self._render(asset, Path(tmp))
                keys = self._store(asset, rendered)
        except ProcessingFailed as failure:
            return self._fail(asset_id, failure.reason, integrity=failure.integrity)
        except MediaError as error:
            return self._fail(asset_id, error.reason)
        except Exception:
            log.exception("processing asset %s failed unexpectedly", asset_id)
            return self._fail(asset_id, "internal error while processing (see the server log)")
        return self._finish(asset, rendered, keys)

    def job_counts(self, user: User) -> JobCounts:
        """Pending, running and failed processing of the user's assets."""
        counts = self.repo.state_counts(user.id)
        return JobCounts(
            pending=counts.get(ProcessingState.PENDING, 0),
            running=counts.get(ProcessingState.RUNNING, 0),
            failed=counts.get(ProcessingState.FAILED, 0),
        )

    def reprocess(
        self,
        ids: list[uuid.UUID] | None = None,
        *,
        failed_only: bool = False,
        missing_thumbhash: bool = False,
    ) -> list[uuid.UUID]:
        """Reset ready assets to pending and enqueue them: `ids`, or all (or all failed, or
        all processed ones without a thumbhash).

        Assets that failed an integrity check (status failed) are not reprocessed.
        """
        queued: list[uuid.UUID] = []
        batches = [self.repo.ready_ids_among(ids)] if ids is not None else None
        after = None
        while True:
            if batches is not None:
                if not batches:
                    break
                batch = batches.pop()
            else:
                batch = self.repo.reprocessable_ids(
                    failed_only=failed_only, missing_thumbhash=missing_thumbhash, after=after
                )
                if not batch:
                    break
                after = batch[-1]
            self.repo.reset_to_pending(batch, self.clock())
            self.session.commit()
            for asset_id in batch:
                self.enqueue(asset_id)
            queued.extend(batch)
        return queued

    def take_over_dead_leases(self) -> list[uuid.UUID]:
        """Resume at once every asset left `running` by a process known to be dead.

        Only for a consumer that knows it is alone (see `mediabox.infra.instance_lock`): the
        assets go back to `pending` and are enqueued, whatever their lease says.
        """
        ids = self.repo.stalled_running_ids(self.clock() + timedelta(days=1))
        self.repo.reset_to_pending(ids, self.clock())
        self.session.commit()
        for asset_id in ids:
            self.enqueue(asset_id)
        if ids:
            log.info("took over %d asset(s) left running by a stopped process", len(ids))
        return ids

    def recover_stalled(self) -> list[uuid.UUID]:
        """Enqueue assets a killed worker left `running` past the lease, and lost pending jobs.

        Pending assets are re-enqueued only when the queue is empty (their job was lost).
        """
        now = self.clock()
        ids = self.repo.stalled_running_ids(now - self.lease)
        if self.queued_jobs() == 0:
            ids += self.repo.waiting_ids(now - PENDING_GRACE)
        self.session.rollback()
        for asset_id in ids:
            self.enqueue(asset_id)
        if ids:
            log.info("re-enqueued %d stalled asset(s)", len(ids))
        return ids

    def _render(self, asset: Asset, tmp: Path) -> Rendered:
        source = tmp / f"original{_suffix(asset)}"
        sha256 = self._download(asset.storage_key_original, source)
        if asset.sha256 and asset.sha256 != sha256:
            raise ProcessingFailed(
                f"checksum mismatch: the stored file has sha256 {sha256}, "
                f"but {asset.sha256} was declared at upload",
                integrity=True,
            )
        thumb, preview, poster = tmp / "thumb.jpg", tmp / "preview.jpg", tmp / "poster.jpg"
        if self.decoder is not None:
            is_video = asset.type == AssetType.VIDEO
            meta = self.decoder.decode(
                "video" if is_video else "photo",
                source,
                thumb,
                None if is_video else preview,
                poster if is_video else None,
                heartbeat=self.lease_keeper.renew,
            )
            if is_video:
                return _rendered(sha256, meta, thumb, None, poster)
            return _rendered(sha256, meta, thumb, preview, None)
        if asset.type == AssetType.VIDEO:
            meta = process_video(source, poster_path=poster, thumb_path=thumb, preview_path=poster)
            return _rendered(sha256, meta, thumb, None, poster)
        meta = process_photo(source, thumb_path=thumb, preview_path=preview)
        return _rendered(sha256, meta, thumb, preview, None)

    def _download(self, key: str, dest: Path) -> str:
        def attempt() -> str:
            digest = hashlib.sha256()
            with self.blob_store.open_read(key) as source, open(dest, "wb") as out:
                while chunk := source.read(CHUNK):
                    digest.update(chunk)
                    out.write(chunk)
                    self.lease_keeper.renew_if_due()
            return digest.hexdigest()

        try:
            return self._retrying("reading the original", attempt)
        except NotFound as exc:
            raise ProcessingFailed(
                "the original file is missing from storage", integrity=True
            ) from exc

    def _store(self, asset: Asset, rendered: Rendered) -> dict[str, str | None]:
        keys = storage_keys.derived_keys(asset.owner_id, asset.id, asset.created_at)
        planned = {"t": rendered.thumb, "v": rendered.preview, "p": rendered.poster}
        stored: dict[str, str | None] = {}
        for kind, path in planned.items():
            if path is None:
                stored[kind] = None
                continue
            self._retrying(
                f"storing the {_KIND_NAMES[kind]}", lambda k=keys[kind], p=path: self._put(k, p)
            )
            self.lease_keeper.renew_if_due()
            stored[kind] = keys[kind]
        return stored

    def _put(self, key: str, path: Path) -> None:
        with open(path, "rb") as fileobj:
            self.blob_store.put_file(key, fileobj, "image/jpeg")

    def _retrying(self, what: str, action: Callable):
        for attempt in range(1, self.store_tries + 1):
            try:
                return action()
            except StorageUnavailable as exc:
                if attempt == self.store_tries:
                    raise ProcessingFailed(
                        f"storage unavailable while {what} "
                        f"(gave up after {attempt} tries): {exc.message}"
                    ) from exc
                delay = self.retry_delay * 2 ** (attempt - 1)
                log.warning("store unavailable while %s; retry %d in %.1fs", what, attempt, delay)
                self.sleep(delay)
        raise AssertionError("unreachable")

    def _finish(self, asset: Asset, rendered: Rendered, keys: dict[str, str | None]) -> str:
        meta = rendered.meta
        asset.width, asset.height = meta.width, meta.height
        asset.camera_make, asset.camera_model = meta.make, meta.model
        asset.gps_lat, asset.gps_lon = meta.gps_lat, meta.gps_lon
        if isinstance(meta, VideoMeta):
            asset.duration_ms = meta.duration_ms
            asset.orientation = _ROTATION_TO_ORIENTATION.get(meta.rotation)
        else:
            asset.duration_ms = None
            asset.orientation = meta.orientation
        self._set_captured_at(asset, meta.captured_at, meta.captured_offset_minutes)
        if not asset.sha256 and not self.repo.sha256_taken(
            asset.owner_id, rendered.sha256, asset.id
        ):
            asset.sha256 = rendered.sha256
        asset.storage_key_thumb = keys["t"]
        asset.storage_key_preview = keys["v"]
        asset.storage_key_poster = keys["p"]
        asset.thumbhash = rendered.thumbhash
        asset.derived_size_bytes = rendered.derived_size_bytes
        asset.processing_state = ProcessingState.DONE
        asset.processing_error = None
        asset.updated_at = self.clock()
        try:
            self.session.commit()
        except StaleDataError:
            self.session.rollback()
            log.info("asset %s was purged while processing; removing its derivatives", asset.id)
            self.blob_store.delete_many([key for key in keys.values() if key])
            return "skipped"
        return "done"

    @staticmethod
    def _set_captured_at(asset: Asset, found: datetime | None, offset: int | None) -> None:
        """Metadata, else the client's file time, else the upload time (a user override wins)."""
        if asset.captured_at_override is not None:
            asset.captured_at, asset.captured_at_source = asset.captured_at_override, "override"
            return
        if found is not None:
            captured, source = found, "metadata"
        elif asset.file_modified_at is not None:
            captured, source, offset = asset.file_modified_at, "file", None
        else:
            captured, source, offset = asset.created_at, "upload", None
        asset.captured_at_source = source
        asset.captured_offset_minutes = offset
        asset.captured_at = captured

    def _fail(self, asset_id: uuid.UUID, reason: str, *, integrity: bool = False) -> str:
        self.session.rollback()
        asset = self.repo.get(asset_id)
        if asset is None:
            return "skipped"
        asset.processing_state = ProcessingState.FAILED
        asset.processing_error = reason[:MAX_ERROR_LENGTH]
        if integrity:
            asset.status = AssetStatus.FAILED
            asset.sha256 = None
        asset.updated_at = self.clock()
        self.session.commit()
        log.info("asset %s failed processing: %s", asset_id, reason)
        return "failed"


_KIND_NAMES = {"t": "thumbnail", "v": "preview", "p": "poster"}


def _rendered(sha256, meta, thumb: Path, preview: Path | None, poster: Path | None) -> Rendered:
    """Add the thumbhash and the derived files' total size to what the media layer wrote."""
    size = sum(path.stat().st_size for path in {thumb, preview, poster} if path is not None)
    return Rendered(sha256, meta, thumb, preview, poster, image_thumbhash(thumb), size)


def _suffix(asset: Asset) -> str:
    """The original's extension (a hint for camera RAW formats), as its key was given."""
    return storage_keys.extension(asset.original_filename or "")
