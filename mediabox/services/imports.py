"""Server-side import: a file on this machine's disk becomes an asset with the same checks as
an HTTP upload (size limit, sniffed type, sha256 dedupe), then is processed like one."""

from __future__ import annotations

import hashlib
import os
import struct
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.orm import Session

from mediabox.domain.enums import AssetStatus, UploadKind
from mediabox.domain.errors import AlreadyExists, StorageUnavailable
from mediabox.domain.models import Asset, User
from mediabox.infra.blobstore import BlobStore
from mediabox.infra.media.sniff import SNIFF_BYTES, sniff
from mediabox.repositories.assets import AssetRepository
from mediabox.services.uploads import SNIFF_READ_BYTES, UploadService, sniff_or_refuse

HASH_CHUNK = 1024 * 1024


def walk(paths: Iterable[Path]) -> Iterator[Path]:
    """Every regular file under `paths`, sorted, hidden files and folders left out."""
    for path in paths:
        if path.is_file():
            yield path
            continue
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if not name.startswith("."):
                    candidate = Path(root) / name
                    if candidate.is_file():
                        yield candidate


def is_media(path: Path) -> bool:
    """Whether the file's first bytes are a supported photo or video."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(SNIFF_BYTES)
    except OSError:
        return False
    try:
        return bool(head) and sniff(head, path.name) is not None
    except (struct.error, ValueError, IndexError):
        return False


@dataclass(frozen=True)
class ImportResult:
    """The outcome of a server-side import: the asset and whether it already existed."""

    asset: Asset
    duplicate: bool


class ImportService:
    """Imports files from the server's disk (`mediabox import`); each file is one transaction."""

    def __init__(
        self,
        session: Session,
        assets: AssetRepository,
        blob_store: BlobStore,
        uploads: UploadService,
    ):
        self.session = session
        self.assets = assets
        self.blob_store = blob_store
        self.uploads = uploads

    def import_local_file(
        self,
        user: User,
        path: Path,
        *,
        filename: str | None = None,
        file_modified_at: datetime | None = None,
    ) -> ImportResult:
        """Import a file from the server's disk with the same checks as an HTTP upload."""
        path = Path(path)
        filename = filename or path.name
        size = path.stat().st_size
        self.uploads.check_size(size)
        with open(path, "rb") as source:
            sniffed = sniff_or_refuse(source.read(SNIFF_READ_BYTES), filename)
            source.seek(0)
            digest = hashlib.sha256()
            while chunk := source.read(HASH_CHUNK):
                digest.update(chunk)
        sha256 = digest.hexdigest()
        existing = self.assets.find_by_sha256(user.id, sha256)
        if existing is not None and existing.status != AssetStatus.UPLOADING:
            return ImportResult(existing, duplicate=True)
        if existing is not None:
            self.uploads.discard(existing)
        asset = self.uploads.new_asset(
            user, filename, sniffed.mime, size, sha256, file_modified_at, UploadKind.SINGLE
        )
        try:
            self.assets.add(asset)
            self.session.commit()
        except AlreadyExists:
            self.session.rollback()
            existing = self.assets.find_by_sha256(user.id, sha256)
            if existing is None:
                raise
            return ImportResult(existing, duplicate=True)
        try:
            with open(path, "rb") as source:
                self.blob_store.put_file(asset.storage_key_original, source, sniffed.mime)
        except Exception:
            self.session.rollback()
            self.uploads.discard(asset)
            self.session.commit()
            raise
        info = self.blob_store.head(asset.storage_key_original)
        if info is None:
            raise StorageUnavailable("The imported file is missing from the store.")
        return ImportResult(self.uploads.accept_stored(asset, info.size), duplicate=False)
