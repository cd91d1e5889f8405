"""The shared test media (../shared/testdata/media) and the facts of its MANIFEST.tsv."""

from __future__ import annotations

import csv
from datetime import UTC, datetime, timedelta
from pathlib import Path

MEDIA_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "testdata" / "media"
MANIFEST = MEDIA_DIR / "MANIFEST.tsv"
VIDEO_SUFFIXES = {".mp4", ".mov", ".webm", ".m4v", ".3gp", ".avi", ".mkv"}


def load_manifest() -> list[dict[str, str]]:
    """Rows of MANIFEST.tsv; a missing test-data folder is a failure, never a skip."""
    if not MANIFEST.is_file():
        raise FileNotFoundError(
            f"media test data missing: expected {MANIFEST} (../shared/testdata/media beside "
            "the repository root)"
        )
    with MANIFEST.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def expected_kind(row: dict[str, str]) -> str | None:
    """The sniff kind a manifest row should produce (None for non-media)."""
    if row["kind"] in ("bad-empty", "bad-not-image"):
        return None
    if row["kind"].startswith("video") or Path(row["path"]).suffix.lower() in VIDEO_SUFFIXES:
        return "video"
    return "photo"


def is_video(row: dict[str, str]) -> bool:
    return row["kind"].startswith("video") or Path(row["path"]).suffix.lower() in VIDEO_SUFFIXES


def is_ok(row: dict[str, str]) -> bool:
    """Whether the manifest says the file decodes correctly."""
    return row["decode_result"] == "ok"


def expected_captured(row: dict[str, str]) -> tuple[datetime | None, int | None]:
    """(captured_at in UTC, offset minutes or None) from the manifest's date fields."""
    text = row["datetime_original"].strip()
    if not text:
        return None, None
    if text.endswith("Z"):
        return datetime.fromisoformat(text[:19]).replace(tzinfo=UTC), None
    local = datetime.strptime(text, "%Y:%m:%d %H:%M:%S")
    offset_text = row["offset_time"].strip()
    if not offset_text:
        return local.replace(tzinfo=UTC), None
    sign = -1 if offset_text.startswith("-") else 1
    hours, minutes = offset_text[1:].split(":")
    offset = sign * (int(hours) * 60 + int(minutes))
    return (local - timedelta(minutes=offset)).replace(tzinfo=UTC), offset


def fitted(size: tuple[int, int], box: int) -> tuple[int, int]:
    """Expected size of ``size`` fitted into a ``box`` square (never enlarged)."""
    width, height = size
    if max(width, height) <= box:
        return width, height
    scale = box / max(width, height)
    return round(width * scale), round(height * scale)


def assert_jpeg_fits(path: Path, display: tuple[int, int], box: int) -> None:
    """A clean progressive JPEG without EXIF whose size fits ``box`` with the right aspect."""
    from PIL import Image

    with Image.open(path) as im:
        assert im.format == "JPEG"
        assert im.mode == "RGB"
        assert im.info.get("progressive") or im.info.get("progression")
        assert "exif" not in im.info and len(im.getexif()) == 0
        want = fitted(display, box)
        assert abs(im.width - want[0]) <= 1 and abs(im.height - want[1]) <= 1, (im.size, want)
