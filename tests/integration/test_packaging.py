"""`pip install .` carries everything the `mediabox` command needs, migrations included."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_wheel_contains_package_migrations_and_entry_point(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    wheel = next(tmp_path.glob("mediabox-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for migration in (ROOT / "migrations" / "versions").glob("*.py"):
        assert f"mediabox/migrations/versions/{migration.name}" in names
    assert "mediabox/migrations/env.py" in names
    assert "mediabox/migrations/script.py.mako" in names
    assert "mediabox/cli/__init__.py" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "mediabox = mediabox.cli:main" in text
    assert not any(name.startswith("tests/") for name in names)


def test_wheel_carries_the_built_web_app(tmp_path):
    """With static/ built, the wheel ships it as mediabox/static (pip users need no Node),
    with the share entry and Vite's manifest the share gateway serves its files from."""
    source = tmp_path / "src"
    shutil.copytree(
        ROOT,
        source,
        ignore=shutil.ignore_patterns(
            ".venv", "node_modules", ".git", "static", "build", "dist", "*.egg-info", ".build"
        ),
    )
    (source / "static" / "assets").mkdir(parents=True)
    (source / "static" / ".vite").mkdir()
    (source / "static" / "index.html").write_text("<!doctype html><title>Mediabox</title>")
    (source / "static" / "share.html").write_text("<!doctype html><title>Shared</title>")
    (source / "static" / ".vite" / "manifest.json").write_text("{}")
    (source / "static" / "assets" / "index-abc123.js").write_text("console.log(1)")
    out = tmp_path / "wheel"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(source)],
        check=True,
        capture_output=True,
    )
    names = set(zipfile.ZipFile(next(out.glob("mediabox-*.whl"))).namelist())
    assert "mediabox/static/index.html" in names
    assert "mediabox/static/share.html" in names
    assert "mediabox/static/.vite/manifest.json" in names
    assert "mediabox/static/assets/index-abc123.js" in names
