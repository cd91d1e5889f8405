"""Files of the local blob store: atomic replacement, sidecars, range copies and adopting a
body the server spooled into the store's temp directory."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import BinaryIO

from mediabox.domain.errors import ValidationFailed
from mediabox.infra.body_spool import SpooledBody

CHUNK_SIZE = 1024 * 1024
_META_SUFFIX = ".meta.json"


class AtomicFile:
    """A temp file in ``tmp_dir`` that replaces ``dest`` on success (after fsync if durable)."""

    def __init__(self, dest: Path, tmp_dir: Path, *, durable: bool = True):
        self._dest = dest
        self._tmp_dir = tmp_dir
        self._durable = durable

    def __enter__(self) -> BinaryIO:
        fd, name = tempfile.mkstemp(dir=self._tmp_dir)
        self._tmp_path = Path(name)
        self._file = os.fdopen(fd, "wb")
        return self._file

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if exc_type is None and self._durable:
                self._file.flush()
                os.fsync(self._file.fileno())
            self._file.close()
            if exc_type is None:
                self._dest.parent.mkdir(parents=True, exist_ok=True)
                os.replace(self._tmp_path, self._dest)
        finally:
            self._tmp_path.unlink(missing_ok=True)


def copy_range(source: BinaryIO, out: BinaryIO, offset: int, length: int) -> None:
    source.seek(offset)
    while length > 0:
        chunk = source.read(min(CHUNK_SIZE, length))
        if not chunk:
            raise ValidationFailed("A part is shorter than recorded.")
        out.write(chunk)
        length -= len(chunk)


def sidecar_path(path: Path) -> Path:
    return path.with_name(path.name + _META_SUFFIX)


def write_json(path: Path, value: object) -> None:
    path.write_text(json.dumps(value))


def write_text(path: Path, text: str, tmp_dir: Path) -> None:
    """Sidecars (content type, ETag, part records) are replaced atomically but not fsynced:
    after a crash a lost one is rebuilt from the file (ETag from size and mtime) or, for a
    part, shows as missing and is uploaded again. The bytes themselves are always fsynced."""
    with AtomicFile(path, tmp_dir, durable=False) as out:
        out.write(text.encode())


def adopt_spooled(body: SpooledBody, dest: Path) -> None:
    """Put a body the server spooled into the store's temp directory at `dest`: fsync it and
    rename it into place (the temp directory is on the same filesystem), or remove it."""
    path = body.claim()
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, dest)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
