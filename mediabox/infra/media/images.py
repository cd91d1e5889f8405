"""Photo processing: metadata and JPEG preview/thumbnail, guarded against hostile input."""

from __future__ import annotations

import io
import os
import threading
from dataclasses import dataclass
from datetime import datetime

from PIL import Image, UnidentifiedImageError

from . import exif as exif_reader
from .errors import MediaError
from .heif import check_heif_complete
from .render import PREVIEW_BOX, fit_size, swaps_axes, write_derivatives
from .sniff import SniffResult, sniff_file

MAX_PIXELS = 100_000_000

_setup_lock = threading.Lock()
_setup_done = False


@dataclass(frozen=True)
class PhotoMeta:
    """Facts read from a photo. Width/height are as displayed (orientation applied).

    ``captured_at`` is aware UTC. ``captured_offset_minutes`` is the photographer's local
    offset when the file recorded one; when it is None, ``captured_at`` holds the local
    wall-clock time labelled UTC (zone unknown). ``orientation`` is the EXIF tag as stored
    (None if absent); for HEIF it is informational only, the container rotation is used.
    """

    width: int
    height: int
    captured_at: datetime | None
    captured_offset_minutes: int | None
    make: str | None
    model: str | None
    gps_lat: float | None
    gps_lon: float | None
    orientation: int | None


def configure_pillow() -> None:
    """Register HEIF support and set the decompression-bomb bound (idempotent)."""
    global _setup_done
    with _setup_lock:
        if _setup_done:
            return
        import pillow_heif

        pillow_heif.register_heif_opener()
        Image.MAX_IMAGE_PIXELS = MAX_PIXELS
        _setup_done = True


def process_photo(
    src_path: str | os.PathLike[str],
    *,
    thumb_path: str | os.PathLike[str],
    preview_path: str | os.PathLike[str],
) -> PhotoMeta:
    """Read a photo's metadata and write its preview and thumbnail JPEGs.

    Raises ``MediaError`` with a short reason for anything that is not a complete,
    supported, reasonably sized photo.
    """
    configure_pillow()
    kind = sniff_file(
        src_path,
        "photo",
        unsupported="not a supported image format",
        mismatch="file is a video, not a photo",
    )
    if kind.is_heif:
        check_heif_complete(src_path)
    try:
        if kind.is_raw:
            return _process_raw(src_path, thumb_path=thumb_path, preview_path=preview_path)
        with Image.open(src_path) as im:
            return _process_image(im, kind, thumb_path=thumb_path, preview_path=preview_path)
    except MediaError:
        raise
    except Image.DecompressionBombError as exc:
        raise MediaError("image is too large (decompression bomb guard)") from exc
    except UnidentifiedImageError as exc:
        raise MediaError("not a readable image") from exc
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise MediaError(_decode_reason(exc)) from exc
    except MemoryError as exc:
        raise MediaError("image needs too much memory to decode") from exc


def _decode_reason(exc: BaseException) -> str:
    text = str(exc)
    if "truncated" in text or isinstance(exc, EOFError):
        return "image file is truncated"
    return f"cannot decode image: {text[:120]}" if text else "cannot decode image"


def _process_image(
    im: Image.Image,
    kind: SniffResult,
    *,
    thumb_path: str | os.PathLike[str],
    preview_path: str | os.PathLike[str],
) -> PhotoMeta:
    width, height = im.size
    if width <= 0 or height <= 0 or width * height > MAX_PIXELS:
        raise MediaError(f"image is too large ({width}x{height} pixels)")
    exif = im.getexif()
    orientation = exif_reader.read_orientation(exif)
    if kind.is_heif:
        orientation = im.info.get("original_orientation", orientation)
        applied = 1
    else:
        applied = orientation if orientation in range(1, 9) else 1
    icc_profile = im.info.get("icc_profile")
    if getattr(im, "n_frames", 1) > 1:
        im.seek(0)
    if im.format == "JPEG":
        im.draft(im.mode, fit_size(im.size, PREVIEW_BOX))
    im.load()
    write_derivatives(
        im,
        preview_path=preview_path,
        thumb_path=thumb_path,
        orientation=applied,
        icc_profile=icc_profile,
    )
    captured_at, offset = exif_reader.read_captured_at(exif)
    make, model = exif_reader.read_camera(exif)
    lat, lon = exif_reader.read_gps(exif)
    if swaps_axes(applied):
        width, height = height, width
    return PhotoMeta(
        width=width,
        height=height,
        captured_at=captured_at,
        captured_offset_minutes=offset,
        make=make,
        model=model,
        gps_lat=lat,
        gps_lon=lon,
        orientation=orientation,
    )


def _process_raw(
    src_path: str | os.PathLike[str],
    *,
    thumb_path: str | os.PathLike[str],
    preview_path: str | os.PathLike[str],
) -> PhotoMeta:
    """Camera RAW: use the embedded JPEG preview (metadata is read from it too)."""
    import rawpy

    try:
        with rawpy.imread(os.fspath(src_path)) as raw:
            thumb = raw.extract_thumb()
    except rawpy.LibRawNoThumbnailError as exc:
        raise MediaError("camera RAW file has no embedded preview") from exc
    except (rawpy.LibRawError, rawpy.LibRawFatalError) as exc:
        raise MediaError(f"cannot read camera RAW file: {exc}") from exc
    if thumb.format != rawpy.ThumbFormat.JPEG:
        raise MediaError("camera RAW preview is not a JPEG")
    with Image.open(io.BytesIO(thumb.data)) as im:
        jpeg = SniffResult("image/jpeg", "photo", "jpg")
        return _process_image(im, jpeg, thumb_path=thumb_path, preview_path=preview_path)
