"""Benchmark: thumbnail + preview of 24 MP camera-like JPEGs, Mediabox vs pyvips (libvips).

Usage: python scripts/bench/bench_thumbs.py [--count N] [--cache DIR]

Both run in this process on a single core (CPU affinity 1 core, VIPS_CONCURRENCY=1).
pyvips is a dev-only dependency and needs Debian's libvips42.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

WIDTH, HEIGHT = 6000, 4000
ROOT = Path(__file__).resolve().parents[2]


def generate(cache: Path, count: int) -> list[Path]:
    """Camera-like JPEGs (noise + gradients + EXIF), cached between runs."""
    from PIL import Image, ImageChops

    cache.mkdir(parents=True, exist_ok=True)
    paths = [cache / f"cam_{i:04d}.jpg" for i in range(count)]
    missing = [p for p in paths if not p.exists()]
    if not missing:
        return paths
    noise = Image.effect_noise((WIDTH, HEIGHT), 48)
    gradient = Image.linear_gradient("L").resize((WIDTH, HEIGHT))
    radial = Image.radial_gradient("L").resize((WIDTH, HEIGHT))
    for n, path in enumerate(missing):
        i = paths.index(path)
        channels = [
            ImageChops.add(ImageChops.offset(noise, i * 131 + k * 17, i * 71), src, 1.6, -40)
            for k, src in enumerate((gradient, radial, gradient.rotate(90 + i)))
        ]
        exif = Image.Exif()
        exif[0x010F], exif[0x0110], exif[0x0112] = "BenchCam", "Model 24", 1
        exif.get_ifd(0x8769)[0x9003] = f"2024:05:{1 + i % 28:02d} 12:00:00"
        tmp = path.with_suffix(".part")
        Image.merge("RGB", channels).save(tmp, "JPEG", quality=90, exif=exif)
        tmp.rename(path)
        print(f"\rgenerating {n + 1}/{len(missing)}", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    return paths


def run_mediabox(paths: list[Path], out: Path) -> list[float]:
    from mediabox.infra.media.images import process_photo

    times = []
    for path in paths:
        start = time.perf_counter()
        process_photo(path, thumb_path=out / "mb_t.jpg", preview_path=out / "mb_p.jpg")
        times.append((time.perf_counter() - start) * 1000)
    return times


def run_pyvips(paths: list[Path], out: Path) -> list[float]:
    import pyvips

    times = []
    for path in paths:
        start = time.perf_counter()
        for size, name in ((1600, "pv_p.jpg"), (400, "pv_t.jpg")):
            image = pyvips.Image.thumbnail(str(path), size, height=size)
            image.write_to_file(str(out / name), Q=85, interlace=True, strip=True)
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--cache", type=Path, default=ROOT / ".bench" / "thumbs")
    args = parser.parse_args()
    os.environ["VIPS_CONCURRENCY"] = "1"
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    sys.path.insert(0, str(ROOT))
    paths = generate(args.cache, args.count)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        run_mediabox(paths[:2], out)
        run_pyvips(paths[:2], out)
        ours = run_mediabox(paths, out)
        vips = run_pyvips(paths, out)
    print(f"{len(paths)} images {WIDTH}x{HEIGHT}, thumbnail 400 + preview 1600, single core")
    print(f"{'engine':<22}{'mean ms':>10}{'median ms':>11}{'p95 ms':>9}")
    for name, times in (("mediabox (Pillow)", ours), ("pyvips thumbnail", vips)):
        p95 = sorted(times)[max(0, int(len(times) * 0.95) - 1)]
        row = f"{name:<22}{statistics.mean(times):>10.1f}{statistics.median(times):>11.1f}"
        print(f"{row}{p95:>9.1f}")
    print(f"ratio mediabox / pyvips (mean): {statistics.mean(ours) / statistics.mean(vips):.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
