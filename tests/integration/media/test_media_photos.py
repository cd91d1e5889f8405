"""Photos from the shared manifest, every failing manifest row, and hostile inputs."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat

from mediabox.infra.media import images
from mediabox.infra.media.errors import MediaError
from mediabox.infra.media.images import process_photo
from mediabox.infra.media.video import process_video
from tests.manifest import MEDIA_DIR, assert_jpeg_fits, expected_captured, expected_kind


def _display(row):
    return int(row["display_width"]), int(row["display_height"])


def test_manifest_photo(ok_photo, outputs):
    meta = process_photo(MEDIA_DIR / ok_photo["path"], **outputs)
    assert (meta.width, meta.height) == _display(ok_photo)
    assert (meta.captured_at, meta.captured_offset_minutes) == expected_captured(ok_photo)
    assert meta.make == (ok_photo["make"].strip() or None)
    assert meta.model == (ok_photo["model"].strip() or None)
    if ok_photo["gps_lat"]:
        assert meta.gps_lat == pytest.approx(float(ok_photo["gps_lat"]), abs=1e-4)
        assert meta.gps_lon == pytest.approx(float(ok_photo["gps_lon"]), abs=1e-4)
    else:
        assert meta.gps_lat is None and meta.gps_lon is None
    assert_jpeg_fits(outputs["thumb_path"], _display(ok_photo), 400)
    assert_jpeg_fits(outputs["preview_path"], _display(ok_photo), 1600)


def test_bad_manifest_file_fails_with_reason(bad_row, outputs, tmp_path):
    path = MEDIA_DIR / bad_row["path"]
    with pytest.raises(MediaError) as err:
        if expected_kind(bad_row) == "video":
            process_video(path, poster_path=tmp_path / "poster.jpg", **outputs)
        else:
            process_photo(path, **outputs)
    assert err.value.reason
    assert not outputs["thumb_path"].exists()


def _thumb(name: str, tmp_path: Path) -> Image.Image:
    out = {"thumb_path": tmp_path / f"{name}.t.jpg", "preview_path": tmp_path / f"{name}.p.jpg"}
    process_photo(MEDIA_DIR / "orientation" / f"{name}.jpg", **out)
    return Image.open(out["thumb_path"]).convert("L")


def _diff(a: Image.Image, b: Image.Image) -> float:
    return ImageStat.Stat(ImageChops.difference(a, b.resize(a.size))).mean[0]


@pytest.mark.parametrize("n", range(9))
def test_orientation_pixels_match_upright(n, tmp_path):
    upright = _thumb("Landscape_1", tmp_path)
    oriented = _thumb(f"Landscape_{n}", tmp_path)
    assert oriented.size == upright.size
    assert _diff(upright, oriented) < 8
    for wrong in (Image.Transpose.ROTATE_180, Image.Transpose.FLIP_LEFT_RIGHT):
        assert _diff(upright.transpose(wrong), oriented) > 25


def test_heic_exif_orientation_not_applied_twice(outputs):
    meta = process_photo(MEDIA_DIR / "heic" / "iphone_7.heic", **outputs)
    assert (meta.width, meta.height) == (4032, 3024)
    assert meta.orientation == 6
    assert Image.open(outputs["thumb_path"]).size == (400, 300)


def test_unset_camera_clock_is_kept(outputs):
    meta = process_photo(MEDIA_DIR / "camera" / "sanyo-vpcg250.jpg", **outputs)
    assert meta.captured_at is not None and meta.captured_at.year == 1998


def test_large_jpeg_is_decoded_at_reduced_scale(tmp_path, outputs, monkeypatch):
    src = tmp_path / "big.jpg"
    Image.effect_noise((6000, 4000), 60).convert("RGB").save(src, quality=80)
    seen = []
    real = images.write_derivatives

    def spy(im, **kwargs):
        seen.append(im.size)
        return real(im, **kwargs)

    monkeypatch.setattr(images, "write_derivatives", spy)
    meta = process_photo(src, **outputs)
    assert (meta.width, meta.height) == (6000, 4000)
    assert seen == [(3000, 2000)]
    assert Image.open(outputs["preview_path"]).size == (1600, 1067)
    assert Image.open(outputs["thumb_path"]).size == (400, 267)


def test_alpha_is_flattened_onto_white(tmp_path, outputs):
    src = tmp_path / "clear.png"
    Image.new("RGBA", (800, 600), (255, 0, 0, 0)).save(src)
    process_photo(src, **outputs)
    assert Image.open(outputs["thumb_path"]).getpixel((10, 10)) == (255, 255, 255)


def test_icc_profile_is_converted_and_dropped(tmp_path, outputs):
    from PIL import ImageCms

    src = tmp_path / "icc.jpg"
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    Image.new("RGB", (500, 500), (10, 200, 30)).save(src, icc_profile=srgb)
    process_photo(src, **outputs)
    out = Image.open(outputs["preview_path"])
    assert "icc_profile" not in out.info
    assert all(abs(a - b) < 6 for a, b in zip(out.getpixel((5, 5)), (10, 200, 30), strict=True))


def _png_header_only(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * (width + 1) * 4)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


@pytest.mark.parametrize("side", [12_000, 40_000], ids=["over-bound", "over-pillow-limit"])
def test_decompression_bomb_fails(tmp_path, outputs, side):
    src = tmp_path / "bomb.png"
    src.write_bytes(_png_header_only(side, side))
    assert src.stat().st_size < 10_000
    with pytest.raises(MediaError, match="too large"):
        process_photo(src, **outputs)


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.jpg", b"", "empty"),
        ("notes.jpg", b"just some text, not a photo\n" * 10, "not a supported"),
        ("page.jpg", b"<!doctype html><html><body><img src=x></body></html>", "not a supported"),
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>', "not a supported"),
        ("half.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00", "image"),
    ],
)
def test_hostile_inputs_fail_with_reason(tmp_path, outputs, name, content, reason):
    src = tmp_path / name
    src.write_bytes(content)
    with pytest.raises(MediaError, match=reason):
        process_photo(src, **outputs)
