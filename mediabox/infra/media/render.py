"""Writing the JPEG derivatives: preview (fits 1600) and thumbnail (fits 400), sRGB, no EXIF."""

from __future__ import annotations

import io
import os
from functools import lru_cache

from PIL import Image, ImageCms

PREVIEW_BOX = 1600
THUMB_BOX = 400
JPEG_QUALITY = 85

_TRANSPOSE = {
    2: [Image.Transpose.FLIP_LEFT_RIGHT],
    3: [Image.Transpose.ROTATE_180],
    4: [Image.Transpose.FLIP_TOP_BOTTOM],
    5: [Image.Transpose.TRANSPOSE],
    6: [Image.Transpose.ROTATE_270],
    7: [Image.Transpose.TRANSVERSE],
    8: [Image.Transpose.ROTATE_90],
}


def fit_size(size: tuple[int, int], box: int) -> tuple[int, int]:
    """The size of ``size`` scaled down (never up) to fit a ``box``x``box`` square."""
    width, height = size
    if width <= box and height <= box:
        return width, height
    scale = box / max(width, height)
    return max(1, round(width * scale)), max(1, round(height * scale))


def swaps_axes(orientation: int) -> bool:
    """True if applying this EXIF orientation exchanges width and height."""
    return orientation in (5, 6, 7, 8)


def write_derivatives(
    im: Image.Image,
    *,
    preview_path: str | os.PathLike[str],
    thumb_path: str | os.PathLike[str],
    orientation: int = 1,
    icc_profile: bytes | None = None,
) -> None:
    """Resize ``im`` once to the preview, derive the thumbnail from it, and save both.

    ``im`` is in stored orientation; ``orientation`` (1-8) is applied after resizing, which
    is equivalent because both boxes are square. The result is RGB, converted to sRGB when
    an ICC profile is given, alpha flattened onto white, progressive JPEG without metadata.
    """
    im = _normalise_mode(im)
    preview = _resize(im, fit_size(im.size, PREVIEW_BOX))
    preview = _finish(preview, orientation, icc_profile)
    thumb = _resize(preview, fit_size(preview.size, THUMB_BOX))
    _save_jpeg(preview, preview_path)
    _save_jpeg(thumb, thumb_path)


def _normalise_mode(im: Image.Image) -> Image.Image:
    if im.mode in ("RGB", "RGBA", "L", "LA", "CMYK"):
        return im
    if im.mode == "P":
        return im.convert("RGBA" if "transparency" in im.info else "RGB")
    if im.mode in ("PA", "RGBa", "La"):
        return im.convert("RGBA")
    if im.mode.startswith("I;16") or im.mode in ("I", "F"):
        return im.point(lambda v: v / 256).convert("L") if im.mode != "F" else im.convert("L")
    return im.convert("RGB")


def _resize(im: Image.Image, size: tuple[int, int]) -> Image.Image:
    if im.size == size:
        return im.copy()
    return im.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)


def _finish(im: Image.Image, orientation: int, icc_profile: bytes | None) -> Image.Image:
    im = _to_srgb(im, icc_profile)
    if im.mode in ("RGBA", "LA"):
        rgba = im.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        im = flat
    elif im.mode != "RGB":
        im = im.convert("RGB")
    for method in _TRANSPOSE.get(orientation, []):
        im = im.transpose(method)
    im.info = {}
    return im


@lru_cache(maxsize=1)
def _srgb_profile() -> ImageCms.ImageCmsProfile:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def _to_srgb(im: Image.Image, icc_profile: bytes | None) -> Image.Image:
    if not icc_profile:
        return im if im.mode != "CMYK" else im.convert("RGB")
    out_mode = "RGBA" if im.mode in ("RGBA", "LA") else "RGB"
    src = im.convert("RGBA") if im.mode == "LA" else im
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
        alpha = src.getchannel("A") if src.mode == "RGBA" else None
        base = src.convert("RGB") if alpha is not None else src
        converted = ImageCms.profileToProfile(base, source, _srgb_profile(), outputMode="RGB")
        if converted is None:
            return src
        if alpha is not None:
            converted.putalpha(alpha)
        return converted if out_mode == converted.mode else converted.convert(out_mode)
    except (ImageCms.PyCMSError, OSError, ValueError):
        return im.convert(out_mode)


def _save_jpeg(im: Image.Image, path: str | os.PathLike[str]) -> None:
    tmp = f"{os.fspath(path)}.part"
    im.save(tmp, "JPEG", quality=JPEG_QUALITY, progressive=True, optimize=False)
    os.replace(tmp, path)
