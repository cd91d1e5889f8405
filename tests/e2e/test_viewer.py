"""The viewer end to end (issue 10 §3 "Viewer"): opened from a timeline tile, ←/→ (and swipe)
change `/photos/:id`, Esc / Back return to the grid at the same scroll position, a video
plays and seeks, zoom loads the original, the info panel and the shortcuts; English and
Russian, desktop and phone.
Screenshots: `viewer-{photo,video,info,shortcuts}-{en,ru}-{desktop,phone}`.
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest

from .conftest import csrf_headers

PHOTO_WITH_GPS = "DSCN0010.jpg"  # NIKON COOLPIX P6000, 640x480, GPS 43.467448, 11.885127
LARGE_JPEG = "jolla.jpg"  # 3264x2448: zooming past the 1600 px preview loads the original
HEIC = "iphone_7.heic"  # the browser cannot show the original: stays on the preview
VIDEO = "chaplin.mp4"  # 9.6 s H.264
RAW_KEY = re.compile(r"\b(panel|shortcuts|state|toast|errors)\.[a-zA-Z]+\b")


def library(page) -> dict[str, dict]:
    """The owner's assets by file name (through the signed-in page's cookies)."""
    response = page.request.get("/api/v1/assets?limit=500")
    assert response.ok, response.text()
    return {item["original_filename"]: item for item in response.json()["items"]}


def viewer(page):
    return page.get_by_test_id("viewer")


def open_directly(page, asset_id: str) -> None:
    page.goto(f"/photos/{asset_id}")
    viewer(page).wait_for()


def wait_image(page) -> None:
    """The viewer's image has really loaded (not a blank dialog)."""
    page.wait_for_function(
        "() => { const img = document.querySelector('[data-testid=viewer] "
        "[data-testid=viewer-image]'); return !!img && img.complete && img.naturalWidth > 0; }"
    )


def wait_content(page) -> None:
    """The viewer shows something: a loaded image, a video or a readable state."""
    page.wait_for_function(
        """() => { const v = document.querySelector('[data-testid=viewer]'); if (!v) return false;
            const img = v.querySelector('[data-testid=viewer-image]');
            return (!!img && img.complete && img.naturalWidth > 0)
                || !!v.querySelector('[data-testid=viewer-video], [data-testid=viewer-state]'); }"""
    )


def wait_shown(page, asset_id: str) -> None:
    """The viewer has rendered `asset_id` (not just the URL changed) and shows its content."""
    page.wait_for_function(
        f"() => document.querySelector('[data-testid=viewer]')?.dataset.assetId === '{asset_id}'"
    )
    wait_content(page)


def current_id(page) -> str:
    match = re.search(r"/photos/([0-9a-f-]{36})$", page.url)
    assert match, page.url
    return match.group(1)


def swipe(page, dx: float, y: float = 420) -> None:
    """A real one-finger touch swipe through the DevTools protocol."""
    cdp = page.context.new_cdp_session(page)
    x0 = 195 - dx / 2
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x0, "y": y}]})
    for step in range(1, 9):
        point = {"x": x0 + dx * step / 8, "y": y}
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [point]})
        page.wait_for_timeout(16)
    # The finger rests before lifting: an instant lift is an endless fling to Chromium, and
    # it then swallows the next tap (as it does a tap that stops a real fling).
    page.wait_for_timeout(120)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    cdp.detach()


def pinch(page, centre: tuple[float, float], start: float, end: float) -> None:
    """Two fingers moving apart from `start` to `end` px around `centre`."""
    cdp = page.context.new_cdp_session(page)
    cx, cy = centre

    def points(gap: float):
        return [{"x": cx - gap / 2, "y": cy, "id": 0}, {"x": cx + gap / 2, "y": cy, "id": 1}]

    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": points(start)})
    for step in range(1, 11):
        gap = start + (end - start) * step / 10
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": points(gap)})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    cdp.detach()


def visible_photo_tile(page, photo_ids: set[str]):
    """A processed photo's tile wholly inside the viewport, below the first rows if possible."""
    ids = page.evaluate(
        """() => [...document.querySelectorAll('[data-testid=asset-tile]')]
            .filter(t => { const r = t.getBoundingClientRect();
                           return r.top >= 80 && r.bottom <= innerHeight - 20 && r.width > 0; })
            .map(t => t.dataset.assetId)"""
    )
    candidates = [i for i in ids if i in photo_ids]
    assert candidates, f"no photo tile in view among {ids}"
    return page.locator(f'[data-testid=asset-tile][data-asset-id="{candidates[-1]}"]')


def in_view(page, asset_id: str) -> dict:
    """The tile's box, asserting it is wholly inside the viewport."""
    box = page.locator(f'[data-testid=asset-tile][data-asset-id="{asset_id}"]').bounding_box()
    assert box is not None, f"tile {asset_id} left the DOM"
    assert box["y"] >= 0 and box["y"] + box["height"] <= page.viewport_size["height"], box
    return box


def close(page, phone: bool) -> None:
    if phone:
        page.get_by_test_id("viewer-close").tap()
    else:
        page.keyboard.press("Escape")
    viewer(page).wait_for(state="detached")
    assert urlparse(page.url).path == "/"


def step(page, phone: bool, forward: bool) -> None:
    if phone:
        swipe(page, -220 if forward else 220)
    else:
        page.keyboard.press("ArrowRight" if forward else "ArrowLeft")


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_open_from_tile_move_and_return(request, device):
    page = request.getfixturevalue("page" if device == "desktop" else "phone_page")
    phone = device == "phone"
    photos = {
        a["id"]
        for a in library(page).values()
        if a["type"] == "photo" and a["processing"]["state"] == "done"
    }
    page.goto("/")
    page.get_by_test_id("asset-tile").first.wait_for()
    page.mouse.move(195 if phone else 300, 400)
    page.mouse.wheel(0, 500)
    page.wait_for_timeout(600)
    tile = visible_photo_tile(page, photos)
    clicked = tile.get_attribute("data-asset-id")
    before = tile.bounding_box()

    # Open and close: the grid under the viewer kept its exact scroll position.
    tile.tap() if phone else tile.click()
    viewer(page).wait_for()
    assert viewer(page).get_attribute("role") == "dialog"
    assert page.url.endswith(f"/photos/{clicked}")
    wait_image(page)
    close(page, phone)
    assert in_view(page, clicked)["y"] == pytest.approx(before["y"], abs=1)

    # → and ← change /photos/:id; closing comes back with the clicked tile in view.
    tile.tap() if phone else tile.click()
    viewer(page).wait_for()
    step(page, phone, forward=True)
    page.wait_for_function(f"() => !location.pathname.endsWith('{clicked}')")
    moved_to = current_id(page)
    assert moved_to != clicked
    wait_shown(page, moved_to)
    step(page, phone, forward=False)
    page.wait_for_function(f"() => location.pathname.endsWith('/photos/{clicked}')")
    wait_shown(page, clicked)
    close(page, phone)
    in_view(page, clicked)

    # ←/→ replace the history entry: one Back returns to the grid, at the asset last shown.
    page.locator(f'[data-testid=asset-tile][data-asset-id="{clicked}"]').click()
    viewer(page).wait_for()
    step(page, phone, forward=True)
    page.wait_for_function(f"() => !location.pathname.endsWith('{clicked}')")
    shown = current_id(page)
    wait_shown(page, shown)
    page.go_back()
    viewer(page).wait_for(state="detached")
    assert urlparse(page.url).path == "/"
    in_view(page, shown)


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_photo_video_info_and_shortcuts(request, use_language, shot, device, language):
    page = request.getfixturevalue("page" if device == "desktop" else "phone_page")
    phone = device == "phone"
    use_language(page, language)
    assets = library(page)
    suffix = f"{language}-{device}"

    open_directly(page, assets[PHOTO_WITH_GPS]["id"])
    wait_image(page)
    assert page.evaluate("document.documentElement.lang") == language
    img = page.get_by_test_id("viewer-image")
    assert img.get_attribute("alt") == PHOTO_WITH_GPS
    shot(page, f"viewer-photo-{suffix}")

    if phone:
        page.get_by_test_id("viewer-info-button").tap()
    else:
        page.keyboard.press("i")
    panel = page.get_by_test_id("viewer-info")
    panel.wait_for()
    text = panel.inner_text()
    assert "NIKON COOLPIX P6000" in text
    assert PHOTO_WITH_GPS in text
    assert ("Camera" if language == "en" else "Камера") in text
    assert ("640 × 480") in text
    assert not RAW_KEY.search(text), text
    link = page.get_by_test_id("viewer-map-link")
    assert link.get_attribute("href").startswith(
        "https://www.openstreetmap.org/?mlat=43.467448&mlon=11.885127"
    )
    panel.evaluate("el => { el.scrollTop = 0; }")
    page.mouse.move(1, 1)
    shot(page, f"viewer-info-{suffix}")

    if phone:
        page.get_by_test_id("viewer-shortcuts-button").tap()
    else:
        page.keyboard.press("?")
    shortcuts = page.get_by_test_id("viewer-shortcuts")
    shortcuts.wait_for()
    listed = shortcuts.inner_text()
    assert ("Close the viewer" if language == "en" else "Закрыть просмотр") in listed
    assert not RAW_KEY.search(listed), listed
    shot(page, f"viewer-shortcuts-{suffix}")
    page.keyboard.press("Escape")
    shortcuts.wait_for(state="detached")
    assert viewer(page).is_visible(), "Esc on the shortcuts closes only the shortcuts"

    video = assets[VIDEO]
    open_directly(page, video["id"])
    player = page.get_by_test_id("viewer-video")
    player.wait_for()
    assert player.get_attribute("poster"), "the poster shows before playback"
    page.wait_for_function(
        "() => document.querySelector('[data-testid=viewer-video]').readyState >= 1"
    )
    if phone:
        # A tap shows the native controls (and gives the page user activation); then play.
        player.tap()
        player.evaluate("v => v.paused && v.play()")
    else:
        player.click()
    page.wait_for_function(
        "() => document.querySelector('[data-testid=viewer-video]').currentTime > 0.3",
        timeout=15_000,
    )
    shot(page, f"viewer-video-{suffix}")


def test_video_seeks_through_range_requests(page):
    ranges: list[int] = []
    page.on("response", lambda r: "/blobs/" in r.url and ranges.append(r.status))
    open_directly(page, library(page)[VIDEO]["id"])
    player = page.get_by_test_id("viewer-video")
    player.wait_for()
    page.wait_for_function(
        "() => document.querySelector('[data-testid=viewer-video]').readyState >= 1"
    )
    seeked = player.evaluate(
        """v => new Promise(resolve => {
            v.addEventListener('seeked', () => resolve(v.currentTime), {once: true});
            v.currentTime = 7;
        })"""
    )
    assert seeked == pytest.approx(7, abs=0.5)
    assert player.evaluate("v => v.seekable.length && v.seekable.end(0)") > 9
    assert 206 in ranges, f"no partial content among {ranges}"


def test_zoom_loads_the_original_only_for_browser_images(page):
    assets = library(page)
    open_directly(page, assets[LARGE_JPEG]["id"])
    wait_image(page)
    stage = page.get_by_test_id("viewer-stage")
    assert stage.get_attribute("data-resolution") == "preview"
    page.mouse.move(500, 350)
    for _ in range(14):
        page.mouse.wheel(0, -200)
        page.wait_for_timeout(30)
    page.wait_for_function(
        "() => document.querySelector('[data-testid=viewer-stage]').dataset.resolution"
        " === 'original'",
        timeout=15_000,
    )
    assert float(stage.get_attribute("data-zoom")) >= 4
    wait_image(page)
    natural = page.get_by_test_id("viewer-image").evaluate("img => img.naturalWidth")
    assert natural == 3264
    page.mouse.dblclick(600, 400)
    page.wait_for_function(
        "() => document.querySelector('[data-testid=viewer-stage]').dataset.zoom === '1.00'"
    )

    open_directly(page, assets[HEIC]["id"])
    wait_image(page)
    page.mouse.move(640, 400)
    for _ in range(14):
        page.mouse.wheel(0, -200)
        page.wait_for_timeout(30)
    page.wait_for_timeout(800)
    assert float(stage.get_attribute("data-zoom")) >= 4
    assert stage.get_attribute("data-resolution") == "preview"


def test_pinch_zooms_on_a_phone(phone_page):
    open_directly(phone_page, library(phone_page)[LARGE_JPEG]["id"])
    wait_image(phone_page)
    pinch(phone_page, (195, 420), 60, 260)
    zoom = float(phone_page.get_by_test_id("viewer-stage").get_attribute("data-zoom"))
    assert zoom > 2.5


def test_favourite_and_trash_with_undo(page):
    assets = library(page)
    target = assets["Pentax_K10D.jpg"]
    open_directly(page, target["id"])
    wait_image(page)

    page.keyboard.press("f")
    favourite = page.get_by_test_id("viewer-favorite")
    page.wait_for_function(
        "() => document.querySelector('[data-testid=viewer-favorite]')"
        ".getAttribute('aria-pressed') === 'true'"
    )
    # the button turns at once (optimistic); the server's answer may come a moment later
    page.wait_for_function(
        "() => fetch('/api/v1/assets?limit=500').then(r => r.json())"
        ".then(d => d.items.some(i => i.original_filename === 'Pentax_K10D.jpg'"
        " && i.is_favorite === true))"
    )
    favourite.click()
    page.wait_for_function(
        "() => document.querySelector('[data-testid=viewer-favorite]')"
        ".getAttribute('aria-pressed') === 'false'"
    )

    page.keyboard.press("Delete")
    page.wait_for_function(f"() => !location.pathname.endsWith('{target['id']}')")
    assert "Pentax_K10D.jpg" not in library(page)
    page.get_by_role("button", name="Undo").click()
    page.wait_for_function(
        "() => fetch('/api/v1/assets?limit=500').then(r => r.json())"
        ".then(d => d.items.some(i => i.original_filename === 'Pentax_K10D.jpg'))"
    )
    assert library(page)["Pentax_K10D.jpg"]["is_favorite"] is False


def test_failed_asset_shows_its_reason(page):
    failed = next(a for a in library(page).values() if a["processing"]["state"] == "failed")
    open_directly(page, failed["id"])
    state = page.locator("[data-testid=viewer-state]:not([data-state=loading])")
    state.wait_for()
    assert state.get_attribute("data-state") == "failed"
    assert failed["processing"]["error"] in state.inner_text()


def test_trash_viewer_restores(page):
    target = library(page)["Konica_Minolta_DiMAGE_Z3.jpg"]
    trashed = page.request.delete(f"/api/v1/assets/{target['id']}", headers=csrf_headers(page))
    assert trashed.ok, trashed.text()
    page.goto(f"/trash/photos/{target['id']}")
    viewer(page).wait_for()
    assert viewer(page).get_attribute("data-mode") == "trash"
    wait_image(page)
    assert page.get_by_test_id("viewer-trash").count() == 0
    page.get_by_test_id("viewer-restore").click()
    page.wait_for_function(
        "() => fetch('/api/v1/assets?limit=500').then(r => r.json())"
        ".then(d => d.items.some(i => i.original_filename === 'Konica_Minolta_DiMAGE_Z3.jpg'))"
    )


def test_download_original(page):
    target = library(page)[PHOTO_WITH_GPS]
    open_directly(page, target["id"])
    wait_image(page)
    with page.expect_download() as info:
        page.keyboard.press("d")
    download = info.value
    assert download.suggested_filename == PHOTO_WITH_GPS
    assert download.failure() is None
    with open(download.path(), "rb") as handle:
        assert len(handle.read()) == target["size_bytes"]
