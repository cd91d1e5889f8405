"""The desktop window's import panel in the real app (Chromium): with the window's markers set
(`window.pywebview`, `window.mediaboxDesktop`, which the launcher sets in the Qt window) and
`GET /desktop/imports` answered by the test, the panel shows a drop's progress, refreshes the
timeline as files land, then the summary; in a plain browser it never asks. Screenshots in
en and ru, desktop and phone."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

DESKTOP_MARKERS = "window.pywebview = {}; window.mediaboxDesktop = { drops: true };"
LABELS = {"en": "Import of dropped files", "ru": "Импорт перетащенных файлов"}
ACTIVE = {
    "active": True,
    "scanning": False,
    "queued": 41,
    "imported": 6,
    "duplicates": 2,
    "failed": 1,
    "skipped": 3,
    "current": "IMG_20240817_181512.mp4",
    "batch": 1,
    "failures": [{"name": "broken.heic", "reason": "The file could not be read."}],
}
FINISHED = ACTIVE | {"active": False, "queued": 0, "imported": 47, "current": None}


def _serve_imports(page, states: list[dict]) -> list[str]:
    """Answer `/desktop/imports` with `states` in turn (the last one repeats)."""
    asked: list[str] = []

    def answer(route):
        asked.append(route.request.url)
        state = states.pop(0) if len(states) > 1 else states[0]
        route.fulfill(status=200, content_type="application/json", body=json.dumps(state))

    page.route("**/desktop/imports", answer)
    return asked


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_panel_shows_a_drops_progress_then_its_summary(
    page, phone_page, shot, use_language, language
):
    titles = {
        "en": ("Importing 9 of 51", "Import finished"),
        "ru": ("Импорт: 9 из 51", "Импорт завершён"),
    }
    for target, device in ((page, "desktop"), (phone_page, "phone")):
        use_language(target, language)
        target.add_init_script(DESKTOP_MARKERS)
        _serve_imports(target, [ACTIVE, ACTIVE, FINISHED])
        refreshed = []
        target.on(
            "request",
            lambda r, seen=refreshed: seen.append(r.url) if "/timeline/buckets" in r.url else None,
        )
        target.goto("/")
        panel = target.get_by_role("status", name=LABELS[language])
        expect(panel).to_contain_text(titles[language][0])
        expect(panel).to_contain_text("IMG_20240817_181512.mp4")
        shot(target, f"desktop-imports-{language}-{device}")
        expect(panel).to_contain_text(titles[language][1], timeout=10_000)
        expect(panel).to_contain_text("47")
        shot(target, f"desktop-imports-finished-{language}-{device}")
        assert len(refreshed) >= 2, "the timeline is fetched again as files land"


def test_a_plain_browser_never_asks_for_desktop_imports(page):
    asked = _serve_imports(page, [FINISHED])
    page.goto("/")
    expect(page.get_by_role("navigation").first).to_be_visible()
    page.wait_for_timeout(1500)
    assert asked == [] and page.get_by_role("status", name=LABELS["en"]).count() == 0
