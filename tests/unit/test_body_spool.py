"""The server-side body spool: hashing, copying into a planned offset, claiming, sweeping."""

from __future__ import annotations

import hashlib
import os
import time

import pytest

from mediabox.infra import body_spool
from mediabox.infra.body_spool import SPOOL_PREFIX, SpoolBuffer, SpooledBody, sweep_spool

MiB = 1024 * 1024


def _spooled(tmp_path, data: bytes, piece: int = 256 * 1024) -> SpooledBody:
    buffer = SpoolBuffer(tmp_path)
    for start in range(0, len(data), piece):
        buffer.append(data[start : start + piece])
    body = buffer.getfile()
    assert isinstance(body, SpooledBody)
    return body


def test_the_body_reads_back_from_the_start_and_hashes_across_windows(tmp_path):
    data = os.urandom(9 * MiB + 123)  # more than two hash windows, not a multiple of one
    body = _spooled(tmp_path, data)

    assert body.size == len(data)
    assert body.sha256_hexdigest() == hashlib.sha256(data).hexdigest()
    assert body.read() == data


def test_an_empty_buffer_is_an_empty_stream_and_makes_no_file(tmp_path):
    buffer = SpoolBuffer(tmp_path)
    assert len(buffer) == 0 and buffer.getfile().read() == b""
    buffer.close()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("kernel_copy", [True, False])
def test_copy_into_writes_the_body_at_the_offset(tmp_path, monkeypatch, kernel_copy):
    if not kernel_copy:
        monkeypatch.delattr(os, "copy_file_range", raising=False)
    data = os.urandom(3 * MiB + 7)
    body = _spooled(tmp_path, data)
    target = tmp_path / "data"
    fd = os.open(target, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        os.write(fd, b"x" * 10)
        body.copy_into(fd, 5 * MiB)
    finally:
        os.close(fd)

    written = target.read_bytes()
    assert written[:10] == b"x" * 10
    assert written[5 * MiB :] == data
    assert len(written) == 5 * MiB + len(data)


def test_copy_into_falls_back_when_the_kernel_cannot_copy(tmp_path, monkeypatch):
    def refuse(*_args):
        raise OSError(body_spool.errno.EXDEV, "cross-device")

    monkeypatch.setattr(os, "copy_file_range", refuse, raising=False)
    data = os.urandom(MiB + 1)
    body = _spooled(tmp_path, data)
    target = tmp_path / "data"
    fd = os.open(target, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        body.copy_into(fd, 0)
    finally:
        os.close(fd)
    assert target.read_bytes() == data


def test_closing_removes_the_spool_unless_claimed(tmp_path):
    dropped = _spooled(tmp_path, b"dropped")
    dropped.close()
    assert not dropped.path.exists()

    kept = _spooled(tmp_path, b"kept")
    path = kept.claim()
    kept.close()
    assert kept.closed and path.read_bytes() == b"kept"


def test_sweep_removes_only_old_spool_files(tmp_path):
    old = tmp_path / f"{SPOOL_PREFIX}old"
    fresh = tmp_path / f"{SPOOL_PREFIX}fresh"
    other = tmp_path / "not-a-spool"
    for path in (old, fresh, other):
        path.write_bytes(b"x")
    day_ago = time.time() - 86_400
    os.utime(old, (day_ago, day_ago))
    os.utime(other, (day_ago, day_ago))

    assert sweep_spool(tmp_path, 3600) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([fresh.name, other.name])
    assert sweep_spool(tmp_path / "missing", 3600) == 0


def test_the_local_store_sweeps_stale_spools_when_it_starts(tmp_path):
    from mediabox.infra.blobstore import LocalBlobStore, UrlSigner
    from mediabox.infra.blobstore.local import tmp_dir_of

    spool_dir = tmp_dir_of(tmp_path / "blobs")
    spool_dir.mkdir(parents=True)
    stale = spool_dir / f"{SPOOL_PREFIX}left-by-a-crash"
    stale.write_bytes(b"x")
    two_days_ago = time.time() - 2 * 86_400
    os.utime(stale, (two_days_ago, two_days_ago))

    LocalBlobStore(tmp_path / "blobs", UrlSigner(b"k" * 32))
    assert not stale.exists()
