"""The HTTP upload protocol: create (dedupe, signed PUT or multipart plan), resume, finalize,
abort. Server-side import is `imports.py`; removing abandoned uploads is `upload_cleanup.py`."""

from __future__ import annotations

import struct
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from mediabox.domain import storage_keys
from mediabox.domain.clock import Clock
from mediabox.domain.enums import AssetStatus, AssetType, ProcessingState, UploadKind
from mediabox.domain.errors import (
    AlreadyExists,
    Conflict,
    DomainError,
    NotFound,
    PayloadTooLarge,
    Unprocessable,
    UnsupportedMediaType,
    ValidationFailed,
)
from mediabox.domain.media_types import is_acceptable_declared_type
from mediabox.domain.models import Asset, User
from mediabox.infra.blobstore import BlobStore, PartInfo, PresignedRequest, plan_parts
from mediabox.infra.media import SniffResult, sniff
from mediabox.repositories.assets import AssetRepository

SNIFF_READ_BYTES = 16 * 1024


@dataclass(frozen=True)
class UploadPlan:
    """How the client sends the bytes: one signed PUT, or a multipart plan."""

    type: str
    presigned: PresignedRequest | None = None
    part_size: int | None = None
    part_count: int | None = None


@dataclass(frozen=True)
class CreateResult:
    """The answer to create: the asset, whether it is a duplicate, and the upload plan."""

    asset: Asset
    duplicate: bool
    plan: UploadPlan | None = None


@dataclass(frozen=True)
class UploadState:
    """What is already stored for an upload, so an interrupted client can resume."""

    asset: Asset
    type: str
    parts: list[PartInfo] = field(default_factory=list)
    part_size: int | None = None
    part_count: int | None = None


@dataclass(frozen=True)
class KnownFile:
    """A file the owner already has: `status` is the asset's, or `deleted` while in the trash."""

    sha256: str
    asset_id: uuid.UUID
    status: str


class UploadService:
    """The upload protocol of SPEC §4; each public method is one transaction.

    Finalize checks the stored object (size against the declared size and the limit, type
    sniffed from its first bytes against the whitelist) and removes it on any mismatch; a
    successful finalize makes the asset `ready` with processing `pending` and, after the
    commit, calls `enqueue(asset_id)`.
    """

    def __init__(
        self,
        session: Session,
        assets: AssetRepository,
        blob_store: BlobStore,
        enqueue: Callable[[uuid.UUID], None],
        clock: Clock,
        *,
        max_upload_size_bytes: int,
        multipart_threshold_bytes: int,
        url_ttl_seconds: int,
        upload_expiry_hours: int,
    ):
        self.session = session
        self.assets = assets
        self.blob_store = blob_store
        self.enqueue = enqueue
        self.clock = clock
        self.max_size = max_upload_size_bytes
        self.multipart_threshold = multipart_threshold_bytes
        self.ttl = url_ttl_seconds
        self.expiry = timedelta(hours=upload_expiry_hours)

    def create(
        self,
        user: User,
        *,
        filename: str,
        content_type: str,
        size_bytes: int,
        sha256: str | None = None,
        file_modified_at: datetime | None = None,
    ) -> CreateResult:
        """Answer a duplicate at once, else register the asset and plan how to send the bytes."""
        self.check_size(size_bytes)
        if not is_acceptable_declared_type(content_type):
            raise UnsupportedMediaType(
                "Only photos and videos can be uploaded.", code="unsupported_file_type"
            )
        if sha256:
            existing = self.assets.find_by_sha256(user.id, sha256)
            if existing is not None:
                if existing.status != AssetStatus.UPLOADING:
                    return CreateResult(existing, duplicate=True)
                if existing.size_bytes == size_bytes and self._fresh(existing):
                    return CreateResult(existing, False, self._plan(existing))
                self.discard(existing)
                self.session.commit()
        kind = UploadKind.MULTIPART if size_bytes > self.multipart_threshold else UploadKind.SINGLE
        asset = self.new_asset(
            user, filename, content_type, size_bytes, sha256, file_modified_at, kind
        )
        try:
            self.assets.add(asset)
            if kind == UploadKind.MULTIPART:
                asset.multipart_upload_id = self.blob_store.create_multipart(
                    asset.storage_key_original, content_type, plan_parts(size_bytes)[0]
                )
            self.session.commit()
        except AlreadyExists:
            self.session.rollback()
            existing = self.assets.find_by_sha256(user.id, sha256 or "")
            if existing is None:
                raise
            return CreateResult(existing, duplicate=True)
        except DomainError:
            self.session.rollback()
            raise
        return CreateResult(asset, False, self._plan(asset))

    def check(self, user: User, sha256s: list[str]) -> list[KnownFile]:
        """Which of `sha256s` (hex, any case, repeats allowed) the user already has, in the
        order first asked. Every status answers, so that `create` with the same sha256 agrees:
        `uploading` is an unfinished upload (create resumes or restarts it), anything else
        (`ready`, `failed`, or `deleted` for a trashed asset) is a duplicate."""
        wanted = list(dict.fromkeys(h.lower() for h in sha256s))
        found = {
            sha: KnownFile(sha, asset_id, "deleted" if deleted_at is not None else str(status))
            for sha, asset_id, status, deleted_at in self.assets.known_by_sha256(user.id, wanted)
        }
        return [found[sha] for sha in wanted if sha in found]

    def presign_parts(
        self, user: User, asset_id: uuid.UUID, part_numbers: list[int]
    ) -> list[tuple[int, str]]:
        """Signed PUT URLs for the given parts of a multipart upload."""
        asset = self._open_upload(user, asset_id)
        if asset.upload_kind != UploadKind.MULTIPART:
            raise Conflict("This is a single-request upload.", code="not_multipart")
        part_size, part_count = plan_parts(asset.size_bytes)
        bad = [n for n in part_numbers if not 1 <= n <= part_count]
        if bad:
            raise ValidationFailed(
                f"Part numbers must be between 1 and {part_count}.", details={"invalid": bad}
            )
        return [
            (
                number,
                self.blob_store.presign_part(
                    asset.storage_key_original,
                    asset.multipart_upload_id,
                    number,
                    self.ttl,
                    _part_length(asset.size_bytes, part_size, number),
                ),
            )
            for number in sorted(set(part_numbers))
        ]

    def state(self, user: User, asset_id: uuid.UUID) -> UploadState:
        """The upload's status and, for multipart, the parts already stored."""
        asset = self._owned(user, asset_id)
        if asset.upload_kind != UploadKind.MULTIPART:
            return UploadState(asset, UploadKind.SINGLE.value)
        part_size, part_count = plan_parts(asset.size_bytes)
        parts: list[PartInfo] = []
        if asset.status == AssetStatus.UPLOADING and asset.multipart_upload_id:
            parts = self.blob_store.list_parts(
                asset.storage_key_original, asset.multipart_upload_id
            )
        return UploadState(asset, UploadKind.MULTIPART.value, parts, part_size, part_count)

    def finalize(
        self, user: User, asset_id: uuid.UUID, parts: list[tuple[int, str]] | None = None
    ) -> Asset:
        """Verify the stored object and make the asset ready; finalizing twice is harmless."""
        asset = self._owned(user, asset_id)
        if asset.status != AssetStatus.UPLOADING:
            return asset
        key = asset.storage_key_original
        if asset.upload_kind == UploadKind.MULTIPART and self.blob_store.head(key) is None:
            self._complete_multipart(asset, parts)
        info = self.blob_store.head(key)
        if info is None:
            raise Conflict("The file has not been uploaded yet.", code="upload_incomplete")
        return self.accept_stored(asset, info.size)

    def abort(self, user: User, asset_id: uuid.UUID) -> None:
        """Cancel an unfinished upload: its stored bytes, parts and row are removed."""
        asset = self._owned(user, asset_id)
        if asset.status != AssetStatus.UPLOADING:
            raise Conflict(
                "This upload is already finalized; delete the asset instead.",
                code="upload_finalized",
            )
        self.discard(asset)
        self.session.commit()

    def _owned(self, user: User, asset_id: uuid.UUID) -> Asset:
        asset = self.assets.get_owned(user.id, asset_id)
        if asset is None:
            raise NotFound("Upload not found.", code="upload_not_found")
        return asset

    def _open_upload(self, user: User, asset_id: uuid.UUID) -> Asset:
        asset = self._owned(user, asset_id)
        if asset.status != AssetStatus.UPLOADING:
            raise Conflict("This upload is already finalized.", code="upload_finalized")
        return asset

    def _fresh(self, asset: Asset) -> bool:
        return asset.created_at >= self.clock() - self.expiry

    def check_size(self, size: int) -> None:
        if size > self.max_size:
            raise PayloadTooLarge(
                f"Files larger than {self.max_size} bytes are not accepted.",
                details={"max_bytes": self.max_size, "size_bytes": size},
            )
        if size <= 0:
            raise ValidationFailed("The file is empty.", code="empty_file")

    def new_asset(
        self,
        user: User,
        filename: str,
        content_type: str,
        size: int,
        sha256: str | None,
        file_modified_at: datetime | None,
        kind: UploadKind,
    ) -> Asset:
        now = self.clock()
        asset_id = uuid.uuid4()
        return Asset(
            id=asset_id,
            owner_id=user.id,
            type=AssetType.VIDEO if content_type.startswith("video/") else AssetType.PHOTO,
            status=AssetStatus.UPLOADING,
            original_filename=filename,
            content_type=content_type,
            size_bytes=size,
            sha256=sha256,
            captured_at=file_modified_at or now,
            captured_at_source="file" if file_modified_at else "upload",
            file_modified_at=file_modified_at,
            storage_key_original=storage_keys.original_key(user.id, asset_id, now, filename),
            upload_kind=kind,
            processing_state=ProcessingState.PENDING,
            created_at=now,
            updated_at=now,
        )

    def _plan(self, asset: Asset) -> UploadPlan:
        if asset.upload_kind == UploadKind.MULTIPART:
            part_size, part_count = plan_parts(asset.size_bytes)
            return UploadPlan("multipart", part_size=part_size, part_count=part_count)
        presigned = self.blob_store.presign_put(
            asset.storage_key_original, asset.content_type, asset.size_bytes, self.ttl
        )
        return UploadPlan("single", presigned=presigned)

    def _complete_multipart(self, asset: Asset, parts: list[tuple[int, str]] | None) -> None:
        key, upload_id = asset.storage_key_original, asset.multipart_upload_id
        if not upload_id:
            raise Conflict("The file has not been uploaded yet.", code="upload_incomplete")
        stored = self.blob_store.list_parts(key, upload_id)
        _, part_count = plan_parts(asset.size_bytes)
        have = {part.part_number for part in stored}
        missing = [n for n in range(1, part_count + 1) if n not in have]
        if parts is None and missing:
            raise Conflict(
                "Some parts have not been uploaded yet.",
                code="upload_incomplete",
                details={"missing_parts": missing[:100]},
            )
        self.blob_store.complete_multipart(key, upload_id, parts)

    def accept_stored(self, asset: Asset, stored_size: int) -> Asset:
        """Check the stored original (removing it on a mismatch), make the asset ready and
        enqueue its processing."""
        self._verify_stored(asset, stored_size)
        return self._mark_ready(asset)

    def _verify_stored(self, asset: Asset, stored_size: int) -> None:
        """Refuse (and remove) an object that breaks the limit, the declared size or the type."""
        failure: DomainError | None = None
        if stored_size > self.max_size:
            failure = PayloadTooLarge(
                "The stored file is larger than the limit.",
                details={"max_bytes": self.max_size, "size_bytes": stored_size},
            )
        elif stored_size != asset.size_bytes:
            failure = Unprocessable(
                "The stored file does not have the declared size.",
                code="size_mismatch",
                details={"declared": asset.size_bytes, "stored": stored_size},
            )
        else:
            head = self.blob_store.read_range(asset.storage_key_original, 0, SNIFF_READ_BYTES)
            try:
                sniffed = sniff_or_refuse(head, asset.original_filename)
            except UnsupportedMediaType as exc:
                failure = exc
            else:
                asset.content_type = sniffed.mime
                asset.type = sniffed.kind
                self.blob_store.set_content_type(asset.storage_key_original, sniffed.mime)
        if failure is not None:
            self.discard(asset)
            self.session.commit()
            raise failure

    def _mark_ready(self, asset: Asset) -> Asset:
        asset.status = AssetStatus.READY
        asset.processing_state = ProcessingState.PENDING
        asset.processing_error = None
        asset.multipart_upload_id = None
        asset.updated_at = self.clock()
        self.session.commit()
        self.enqueue(asset.id)
        return asset

    def discard(self, asset: Asset) -> None:
        """Remove an unfinished upload's object, multipart upload and row (not committed)."""
        discard_upload(self.blob_store, self.assets, asset)


def discard_upload(blob_store: BlobStore, assets: AssetRepository, asset: Asset) -> None:
    """Remove an unfinished upload's object, multipart upload and row (not committed)."""
    key = asset.storage_key_original
    if asset.multipart_upload_id:
        blob_store.abort_multipart(key, asset.multipart_upload_id)
    blob_store.delete(key)
    assets.remove(asset)


def sniff_or_refuse(head: bytes, filename: str) -> SniffResult:
    try:
        result = sniff(head, filename)
    except (struct.error, IndexError, ValueError):
        result = None  # a header too short or inconsistent to be what it claims
    if result is None:
        raise UnsupportedMediaType(
            "Only photos and videos are accepted (JPEG, PNG, GIF, WebP, HEIC/HEIF, AVIF, TIFF, "
            "camera RAW, MP4, MOV, M4V, WebM, MKV, AVI, 3GP).",
            code="unsupported_file_type",
        )
    return result


def _part_length(size: int, part_size: int, number: int) -> int:
    return min(part_size, size - (number - 1) * part_size)
