"""The upload panel and the desktop window's import panel stack in the bottom-right corner
instead of covering each other (on a phone they stack along the bottom edge).

The desktop window is stood in for by what the launcher puts on each page it loads
(`window.pywebview`, `window.mediaboxDesktop = {drops: true}`) and a routed
`GET /desktop/imports` reporting a batch in progress.

Screenshots: `corner-dock-desktop`, `corner-dock-ru-phone`.
"""

from __future__ import annotations

import json
import re

import pytest

from .conftest import DESKTOP, PHONE
from .upload_media import MediaSet, generate_images
from .upload_support import wait_until_settled

pytestmark = pytest.mark.e2e

IMPORTING = {
    "active": True,
    "scanning": False,
    "queued": 37,
    "imported": 12,
    "duplicates": 2,
    "failed": 1,
    "skipped": 0,
    "current": "/home/me/Pictures/2024/IMG_2041.JPG",
    "batch": 1,
    "failures": [{"name": "broken.heic", "reason": "The file could not be read."}],
}
FAKE_WINDOW = "window.pywebview = window.pywebview || {};window.mediaboxDesktop = {drops: true};"


def _overlap(a: dict, b: dict) -> float:
    width = min(a["x"] + a["width"], b["x"] + b["width"]) - max(a["x"], b["x"])
    height = min(a["y"] + a["height"], b["y"] + b["height"]) - max(a["y"], b["y"])
    return max(width, 0) * max(height, 0)


@pytest.mark.parametrize(
    ("viewport", "language", "name"),
    [(DESKTOP, "en", "corner-dock-desktop"), (PHONE, "ru", "corner-dock-ru-phone")],
)
def test_upload_and_import_panels_do_not_cover_each_other(
    open_uploader, upload_server, tmp_path, shot, viewport, language, name
):
    uploader = open_uploader(upload_server, f"dock-{language}", viewport=viewport)
    page = uploader.page
    patched = uploader.api.patch(
        f"{uploader.base_url}/api/v1/auth/me", json={"locale": language}, timeout=30
    )
    assert patched.status_code == 200, patched.text
    page.add_init_script(FAKE_WINDOW + f"localStorage.setItem('mediabox.lang', '{language}');")
    page.route(
        "**/desktop/imports",
        lambda route: route.fulfill(
            status=200, content_type="application/json", body=json.dumps(IMPORTING)
        ),
    )
    media = MediaSet(generate_images(tmp_path, 3, prefix="dock"))
    page.goto("/")
    label = re.compile("Импорт" if language == "ru" else "Import")
    imports = page.get_by_role("status", name=label)
    imports.wait_for()
    page.get_by_test_id("upload-input").set_input_files(media.paths)
    counts = wait_until_settled(page, len(media.files), 120)
    assert counts["done"] == 3, counts

    panel = page.get_by_test_id("upload-panel")
    shot(page, name)
    upload_box, import_box = panel.bounding_box(), imports.bounding_box()
    assert upload_box and import_box
    assert _overlap(upload_box, import_box) == 0, (upload_box, import_box)
    for box in (upload_box, import_box):
        assert box["x"] >= 0 and box["y"] >= 0, box
        assert box["x"] + box["width"] <= viewport["width"] + 0.5, box
        assert box["y"] + box["height"] <= viewport["height"] + 0.5, box
