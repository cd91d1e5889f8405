"""ThumbHash (https://github.com/evanw/thumbhash, MIT): a ~25-byte placeholder of an image.

A port of the reference encoder `rgbaToThumbHash`; JavaScript's `Math.round` (halves up) is
kept so hashes match the reference byte for byte. The web app decodes them with the
reference `thumbhash` package.
"""

from __future__ import annotations

import base64
import math
from pathlib import Path

from PIL import Image

MAX_SIDE = 100
ENCODE_SIDE = 48  # plenty for 7x7 luminance terms; a fifth of the cost of 100x100


def _round(value: float) -> int:
    return math.floor(value + 0.5)


def rgba_to_thumbhash(w: int, h: int, rgba: bytes) -> bytes:
    """Encode `w`x`h` RGBA pixels (row by row, not premultiplied; both sides ≤ 100)."""
    if not (0 < w <= MAX_SIDE and 0 < h <= MAX_SIDE) or len(rgba) != w * h * 4:
        raise ValueError(f"{w}x{h} RGBA of {len(rgba)} bytes does not fit in 100x100")
    n = w * h
    avg_r = avg_g = avg_b = avg_a = 0.0
    for j in range(0, n * 4, 4):
        alpha = rgba[j + 3] / 255
        avg_r += alpha / 255 * rgba[j]
        avg_g += alpha / 255 * rgba[j + 1]
        avg_b += alpha / 255 * rgba[j + 2]
        avg_a += alpha
    if avg_a:
        avg_r, avg_g, avg_b = avg_r / avg_a, avg_g / avg_a, avg_b / avg_a

    has_alpha = avg_a < n
    l_limit = 5 if has_alpha else 7
    lx = max(1, _round(l_limit * w / max(w, h)))
    ly = max(1, _round(l_limit * h / max(w, h)))
    lum, p, q, a = [0.0] * n, [0.0] * n, [0.0] * n, [0.0] * n
    for i in range(n):
        j = i * 4
        alpha = rgba[j + 3] / 255
        r = avg_r * (1 - alpha) + alpha / 255 * rgba[j]
        g = avg_g * (1 - alpha) + alpha / 255 * rgba[j + 1]
        b = avg_b * (1 - alpha) + alpha / 255 * rgba[j + 2]
        lum[i] = (r + g + b) / 3
        p[i] = (r + g) / 2 - b
        q[i] = r - g
        a[i] = alpha

    def encode_channel(channel: list[float], nx: int, ny: int) -> tuple[float, list[float], float]:
        dc, ac, scale = 0.0, [], 0.0
        for cy in range(ny):
            cx = 0
            fy = [math.cos(math.pi / h * cy * (y + 0.5)) for y in range(h)]
            while cx * ny < nx * (ny - cy):
                fx = [math.cos(math.pi / w * cx * (x + 0.5)) for x in range(w)]
                f = 0.0
                for y in range(h):
                    row = y * w
                    fyy = fy[y]
                    for x in range(w):
                        f += channel[x + row] * fx[x] * fyy
                f /= n
                if cx or cy:
                    ac.append(f)
                    scale = max(scale, abs(f))
                else:
                    dc = f
                cx += 1
        if scale:
            ac = [0.5 + 0.5 / scale * v for v in ac]
        return dc, ac, scale

    l_dc, l_ac, l_scale = encode_channel(lum, max(3, lx), max(3, ly))
    p_dc, p_ac, p_scale = encode_channel(p, 3, 3)
    q_dc, q_ac, q_scale = encode_channel(q, 3, 3)
    channels = [l_ac, p_ac, q_ac]

    is_landscape = w > h
    header24 = (
        _round(63 * l_dc)
        | (_round(31.5 + 31.5 * p_dc) << 6)
        | (_round(31.5 + 31.5 * q_dc) << 12)
        | (_round(31 * l_scale) << 18)
        | (int(has_alpha) << 23)
    )
    header16 = (
        (ly if is_landscape else lx)
        | (_round(63 * p_scale) << 3)
        | (_round(63 * q_scale) << 9)
        | (int(is_landscape) << 15)
    )
    out = [header24 & 255, (header24 >> 8) & 255, header24 >> 16, header16 & 255, header16 >> 8]
    if has_alpha:
        a_dc, a_ac, a_scale = encode_channel(a, 5, 5)
        out.append(_round(15 * a_dc) | (_round(15 * a_scale) << 4))
        channels.append(a_ac)
    ac_start = len(out)
    index = 0
    for ac in channels:
        for f in ac:
            pos = ac_start + (index >> 1)
            if pos == len(out):
                out.append(0)
            out[pos] |= _round(15 * f) << ((index & 1) << 2)
            index += 1
    return bytes(out)


def image_thumbhash(path: Path) -> str:
    """The base64 ThumbHash of an image file (scaled to fit 48x48 first)."""
    with Image.open(path) as im:
        im.draft("RGB", (ENCODE_SIDE, ENCODE_SIDE))
        rgba = im.convert("RGBA")
        rgba.thumbnail((ENCODE_SIDE, ENCODE_SIDE), Image.Resampling.BILINEAR)
        data = rgba.tobytes()
        size = rgba.size
    return base64.b64encode(rgba_to_thumbhash(size[0], size[1], data)).decode("ascii")
