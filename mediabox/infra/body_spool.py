"""Blob upload bodies spooled by the server straight into the blob store's own temp directory.

waitress receives a whole request body before the app runs: by default into an anonymous
temporary file, which the app then read back, hashed and wrote again to the store (two more
copies of every byte through the page cache, on a 2-core machine most of an upload's CPU).
For a `PUT` to the local store's signed URLs the server instead writes the body to a named
file in the store's temp directory (same filesystem as the objects); the store then checks
the signed grant as before, hashes the file through a memory mapping in the worker thread,
and, for a single PUT, renames that very file into place after an fsync — or copies it
in-kernel into the planned offset of a multipart upload. The server's one I/O thread only
receives and writes.

Nothing is trusted earlier than before: the file is only a spool until the app has verified
the signature and limits and claimed it; a request that is refused, cut off or never reaches
the app leaves nothing behind (the server closes the buffer, which removes the file).
"""

from __future__ import annotations

import errno
import hashlib
import io
import mmap
import os
import tempfile
import time
from pathlib import Path

SPOOL_PREFIX = "spool-"
COPY_CHUNK = 1024 * 1024
HASH_WINDOW = 4 * 1024 * 1024  # a multiple of every platform's mmap.ALLOCATIONGRANULARITY
_NO_KERNEL_COPY = {errno.EXDEV, errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP}


class SpooledBody(io.FileIO):
    """A request body in a named file, readable from the start once complete (the WSGI
    `wsgi.input`), with the size that was written."""

    def __init__(self, directory: Path):
        fd, name = tempfile.mkstemp(dir=directory, prefix=SPOOL_PREFIX)
        super().__init__(fd, "r+b", closefd=True)
        self.path = Path(name)
        self.size = 0
        self._claimed = False

    def append(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            view = view[self.write(view) :]
        self.size += len(data)

    def sha256_hexdigest(self) -> str:
        """SHA-256 of the body, hashed from the page cache through read-only mappings (no
        copy, and in the calling worker thread rather than the server's I/O thread). The
        mapping moves along in windows so a large body is never resident all at once."""
        digest = hashlib.sha256()
        for offset in range(0, self.size, HASH_WINDOW):
            length = min(HASH_WINDOW, self.size - offset)
            with mmap.mmap(self.fileno(), length, access=mmap.ACCESS_READ, offset=offset) as m:
                digest.update(m)
        return digest.hexdigest()

    def claim(self) -> Path:
        """Make the bytes durable, close the file and hand its path over: from here on the
        caller renames it into place or removes it (closing no longer does)."""
        os.fsync(self.fileno())
        self._claimed = True
        super().close()
        return self.path

    def copy_into(self, fd: int, offset: int) -> None:
        """Write the whole body at `offset` of the open file `fd` (in the kernel where the
        platform can); the caller fsyncs `fd`."""
        done = 0
        kernel_copy = getattr(os, "copy_file_range", None)
        while kernel_copy is not None and done < self.size:
            try:
                copied = kernel_copy(self.fileno(), fd, self.size - done, done, offset + done)
            except OSError as exc:
                if exc.errno not in _NO_KERNEL_COPY:
                    raise
                break
            if copied == 0:
                raise OSError(errno.EIO, "the spooled body is shorter than received")
            done += copied
        self.seek(done)
        os.lseek(fd, offset + done, os.SEEK_SET)
        while chunk := self.read(COPY_CHUNK):
            view = memoryview(chunk)
            while view:
                view = view[os.write(fd, view) :]
            done += len(chunk)
        if done != self.size:
            raise OSError(errno.EIO, "the spooled body is shorter than received")

    def close(self) -> None:
        if self.closed:
            return
        super().close()
        if not self._claimed:
            self.path.unlink(missing_ok=True)


class SpoolBuffer:
    """The body buffer waitress fills for one request (its `OverflowableBuffer` interface:
    `append`, `len`, `getfile`, `close`), backed by a `SpooledBody` made on the first byte."""

    def __init__(self, directory: Path):
        self._directory = directory
        self._body: SpooledBody | None = None

    def append(self, data: bytes) -> None:
        if self._body is None:
            self._body = SpooledBody(self._directory)
        self._body.append(data)

    def __len__(self) -> int:
        return self._body.size if self._body is not None else 0

    def __bool__(self) -> bool:
        return len(self) > 0

    def getfile(self) -> io.RawIOBase:
        if self._body is None:
            return io.BytesIO()
        if not self._body.closed:
            self._body.seek(0)
        return self._body

    def close(self) -> None:
        if self._body is not None:
            self._body.close()


def sweep_spool(directory: Path, max_age_seconds: float) -> int:
    """Remove spool files not written to for `max_age_seconds` (left by a process that was
    killed mid-upload); returns how many."""
    cutoff = time.time() - max_age_seconds
    removed = 0
    try:
        entries = list(os.scandir(directory))
    except FileNotFoundError:
        return 0
    for entry in entries:
        if not entry.name.startswith(SPOOL_PREFIX):
            continue
        try:
            if entry.stat(follow_symlinks=False).st_mtime < cutoff:
                os.unlink(entry.path)
                removed += 1
        except FileNotFoundError:
            continue
    return removed
