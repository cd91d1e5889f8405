"""The files the browser upload tests send: the shared test media (per its MANIFEST.tsv, the
kinds the server refuses marked) and generated images, each with its SHA-256."""

from __future__ import annotations

import hashlib
import io
import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import TESTDATA

# Test media the server refuses at upload time (an empty file; text named .jpg, refused by the
# finalize sniff). Truncated and misnamed files upload fine and fail later, in processing.
REFUSED_KINDS = {"bad-empty", "bad-not-image"}


@dataclass(frozen=True)
class MediaFile:
    """One file to upload: where it is, its SHA-256, and whether the server must refuse it."""

    path: Path
    sha256: str
    refused: bool = False

    @property
    def name(self) -> str:
        return self.path.name


@dataclass
class MediaSet:
    """The files of one upload, with what the library must hold afterwards."""

    files: list[MediaFile]

    @property
    def paths(self) -> list[str]:
        return [str(item.path) for item in self.files]

    @property
    def accepted(self) -> dict[str, MediaFile]:
        """The files that must end stored, by SHA-256."""
        return {item.sha256: item for item in self.files if not item.refused}

    @property
    def refused_names(self) -> set[str]:
        return {item.name for item in self.files if item.refused}


def shared_media_files() -> list[MediaFile]:
    """Every file of the shared test media (MANIFEST.tsv), the refused kinds marked."""
    manifest = TESTDATA / "MANIFEST.tsv"
    if not manifest.is_file():
        pytest.fail(
            f"test media missing: expected {manifest} (the shared/ folder beside the repository)"
        )
    lines = manifest.read_text().splitlines()
    header = lines[0].split("\t")
    at = {name: header.index(name) for name in ("path", "kind", "sha256")}
    files = []
    for line in lines[1:]:
        row = line.split("\t")
        path = TESTDATA / row[at["path"]]
        assert path.is_file(), f"{path} is listed in MANIFEST.tsv but missing"
        files.append(MediaFile(path, row[at["sha256"]], row[at["kind"]] in REFUSED_KINDS))
    names = [item.name for item in files]
    assert len(set(names)) == len(names), "test media file names must be unique"
    return files


def generate_images(
    folder: Path, count: int, prefix: str = "gen", size=(48, 32)
) -> list[MediaFile]:
    """`count` distinct small images (JPEG and PNG in turn) of random pixels."""
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for index in range(count):
        image = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
        fmt, ext = ("PNG", "png") if index % 4 == 3 else ("JPEG", "jpg")
        buffer = io.BytesIO()
        image.save(buffer, fmt)
        data = buffer.getvalue()
        path = folder / f"{prefix}_{index:04d}.{ext}"
        path.write_bytes(data)
        files.append(MediaFile(path, hashlib.sha256(data).hexdigest()))
    return files


def media_set(folder: Path, total: int = 120) -> MediaSet:
    """All of the shared test media plus generated images, `total` files in all."""
    shared = shared_media_files()
    assert len(shared) < total, f"{len(shared)} test media files, expected fewer than {total}"
    return MediaSet(shared + generate_images(folder, total - len(shared)))


def big_jpeg(path: Path, size: int) -> MediaFile:
    """A `size`-byte file that is a real JPEG followed by random bytes (decoders stop at the
    end-of-image marker, so it processes like a photo)."""
    buffer = io.BytesIO()
    Image.frombytes("RGB", (64, 48), os.urandom(64 * 48 * 3)).save(buffer, "JPEG")
    head = buffer.getvalue()
    digest = hashlib.sha256(head)
    with open(path, "wb") as handle:
        handle.write(head)
        left = size - len(head)
        while left:
            chunk = os.urandom(min(left, 16 * 1024 * 1024))
            handle.write(chunk)
            digest.update(chunk)
            left -= len(chunk)
    return MediaFile(path, digest.hexdigest())
