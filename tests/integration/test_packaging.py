"""`pip install .` carries everything the `mediabox` command needs, migrations included."""

from __future__ import annotations

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
    if (ROOT / "static" / ".vite" / "manifest.json").is_file():
        # the share gateway serves the share entry's files by reading Vite's manifest
        assert "mediabox/static/share.html" in names
        assert "mediabox/static/.vite/manifest.json" in names
