"""Identify photo and video files from their first bytes (a whitelist, nothing else)."""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass
from pathlib import PurePath
from typing import Literal

from .errors import MediaError

SNIFF_BYTES = 4096

_HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"}
_AVIF_BRANDS = {b"avif", b"avis"}
_MP4_BRANDS = {
    b"isom", b"iso2", b"iso3", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42",
    b"avc1", b"dash", b"mmp4", b"MSNV", b"XAVC", b"f4v ",
}  # fmt: skip
_GENERIC_BRANDS = {b"mif1", b"msf1", b"miaf"} | _MP4_BRANDS
_AUDIO_BRANDS = {b"M4A ", b"M4B ", b"M4P ", b"F4A ", b"F4B "}
_QT_ATOMS = {b"moov", b"mdat", b"wide", b"pnot"}
_TIFF_RAW_EXTS = {
    "nef": "image/x-nikon-nef",
    "nrw": "image/x-nikon-nrw",
    "arw": "image/x-sony-arw",
    "srf": "image/x-sony-srf",
    "sr2": "image/x-sony-sr2",
    "dng": "image/x-adobe-dng",
    "pef": "image/x-pentax-pef",
    "srw": "image/x-samsung-srw",
    "3fr": "image/x-hasselblad-3fr",
    "erf": "image/x-epson-erf",
    "kdc": "image/x-kodak-kdc",
    "dcr": "image/x-kodak-dcr",
    "mos": "image/x-leaf-mos",
    "iiq": "image/x-phaseone-iiq",
}
_DNG_VERSION_TAG = 0xC612

Kind = Literal["photo", "video"]


@dataclass(frozen=True)
class SniffResult:
    """What a file is: MIME type, photo or video, and a canonical extension."""

    mime: str
    kind: Kind
    ext: str

    @property
    def is_raw(self) -> bool:
        """True for camera RAW formats (processed through their embedded preview)."""
        return self.mime.startswith("image/x-")

    @property
    def is_heif(self) -> bool:
        """True for HEIF/HEIC/AVIF containers (ISO-BMFF stills)."""
        return self.mime in {"image/heic", "image/heif", "image/avif"}


def _photo(mime: str, ext: str) -> SniffResult:
    return SniffResult(mime, "photo", ext)


def _video(mime: str, ext: str) -> SniffResult:
    return SniffResult(mime, "video", ext)


def sniff(head: bytes, filename: str | None = None) -> SniffResult | None:
    """Identify a supported photo or video from its first bytes (``SNIFF_BYTES`` suffice).

    ``filename`` is only a hint used to tell apart TIFF-based camera RAW formats whose
    headers are plain TIFF. Anything not on the whitelist (text, HTML, SVG, PDF, archives,
    audio...) returns ``None``.
    """
    hint = PurePath(filename).suffix.lower().lstrip(".") if filename else ""
    if head.startswith(b"\xff\xd8\xff"):
        return _photo("image/jpeg", "jpg")
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return _photo("image/png", "png")
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return _photo("image/gif", "gif")
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return _photo("image/webp", "webp")
    if head[:4] == b"RIFF" and head[8:12] == b"AVI ":
        return _video("video/x-msvideo", "avi")
    if head.startswith(b"FUJIFILMCCD-RAW"):
        return _photo("image/x-fuji-raf", "raf")
    if head[:4] in (b"IIRO", b"IIRS", b"MMOR"):
        return _photo("image/x-olympus-orf", "orf")
    if head[:4] == b"IIU\x00":
        return _photo("image/x-panasonic-rw2", "rw2")
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return _sniff_tiff(head, hint) if len(head) >= 8 else None
    if head[:4] == b"\x1a\x45\xdf\xa3":
        return _sniff_ebml(head)
    if head[4:8] == b"ftyp":
        return _sniff_ftyp(head)
    if head[4:8] in _QT_ATOMS:
        return _video("video/quicktime", "mov")
    return None


def _sniff_tiff(head: bytes, hint: str) -> SniffResult:
    if head[:4] == b"II*\x00" and head[8:10] == b"CR":
        return _photo("image/x-canon-cr2", "cr2")
    if _has_dng_tag(head):
        return _photo("image/x-adobe-dng", "dng")
    if hint in _TIFF_RAW_EXTS:
        return _photo(_TIFF_RAW_EXTS[hint], hint)
    return _photo("image/tiff", "tiff")


def _has_dng_tag(head: bytes) -> bool:
    """Look for the DNGVersion tag among the IFD0 entries that lie within ``head``."""
    order = "<" if head[:2] == b"II" else ">"
    (ifd,) = struct.unpack(order + "I", head[4:8])
    if ifd + 2 > len(head):
        return False
    (count,) = struct.unpack(order + "H", head[ifd : ifd + 2])
    for i in range(min(count, 512)):
        pos = ifd + 2 + 12 * i
        if pos + 2 > len(head):
            return False
        (tag,) = struct.unpack(order + "H", head[pos : pos + 2])
        if tag == _DNG_VERSION_TAG:
            return True
    return False


def _sniff_ebml(head: bytes) -> SniffResult | None:
    doctype_at = head.find(b"\x42\x82", 4, 64)
    if doctype_at < 0 or doctype_at + 3 > len(head):
        return None
    size_byte = head[doctype_at + 2]
    if not size_byte & 0x80:
        return None
    doctype = head[doctype_at + 3 : doctype_at + 3 + (size_byte & 0x7F)]
    if doctype == b"webm":
        return _video("video/webm", "webm")
    if doctype == b"matroska":
        return _video("video/x-matroska", "mkv")
    return None


def _sniff_ftyp(head: bytes) -> SniffResult | None:
    (box_size,) = struct.unpack(">I", head[:4])
    box_end = min(max(box_size, 16), len(head), 4096)
    major = head[8:12]
    if major in _AUDIO_BRANDS:
        return None
    brands = [major] + [head[i : i + 4] for i in range(16, box_end - 3, 4)]
    specific = [b for b in brands if b not in _GENERIC_BRANDS]
    for brand in specific + brands:
        result = _brand_result(brand)
        if result is not None:
            return result
    return None


def _brand_result(brand: bytes) -> SniffResult | None:
    if brand in _AVIF_BRANDS:
        return _photo("image/avif", "avif")
    if brand in _HEIF_BRANDS:
        return _photo("image/heic" if brand.startswith(b"he") else "image/heif", "heic")
    if brand == b"crx ":
        return _photo("image/x-canon-cr3", "cr3")
    if brand == b"qt  ":
        return _video("video/quicktime", "mov")
    if brand.startswith(b"M4V"):
        return _video("video/x-m4v", "m4v")
    if brand.startswith(b"3gp") or brand.startswith(b"3ge") or brand.startswith(b"3gg"):
        return _video("video/3gpp", "3gp")
    if brand.startswith(b"3g2"):
        return _video("video/3gpp2", "3g2")
    if brand in _MP4_BRANDS:
        return _video("video/mp4", "mp4")
    return None


def sniff_file(
    path: str | os.PathLike[str], expect: str, *, unsupported: str, mismatch: str
) -> SniffResult:
    """Sniff a file's first bytes: its `SniffResult` if it is a supported `expect` ("photo" or
    "video"); else `MediaError` with a reason (`unsupported`, or `mismatch` for the other kind).
    """
    try:
        with open(path, "rb") as fh:
            head = fh.read(SNIFF_BYTES)
    except OSError as exc:
        raise MediaError(f"cannot read file: {exc.strerror or exc}") from exc
    if not head:
        raise MediaError("file is empty")
    result = sniff(head, os.fspath(path))
    if result is None:
        raise MediaError(unsupported)
    if result.kind != expect:
        raise MediaError(mismatch)
    return result
