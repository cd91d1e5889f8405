"""Fixtures for the media layer tests: parametrisation over the shared manifest."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.manifest import expected_kind, is_ok, load_manifest


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Parametrise ``manifest_row`` (every row), ``ok_photo``/``ok_video`` and ``bad_row``."""
    selectors = {
        "manifest_row": lambda r: True,
        "ok_photo": lambda r: is_ok(r) and expected_kind(r) == "photo",
        "ok_video": lambda r: is_ok(r) and expected_kind(r) == "video",
        "bad_row": lambda r: not is_ok(r),
    }
    for name, keep in selectors.items():
        if name in metafunc.fixturenames:
            rows = [r for r in load_manifest() if keep(r)]
            assert rows, f"no manifest rows for {name}"
            metafunc.parametrize(name, rows, ids=[r["path"] for r in rows])


@pytest.fixture
def outputs(tmp_path: Path) -> dict[str, Path]:
    """Output paths for derivatives inside a per-test temporary directory."""
    return {
        "thumb_path": tmp_path / "thumb.jpg",
        "preview_path": tmp_path / "preview.jpg",
    }
