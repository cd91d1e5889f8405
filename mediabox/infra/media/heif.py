"""Completeness check for HEIF/AVIF files: a bounded ISO-BMFF walk of ``meta/iloc`` only.

pillow-heif decodes a truncated HEIC without any error and paints the missing part flat,
so before decoding we compare the item data extents listed in ``iloc`` with the file size.
"""

from __future__ import annotations

import os
import struct
from typing import BinaryIO

from .errors import MediaError

_MAX_TOP_LEVEL_BOXES = 64
_MAX_META_BYTES = 4 * 1024 * 1024


def check_heif_complete(path: str | os.PathLike[str]) -> None:
    """Raise ``MediaError`` if an item's data extent lies past the end of the file."""
    size = os.path.getsize(path)
    with open(path, "rb") as fh:
        meta = _read_top_level_meta(fh, size)
    if meta is None:
        raise MediaError("HEIF file has no meta box")
    iloc = _find_child(meta, 4, b"iloc")
    if iloc is None:
        raise MediaError("HEIF file has no item locations")
    end = _max_extent_end(iloc)
    if end > size:
        raise MediaError(f"HEIF file is truncated (data up to byte {end}, file has {size})")


def _read_top_level_meta(fh: BinaryIO, file_size: int) -> bytes | None:
    pos = 0
    for _ in range(_MAX_TOP_LEVEL_BOXES):
        if pos + 8 > file_size:
            return None
        fh.seek(pos)
        header = fh.read(16)
        box_size, box_type = struct.unpack(">I4s", header[:8])
        header_len = 8
        if box_size == 1:
            (box_size,) = struct.unpack(">Q", header[8:16])
            header_len = 16
        elif box_size == 0:
            box_size = file_size - pos
        if box_size < header_len:
            raise MediaError("HEIF file has a malformed box")
        if box_type == b"meta":
            if box_size > _MAX_META_BYTES:
                raise MediaError("HEIF meta box is too large")
            fh.seek(pos + header_len)
            body = fh.read(box_size - header_len)
            if len(body) < box_size - header_len:
                raise MediaError("HEIF file is truncated (meta box)")
            return body
        pos += box_size
    return None


def _find_child(body: bytes, start: int, wanted: bytes) -> bytes | None:
    pos = start
    while pos + 8 <= len(body):
        box_size, box_type = struct.unpack(">I4s", body[pos : pos + 8])
        if box_size < 8 or pos + box_size > len(body):
            raise MediaError("HEIF file has a malformed meta box")
        if box_type == wanted:
            return body[pos + 8 : pos + box_size]
        pos += box_size
    return None


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def uint(self, nbytes: int) -> int:
        if nbytes == 0:
            return 0
        if self.pos + nbytes > len(self.data):
            raise MediaError("HEIF iloc box is malformed")
        value = int.from_bytes(self.data[self.pos : self.pos + nbytes], "big")
        self.pos += nbytes
        return value


def _max_extent_end(iloc: bytes) -> int:
    """Largest ``base_offset + extent_offset + extent_length`` of file-stored items."""
    r = _Reader(iloc)
    version = r.uint(1)
    r.uint(3)
    sizes = r.uint(2)
    offset_size, length_size = sizes >> 12, (sizes >> 8) & 0xF
    base_offset_size = (sizes >> 4) & 0xF
    index_size = sizes & 0xF if version in (1, 2) else 0
    item_count = r.uint(2) if version < 2 else r.uint(4)
    end = 0
    for _ in range(item_count):
        r.uint(2 if version < 2 else 4)
        construction_method = r.uint(2) & 0xF if version in (1, 2) else 0
        data_reference_index = r.uint(2)
        base_offset = r.uint(base_offset_size)
        for _ in range(r.uint(2)):
            r.uint(index_size)
            extent_offset = r.uint(offset_size)
            extent_length = r.uint(length_size)
            if construction_method == 0 and data_reference_index == 0:
                end = max(end, base_offset + extent_offset + extent_length)
    return end
