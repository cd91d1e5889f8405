"""Video processing: metadata (pymediainfo), duration, poster frame and thumbnail (OpenCV)."""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime

from PIL import Image

from .errors import MediaError
from .exif import parse_offset_minutes
from .render import write_derivatives
from .sniff import sniff_file

MAX_FRAME_SIDE = 16384
MAX_SCAN_FRAMES = 200_000
_TRUNCATION_SLACK_MS = 500
_ISO6709_RE = re.compile(r"^([+-]\d+(?:\.\d+)?)([+-]\d+(?:\.\d+)?)")
_ZERO_DATE_YEARS = (1904, 1970)


@dataclass(frozen=True)
class VideoMeta:
    """Facts read from a video. Width/height are as displayed (rotation applied).

    ``captured_at`` is the container's creation time (aware UTC, None when unset or zero);
    ``captured_offset_minutes`` is the local offset when the file records one (Apple's
    ``com.apple.quicktime.creationdate``).
    """

    width: int
    height: int
    duration_ms: int
    rotation: int
    captured_at: datetime | None
    captured_offset_minutes: int | None
    make: str | None
    model: str | None
    gps_lat: float | None
    gps_lon: float | None


@dataclass(frozen=True)
class _Container:
    duration_ms: int | None
    truncated: bool
    rotation: int
    captured_at: datetime | None
    offset_minutes: int | None
    make: str | None
    model: str | None
    gps: tuple[float, float] | None
    has_video: bool


def process_video(
    src_path: str | os.PathLike[str],
    *,
    poster_path: str | os.PathLike[str],
    thumb_path: str | os.PathLike[str],
    preview_path: str | os.PathLike[str],
) -> VideoMeta:
    """Read a video's metadata and write its poster (fits 1600), thumbnail and preview.

    The poster frame is taken at ~1 s (mid-way for clips shorter than 2 s); the preview is
    a copy of the poster. Raises ``MediaError`` for unreadable, truncated or oversized video.
    """
    import cv2

    sniff_file(
        src_path,
        "video",
        unsupported="not a supported video format",
        mismatch="not a supported video format",
    )
    container = _read_container(src_path)
    if not container.has_video:
        if container.truncated:
            raise MediaError("video is truncated")
        raise MediaError("file has no video track")
    cap = cv2.VideoCapture(os.fspath(src_path), cv2.CAP_FFMPEG)
    try:
        if not cap.isOpened():
            raise MediaError("video cannot be opened (corrupt or unsupported)")
        width = int(cap.get(cv2.CAP_PROP_FRAME_WIDTH))
        height = int(cap.get(cv2.CAP_PROP_FRAME_HEIGHT))
        if not (0 < width <= MAX_FRAME_SIDE and 0 < height <= MAX_FRAME_SIDE):
            raise MediaError(f"video frame size {width}x{height} is out of bounds")
        duration_ms = container.duration_ms
        if duration_ms is None or container.truncated:
            decoded_ms = _decoded_duration_ms(cap)
            if duration_ms is not None and decoded_ms + _TRUNCATION_SLACK_MS < duration_ms:
                raise MediaError("video is truncated")
            duration_ms = decoded_ms
        frame = _poster_frame(cap, src_path, duration_ms)
    finally:
        cap.release()
    rgb = Image.fromarray(cv2.cvtColor(frame, cv2.COLOR_BGR2RGB))
    width, height = rgb.size
    write_derivatives(rgb, preview_path=poster_path, thumb_path=thumb_path)
    if os.fspath(preview_path) != os.fspath(poster_path):
        shutil.copyfile(poster_path, preview_path)
    lat, lon = container.gps if container.gps else (None, None)
    return VideoMeta(
        width=width,
        height=height,
        duration_ms=duration_ms,
        rotation=container.rotation,
        captured_at=container.captured_at,
        captured_offset_minutes=container.offset_minutes,
        make=container.make,
        model=container.model,
        gps_lat=lat,
        gps_lon=lon,
    )


def _read_container(path: str | os.PathLike[str]) -> _Container:
    from pymediainfo import MediaInfo

    try:
        info = MediaInfo.parse(os.fspath(path))
    except (OSError, RuntimeError) as exc:
        raise MediaError(f"cannot read video metadata: {exc}") from exc
    general = info.general_tracks[0] if info.general_tracks else None
    video = info.video_tracks[0] if info.video_tracks else None
    if general is None:
        raise MediaError("cannot read video container")
    duration = _number(general.duration)
    if duration is None and video is not None:
        duration = _number(video.duration)
    apple_date = getattr(general, "comapplequicktimecreationdate", None)
    return _Container(
        duration_ms=round(duration) if duration and duration > 0 else None,
        truncated=str(getattr(general, "istruncated", "") or "").lower() == "yes",
        rotation=int(_number(getattr(video, "rotation", None)) or 0) % 360,
        captured_at=_utc_date(getattr(general, "encoded_date", None))
        or _utc_date(getattr(video, "encoded_date", None)),
        offset_minutes=_apple_offset(apple_date),
        make=getattr(general, "comapplequicktimemake", None),
        model=getattr(general, "comapplequicktimemodel", None),
        gps=_iso6709(
            getattr(general, "comapplequicktimelocationiso6709", None)
            or getattr(general, "xyz", None)
        ),
        has_video=video is not None,
    )


def _number(value: object) -> float | None:
    try:
        return float(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def _utc_date(value: object) -> datetime | None:
    """'2019-07-24 08:25:57 UTC' → aware datetime; zero dates (1904/1970 epoch) → None."""
    if not isinstance(value, str):
        return None
    text = value.replace("UTC", "").strip()
    try:
        parsed = datetime.fromisoformat(text[:19])
    except ValueError:
        return None
    if parsed.year in _ZERO_DATE_YEARS and (parsed.month, parsed.day) == (1, 1):
        return None
    return parsed.replace(tzinfo=UTC)


def _apple_offset(value: object) -> int | None:
    if not isinstance(value, str) or len(value) < 24:
        return None
    return parse_offset_minutes(value[19:])


def _iso6709(value: object) -> tuple[float, float] | None:
    if not isinstance(value, str):
        return None
    match = _ISO6709_RE.match(value.strip())
    if not match:
        return None
    lat, lon = float(match.group(1)), float(match.group(2))
    if abs(lat) > 90 or abs(lon) > 180:
        return None
    return lat, lon


def _decoded_duration_ms(cap) -> int:
    """Duration found by walking every frame: last timestamp plus one frame interval."""
    import cv2

    fps = cap.get(cv2.CAP_PROP_FPS)
    last_ms = None
    for _ in range(MAX_SCAN_FRAMES):
        if not cap.grab():
            break
        last_ms = cap.get(cv2.CAP_PROP_POS_MSEC)
    if last_ms is None:
        raise MediaError("video has no decodable frames")
    cap.set(cv2.CAP_PROP_POS_FRAMES, 0)
    frame_ms = 1000.0 / fps if fps and 0 < fps < 1000 else 0.0
    return round(last_ms + frame_ms)


def _poster_frame(cap, src_path: str | os.PathLike[str], duration_ms: int):
    """A frame at ~1 s, or mid-way for clips shorter than 2 s (falls back to the first)."""
    import cv2

    target_ms = 1000 if duration_ms >= 2000 else duration_ms // 2
    cap.set(cv2.CAP_PROP_POS_MSEC, target_ms)
    ok, frame = cap.read()
    if ok and frame is not None:
        return frame
    fresh = cv2.VideoCapture(os.fspath(src_path), cv2.CAP_FFMPEG)
    try:
        best = None
        while fresh.isOpened():
            ok, frame = fresh.read()
            if not ok:
                break
            best = frame
            if fresh.get(cv2.CAP_PROP_POS_MSEC) >= target_ms:
                break
    finally:
        fresh.release()
    if best is None:
        raise MediaError("video has no decodable frames")
    return best
