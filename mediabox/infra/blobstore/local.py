"""Blob store on the local filesystem; the app serves it through HMAC-signed URLs."""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import shutil
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from mediabox.domain.errors import NotFound, PayloadTooLarge, ValidationFailed
from mediabox.infra.blobstore.base import (
    MIN_PART_SIZE,
    ObjectInfo,
    PartInfo,
    PresignedRequest,
    content_disposition,
    expiry,
    stable_window,
    utc_now,
    validate_expires_in,
    validate_key,
    validate_part_number,
    validate_range,
)
from mediabox.infra.blobstore.local_files import (
    CHUNK_SIZE,
    AtomicFile,
    adopt_spooled,
    copy_range,
    sidecar_path,
    write_json,
    write_text,
)
from mediabox.infra.blobstore.signing import BlobGrant, UrlSigner
from mediabox.infra.body_spool import SpooledBody, sweep_spool

TMP_DIR = ".tmp"
SPOOL_MAX_AGE_SECONDS = 24 * 3600
_UPLOAD_ID = re.compile(r"[0-9a-f]{32}")
_DEFAULT_CONTENT_TYPE = "application/octet-stream"
_DATA_FILE = "data"
ETAG_HEX = 32


def tmp_dir_of(root: Path) -> Path:
    """The store's temp directory under `root` (where the server spools blob PUT bodies)."""
    return Path(root) / TMP_DIR


def _etag_hash():
    """ETags are the first 128 bits of SHA-256: as strong as S3's MD5 ETags and, with the
    CPU's SHA extensions, over twice as fast to compute on every uploaded byte."""
    return hashlib.sha256()


class LocalBlobStore:
    """Blobs under ``root`` with atomic writes; URLs are relative ``/api/v1/blobs/...`` links.

    Layout: objects at ``root/<key>`` with a ``<key>.meta.json`` sidecar (content type, ETag,
    size); temp files in ``root/.tmp``; multipart parts in ``root/.multipart/<upload_id>/``.
    """

    def __init__(self, root: Path, signer: UrlSigner, clock: Callable[[], datetime] = utc_now):
        self._root = Path(root).resolve()
        self._tmp = tmp_dir_of(self._root)
        self._uploads = self._root / ".multipart"
        self._signer = signer
        self._clock = clock
        for directory in (self._root, self._tmp, self._uploads):
            directory.mkdir(parents=True, exist_ok=True)
        sweep_spool(self._tmp, SPOOL_MAX_AGE_SECONDS)

    def presign_put(
        self, key: str, content_type: str, max_bytes: int, expires_in: int
    ) -> PresignedRequest:
        validate_key(key)
        expires_at = expiry(self._clock(), validate_expires_in(expires_in))
        grant = BlobGrant(
            "PUT", key, int(expires_at.timestamp()), content_type=content_type, max_bytes=max_bytes
        )
        return PresignedRequest(
            self._signer.url(grant), "PUT", {"Content-Type": content_type}, expires_at
        )

    def presign_get(
        self,
        key: str,
        expires_in: int,
        *,
        filename: str | None = None,
        content_type: str | None = None,
        attachment: bool = False,
        stable: bool = False,
    ) -> PresignedRequest:
        validate_key(key)
        validate_expires_in(expires_in)
        now = self._clock()
        expires_at = stable_window(now, expires_in)[1] if stable else expiry(now, expires_in)
        disposition = (
            content_disposition(filename, attachment=attachment) if filename or attachment else None
        )
        grant = BlobGrant(
            "GET",
            key,
            int(expires_at.timestamp()),
            content_type=content_type,
            disposition=disposition,
        )
        return PresignedRequest(self._signer.url(grant), "GET", {}, expires_at)

    def stable_jpeg_urls(self, keys: Sequence[str], expires_in: int) -> list[str]:
        """`presign_get(key, expires_in, content_type="image/jpeg", stable=True).url` of each
        key, signed in one pass."""
        validate_expires_in(expires_in)
        for key in keys:
            validate_key(key)
        expires = int(stable_window(self._clock(), expires_in)[1].timestamp())
        return self._signer.stable_get_urls(keys, expires, "image/jpeg")

    def create_multipart(self, key: str, content_type: str, part_size: int | None = None) -> str:
        """Start an upload. With a planned `part_size`, part n is written straight to offset
        (n - 1) * part_size of one data file, so completing is a rename instead of a copy."""
        validate_key(key)
        upload_id = secrets.token_hex(16)
        directory = self._uploads / upload_id
        directory.mkdir()
        upload = {"key": key, "content_type": content_type, "part_size": part_size}
        write_json(directory / "upload.json", upload)
        return upload_id

    def presign_part(
        self, key: str, upload_id: str, part_number: int, expires_in: int, max_bytes: int
    ) -> str:
        self._upload_dir(key, upload_id)
        expires_at = expiry(self._clock(), validate_expires_in(expires_in))
        grant = BlobGrant(
            "PUT",
            key,
            int(expires_at.timestamp()),
            max_bytes=max_bytes,
            upload_id=upload_id,
            part_number=validate_part_number(part_number),
        )
        return self._signer.url(grant)

    def list_parts(self, key: str, upload_id: str) -> list[PartInfo]:
        return [part for part, _ in self._stored_parts(self._upload_dir(key, upload_id))]

    def complete_multipart(
        self, key: str, upload_id: str, parts: list[tuple[int, str]] | None = None
    ) -> None:
        """Assemble the parts. Parts land at their planned offsets in one data file, so when
        they are contiguous (the normal case) completing is a rename, not a copy."""
        directory = self._upload_dir(key, upload_id)
        upload = json.loads((directory / "upload.json").read_text())
        stored = self._stored_parts(directory)
        places = {part.part_number: place for part, place in stored}
        chosen = _choose_parts([part for part, _ in stored], parts)
        digests = _etag_hash()
        for part in chosen:
            digests.update(bytes.fromhex(part.etag))
        size = sum(part.size for part in chosen)
        data = directory / _DATA_FILE
        position = 0
        contiguous = True
        for part in chosen:
            contiguous = contiguous and places[part.part_number] == position
            position += part.size
        dest = self._object_path(key)
        if contiguous:
            with open(data, "r+b") as handle:
                handle.truncate(size)
                os.fsync(handle.fileno())
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.replace(data, dest)
        else:
            with AtomicFile(dest, self._tmp) as out:
                for part in chosen:
                    place = places[part.part_number]
                    source_path = data if isinstance(place, int) else directory / place
                    with open(source_path, "rb") as source:
                        copy_range(source, out, place if isinstance(place, int) else 0, part.size)
        self._write_meta(
            key, upload["content_type"], f"{digests.hexdigest()[:ETAG_HEX]}-{len(chosen)}", size
        )
        shutil.rmtree(directory, ignore_errors=True)

    def abort_multipart(self, key: str, upload_id: str) -> None:
        try:
            directory = self._upload_dir(key, upload_id)
        except NotFound:
            return
        shutil.rmtree(directory, ignore_errors=True)

    def head(self, key: str) -> ObjectInfo | None:
        path = self._object_path(key)
        try:
            size = path.stat().st_size
        except FileNotFoundError:
            return None
        return self._info(path, size)

    def read_range(self, key: str, start: int, length: int) -> bytes:
        validate_range(start, length)
        with self.open_read(key) as fileobj:
            fileobj.seek(start)
            return fileobj.read(length)

    def open_read(self, key: str) -> BinaryIO:
        try:
            return open(self._object_path(key), "rb")
        except FileNotFoundError:
            raise NotFound("Blob not found.", details={"key": key}) from None

    def set_content_type(self, key: str, content_type: str) -> None:
        info = self.head(key)
        if info is not None and info.content_type != content_type:
            self._write_meta(key, content_type, info.etag, info.size)

    def put_file(self, key: str, fileobj: BinaryIO, content_type: str) -> None:
        etag, size = self._receive(fileobj, self._object_path(key), limit=None)
        self._write_meta(key, content_type, etag, size)

    def delete(self, key: str) -> None:
        path = self._object_path(key)
        path.unlink(missing_ok=True)
        sidecar_path(path).unlink(missing_ok=True)

    def delete_many(self, keys: Iterable[str]) -> None:
        for key in [validate_key(key) for key in keys]:
            self.delete(key)

    def authorize(self, method: str, key: str, args: dict[str, str]) -> BlobGrant:
        """Check a request against its signed URL; raise Forbidden or ValidationFailed."""
        validate_key(key)
        return self._signer.verify(method, key, args, self._clock())

    def receive(self, grant: BlobGrant, stream: BinaryIO, content_length: int | None) -> str:
        """Store a request body for a verified PUT grant and return its ETag. A body the
        server spooled into this store's temp directory is renamed or copied into place."""
        limit = grant.max_bytes
        if isinstance(stream, SpooledBody):
            content_length = stream.size
        if content_length is not None and limit is not None and content_length > limit:
            raise PayloadTooLarge(details={"max_bytes": limit})
        if grant.upload_id is not None and grant.part_number is not None:
            return self._receive_part(grant, stream)
        dest = self._object_path(grant.key)
        if self._spooled_here(stream):
            etag, size = stream.sha256_hexdigest()[:ETAG_HEX], stream.size
            adopt_spooled(stream, dest)
        else:
            etag, size = self._receive(stream, dest, limit)
        self._write_meta(grant.key, grant.content_type or _DEFAULT_CONTENT_TYPE, etag, size)
        return etag

    def open_for_serving(self, key: str) -> tuple[BinaryIO, ObjectInfo]:
        """Open a blob and describe the opened file (size from the open descriptor)."""
        fileobj = self.open_read(key)
        return fileobj, self._info(self._object_path(key), os.fstat(fileobj.fileno()).st_size)

    def _spooled_here(self, stream: BinaryIO) -> bool:
        """A body the server spooled into this store's temp directory (renamed into place)."""
        return isinstance(stream, SpooledBody) and stream.path.parent.resolve() == self._tmp

    def _object_path(self, key: str) -> Path:
        path = (self._root / validate_key(key)).resolve()
        if not path.is_relative_to(self._root):
            raise ValidationFailed("Invalid blob key.", details={"key": key})
        return path

    def _upload_dir(self, key: str, upload_id: str) -> Path:
        validate_key(key)
        if not isinstance(upload_id, str) or not _UPLOAD_ID.fullmatch(upload_id):
            raise NotFound("Upload not found.", details={"upload_id": str(upload_id)[:64]})
        directory = self._uploads / upload_id
        try:
            upload = json.loads((directory / "upload.json").read_text())
        except FileNotFoundError:
            raise NotFound("Upload not found.", details={"upload_id": upload_id}) from None
        if upload["key"] != key:
            raise NotFound("Upload not found.", details={"upload_id": upload_id})
        return directory

    def _receive_part(self, grant: BlobGrant, stream: BinaryIO) -> str:
        """Store one part: at its planned offset in the data file, or in a file of its own."""
        number, limit = grant.part_number, grant.max_bytes
        directory = self._upload_dir(grant.key, grant.upload_id)
        part_size = json.loads((directory / "upload.json").read_text()).get("part_size")
        meta_path = directory / f"{number:05d}.json"
        meta_path.unlink(missing_ok=True)
        spooled = self._spooled_here(stream)
        if part_size and limit is not None and limit <= part_size:
            place: int | str = (number - 1) * part_size
            etag, size = self._write_at(stream, directory / _DATA_FILE, place, limit)
        elif spooled:
            place = f"{number:05d}.part"
            etag, size = stream.sha256_hexdigest()[:ETAG_HEX], stream.size
            adopt_spooled(stream, directory / place)
        else:
            place = f"{number:05d}.part"
            etag, size = self._receive(stream, directory / place, limit)
        write_text(meta_path, json.dumps({"size": size, "etag": etag, "place": place}), self._tmp)
        return etag

    def _write_at(self, stream: BinaryIO, path: Path, offset: int, limit: int) -> tuple[str, int]:
        if isinstance(stream, SpooledBody):
            fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
            try:
                stream.copy_into(fd, offset)
                os.fsync(fd)
            finally:
                os.close(fd)
            return stream.sha256_hexdigest()[:ETAG_HEX], stream.size
        digest = _etag_hash()
        size = 0
        fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
        try:
            while chunk := stream.read(CHUNK_SIZE):
                if size + len(chunk) > limit:
                    raise PayloadTooLarge(details={"max_bytes": limit})
                view = memoryview(chunk)
                while view:
                    written = os.pwrite(fd, view, offset + size)
                    size += written
                    view = view[written:]
                digest.update(chunk)
            os.fsync(fd)
        finally:
            os.close(fd)
        return digest.hexdigest()[:ETAG_HEX], size

    def _stored_parts(self, directory: Path) -> list[tuple[PartInfo, int | str]]:
        parts = []
        for meta_path in sorted(directory.glob("[0-9]*.json")):
            meta = json.loads(meta_path.read_text())
            parts.append((PartInfo(int(meta_path.stem), meta["size"], meta["etag"]), meta["place"]))
        return parts

    def _receive(self, source: BinaryIO, dest: Path, limit: int | None) -> tuple[str, int]:
        digest = _etag_hash()
        size = 0
        with AtomicFile(dest, self._tmp) as out:
            while chunk := source.read(CHUNK_SIZE):
                size += len(chunk)
                if limit is not None and size > limit:
                    raise PayloadTooLarge(details={"max_bytes": limit})
                digest.update(chunk)
                out.write(chunk)
        return digest.hexdigest()[:ETAG_HEX], size

    def _write_meta(self, key: str, content_type: str, etag: str, size: int) -> None:
        meta = {"content_type": content_type, "etag": etag, "size": size}
        write_text(sidecar_path(self._object_path(key)), json.dumps(meta), self._tmp)

    def _info(self, path: Path, size: int) -> ObjectInfo:
        try:
            meta = json.loads(sidecar_path(path).read_text())
        except (FileNotFoundError, ValueError):
            meta = {}
        if meta.get("size") != size:
            stat = path.stat()
            meta = {"etag": f"{size:x}-{stat.st_mtime_ns:x}", **meta, "size": size}
        content_type = meta.get("content_type", _DEFAULT_CONTENT_TYPE)
        return ObjectInfo(size=size, etag=meta["etag"], content_type=content_type)


def _choose_parts(
    uploaded: list[PartInfo], requested: list[tuple[int, str]] | None
) -> list[PartInfo]:
    by_number = {part.part_number: part for part in uploaded}
    if requested is None:
        chosen = uploaded
    else:
        chosen = []
        for number, etag in requested:
            part = by_number.get(number)
            if part is None or part.etag != etag.strip('"'):
                raise ValidationFailed("Unknown part.", details={"part_number": number})
            chosen.append(part)
    numbers = [part.part_number for part in chosen]
    if not chosen or numbers != sorted(set(numbers)):
        raise ValidationFailed("Parts must be non-empty and in ascending order.")
    if any(part.size < MIN_PART_SIZE for part in chosen[:-1]):
        raise ValidationFailed("Every part but the last must be at least 5 MiB.")
    return chosen
