"""The upload panel on a 390x844 phone in Russian: counts, translated states and errors for
refused files, and nothing left in English (issue 11's panel; SPEC §7 "Usable on a phone").

Screenshots: `upload-panel-ru-phone`, `upload-panel-ru-phone-failed`.
"""

from __future__ import annotations

import re

import pytest

from .conftest import PHONE
from .upload_media import MediaSet, generate_images, shared_media_files
from .upload_support import wait_until_settled

pytestmark = pytest.mark.e2e

CYRILLIC = re.compile(r"[А-Яа-яЁё]")
ENGLISH_STATES = re.compile(r"\b(Uploaded|Uploading|Queued|Failed|Waiting|Retry|files?|done)\b")


@pytest.mark.allow_console(r"the server responded with a status of (400|415)")
def test_the_panel_speaks_russian_on_a_phone(open_uploader, upload_server, tmp_path, shot):
    uploader = open_uploader(upload_server, "phone-ru", viewport=PHONE)
    page = uploader.page
    patched = uploader.api.patch(
        f"{uploader.base_url}/api/v1/auth/me", json={"locale": "ru"}, timeout=30
    )
    assert patched.status_code == 200, patched.text
    page.add_init_script("localStorage.setItem('mediabox.lang', 'ru')")
    refused = [item for item in shared_media_files() if item.refused]
    media = MediaSet([*generate_images(tmp_path, 4, prefix="phone"), *refused])
    page.goto("/")
    page.get_by_test_id("upload-input").set_input_files(media.paths)
    counts = wait_until_settled(page, len(media.files), 120)
    assert counts["done"] == 4 and counts["failed"] == len(refused), counts
    assert page.locator("html").get_attribute("lang") == "ru"

    panel = page.get_by_test_id("upload-panel")
    shot(page, "upload-panel-ru-phone")
    box = panel.bounding_box()
    assert box is not None and box["width"] <= PHONE["width"] and box["y"] >= 0, box
    text = panel.inner_text()
    assert CYRILLIC.search(text), text
    assert "{{" not in text and not ENGLISH_STATES.search(text), text
    page.get_by_test_id("upload-filter-failed").click()
    rows = page.get_by_test_id("upload-row")
    assert rows.count() == len(refused)
    for index in range(rows.count()):
        row = rows.nth(index).inner_text()
        assert CYRILLIC.search(row) and not ENGLISH_STATES.search(row), row
    shot(page, "upload-panel-ru-phone-failed")
