"""Reading capture metadata (date, offset, camera, GPS) from a Pillow ``Image.Exif``."""

from __future__ import annotations

import math
import re
from datetime import UTC, datetime, timedelta

from PIL import ExifTags, Image

_TAG_ORIENTATION = 0x0112
_TAG_MAKE = 0x010F
_TAG_MODEL = 0x0110
_TAG_DATETIME_ORIGINAL = 0x9003
_TAG_DATETIME_DIGITIZED = 0x9004
_TAG_OFFSET_ORIGINAL = 0x9011
_TAG_OFFSET_DIGITIZED = 0x9012
_GPS_LAT_REF, _GPS_LAT, _GPS_LON_REF, _GPS_LON = 1, 2, 3, 4

_OFFSET_RE = re.compile(r"^\s*([+-])(\d{2}):?(\d{2})\s*$")


def read_orientation(exif: Image.Exif) -> int | None:
    """The EXIF orientation tag as stored, or None if absent or not an integer."""
    value = exif.get(_TAG_ORIENTATION)
    return value if isinstance(value, int) else None


def read_camera(exif: Image.Exif) -> tuple[str | None, str | None]:
    """Make and model, stripped of padding; None when missing or empty."""
    return _text(exif.get(_TAG_MAKE)), _text(exif.get(_TAG_MODEL))


def read_captured_at(exif: Image.Exif) -> tuple[datetime | None, int | None]:
    """DateTimeOriginal (else DateTimeDigitized) as an aware UTC datetime and its offset.

    With an OffsetTime tag the instant is converted to UTC and the local offset is returned
    in minutes. Without one the wall-clock time is returned labelled as UTC and the offset
    is None ("floating" local time): callers must read ``offset is None`` as "the digits are
    local time in an unknown zone". A never-set camera clock (1998-01-01) is kept as is.
    """
    sub = exif.get_ifd(ExifTags.IFD.Exif)
    for date_tag, offset_tag in (
        (_TAG_DATETIME_ORIGINAL, _TAG_OFFSET_ORIGINAL),
        (_TAG_DATETIME_DIGITIZED, _TAG_OFFSET_DIGITIZED),
    ):
        local = _parse_exif_datetime(sub.get(date_tag))
        if local is None:
            continue
        offset = parse_offset_minutes(sub.get(offset_tag))
        if offset is None:
            return local.replace(tzinfo=UTC), None
        return (local - timedelta(minutes=offset)).replace(tzinfo=UTC), offset
    return None, None


def read_gps(exif: Image.Exif) -> tuple[float | None, float | None]:
    """GPS latitude/longitude in decimal degrees, or (None, None) when absent or invalid."""
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    lat = _degrees(gps.get(_GPS_LAT), gps.get(_GPS_LAT_REF), "S")
    lon = _degrees(gps.get(_GPS_LON), gps.get(_GPS_LON_REF), "W")
    if lat is None or lon is None or abs(lat) > 90 or abs(lon) > 180:
        return None, None
    return lat, lon


def parse_offset_minutes(value: object) -> int | None:
    """'+02:00' / '-0500' → minutes east of UTC; None if missing or malformed."""
    if isinstance(value, bytes):
        value = value.decode("ascii", "ignore")
    if not isinstance(value, str):
        return None
    match = _OFFSET_RE.match(value.strip("\x00"))
    if not match:
        return None
    sign, hours, minutes = match.groups()
    total = int(hours) * 60 + int(minutes)
    if total > 18 * 60:
        return None
    return -total if sign == "-" else total


def _parse_exif_datetime(value: object) -> datetime | None:
    if isinstance(value, bytes):
        value = value.decode("ascii", "ignore")
    if not isinstance(value, str):
        return None
    text = value.strip().strip("\x00").strip()
    for fmt in ("%Y:%m:%d %H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y:%m:%d %H:%M"):
        try:
            parsed = datetime.strptime(text[:19], fmt)
        except ValueError:
            continue
        return None if parsed.year < 1800 else parsed
    return None


def _text(value: object) -> str | None:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if not isinstance(value, str):
        return None
    text = value.split("\x00", 1)[0].strip()
    return text or None


def _degrees(value: object, ref: object, negative_ref: str) -> float | None:
    if not isinstance(value, tuple) or len(value) != 3:
        return None
    try:
        d, m, s = (float(part) for part in value)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    if not all(math.isfinite(x) for x in (d, m, s)):
        return None
    result = d + m / 60 + s / 3600
    if isinstance(ref, bytes):
        ref = ref.decode("ascii", "ignore")
    if isinstance(ref, str) and ref.strip("\x00").strip().upper() == negative_ref:
        result = -result
    return result
