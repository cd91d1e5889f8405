"""Sniffing: every manifest file, plus non-media that must be refused."""

from __future__ import annotations

import pytest

from mediabox.infra.media.sniff import SNIFF_BYTES, sniff
from tests.manifest import MEDIA_DIR, expected_kind


def test_manifest_file_kind(manifest_row):
    path = MEDIA_DIR / manifest_row["path"]
    result = sniff(path.read_bytes()[:SNIFF_BYTES], path.name)
    kind = expected_kind(manifest_row)
    assert (result.kind if result else None) == kind


def test_jpeg_with_png_name_is_jpeg():
    path = MEDIA_DIR / "bad" / "this-is-a-jpeg.png"
    assert sniff(path.read_bytes()[:SNIFF_BYTES], path.name).mime == "image/jpeg"


@pytest.mark.parametrize(
    "head",
    [
        b"",
        b"hello, this is text pretending to be a photo\n",
        b"<!DOCTYPE html><html><body>hi</body></html>",
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"></svg>',
        b"<svg xmlns='http://www.w3.org/2000/svg'/>",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
        b"PK\x03\x04\x14\x00\x00\x00\x08\x00",
        b"\x00\x00\x00\x20ftypM4A \x00\x00\x00\x00M4A mp42isom\x00\x00\x00\x00",
        b"RIFF\x24\x00\x00\x00WAVEfmt ",
        b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x84abcd",
    ],
    ids=["empty", "text", "html", "svg-xml", "svg", "pdf", "zip", "m4a", "wav", "ebml-other"],
)
def test_non_media_is_refused(head):
    assert sniff(head, "x.jpg") is None


@pytest.mark.parametrize(
    ("head", "name", "mime", "kind"),
    [
        (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic", "a", "image/heic", "photo"),
        (b"\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1miaf", "a", "image/avif", "photo"),
        (b"\x00\x00\x00\x18ftypmif1\x00\x00\x00\x00mif1avif", "a", "image/avif", "photo"),
        (b"\x00\x00\x00\x18ftypcrx \x00\x00\x00\x01crx isom", "a", "image/x-canon-cr3", "photo"),
        (b"\x00\x00\x00\x14ftypqt  \x00\x00\x00\x00qt  ", "a", "video/quicktime", "video"),
        (b"\x00\x00\x00\x18ftypM4V \x00\x00\x00\x01M4V mp42", "a", "video/x-m4v", "video"),
        (b"\x00\x00\x00\x14ftyp3gp5\x00\x00\x00\x003gp5", "a", "video/3gpp", "video"),
        (b"RIFF\x00\x00\x00\x00AVI LIST", "a", "video/x-msvideo", "video"),
        (b"II*\x00\x10\x00\x00\x00CR\x02\x00", "a.cr2", "image/x-canon-cr2", "photo"),
        (b"IIRO\x08\x00\x00\x00", "a.orf", "image/x-olympus-orf", "photo"),
        (b"IIU\x00\x18\x00\x00\x00", "a.rw2", "image/x-panasonic-rw2", "photo"),
        (b"FUJIFILMCCD-RAW 0201", "a.raf", "image/x-fuji-raf", "photo"),
        (b"II*\x00\x08\x00\x00\x00\x00\x00", "photo.NEF", "image/x-nikon-nef", "photo"),
        (b"MM\x00*\x00\x00\x00\x08\x00\x00", "scan.arw", "image/x-sony-arw", "photo"),
        (b"II*\x00\x08\x00\x00\x00\x01\x00\x12\xc6\x01\x00", "x", "image/x-adobe-dng", "photo"),
        (b"II*\x00\x08\x00\x00\x00\x00\x00", "scan.tif", "image/tiff", "photo"),
        (b"\x1a\x45\xdf\xa3\x9f\x42\x82\x88matroska", "a", "video/x-matroska", "video"),
    ],
)
def test_container_brands(head, name, mime, kind):
    result = sniff(head, name)
    assert result is not None
    assert (result.mime, result.kind) == (mime, kind)
