"""The timeline, selection and trash end to end (issue 10 §3 "Timeline", "Selection", "Trash").

Every processed photo's tile shows a loaded thumbnail and every failed asset its failed tile;
three tiles selected with Shift go to the trash, the trash shows them, and they come back;
at the desktop and the 390x844 phone viewport, in English and Russian. Screenshots:
`timeline-{en,ru}-{desktop,phone}`, `selection-{en,ru}-{desktop,phone}`,
`trash-{en,ru}-{desktop,phone}`, `timeline-failed-tooltip-en-desktop`.
"""

from __future__ import annotations

import re

import pytest
import requests

from .conftest import TESTDATA, Account, api_login, wait_for_processing

CYRILLIC = re.compile(r"[А-Яа-яЁё]")
RAW_KEY = re.compile(r"\b(count|trashed|restored|deletedAgo|purgedIn|emptyTrash)(_\w+)?\b")
MAX_IMAGES = 300


def library(page) -> dict[str, dict]:
    """The owner's live (not trashed) assets by id, through the page's cookies."""
    response = page.request.get("/api/v1/assets?limit=500")
    assert response.ok, response.text()
    return {item["id"]: item for item in response.json()["items"]}


@pytest.fixture
def restore_all(live_server, owner):
    """Whatever a test trashed goes back afterwards (the library is shared by the session)."""
    login = requests.post(
        live_server.url("/api/v1/auth/login"),
        json={"email": owner.email, "password": owner.password},
        timeout=30,
    )
    bearer = {"Authorization": f"Bearer {login.json()['access_token']}"}
    yield
    trashed = requests.get(live_server.url("/api/v1/trash?limit=500"), headers=bearer, timeout=30)
    ids = [item["id"] for item in trashed.json()["items"]]
    if ids:
        requests.post(
            live_server.url("/api/v1/assets/bulk"),
            json={"action": "restore", "asset_ids": ids},
            headers=bearer,
            timeout=30,
        )


@pytest.fixture(scope="module")
def fresh_admin(fresh_server):
    """The first account of `fresh_server`, to add members for tests that change a library."""
    email, password = "first@example.com", "first-password-123"
    response = requests.post(
        fresh_server.url("/api/v1/auth/register"),
        json={"email": email, "password": password},
        timeout=30,
    )
    assert response.status_code == 201, response.text
    return api_login(fresh_server, email, password)


def add_member(server, admin, email: str) -> Account:
    password = f"{email.split('@')[0]}-password-123"
    response = admin.post(
        server.url("/api/v1/users"), json={"email": email, "password": password}, timeout=30
    )
    assert response.status_code == 201, response.text
    return Account(email, password, "")


def tiles(page):
    return page.get_by_test_id("asset-tile")


def open_timeline(page) -> None:
    page.goto("/")
    tiles(page).first.wait_for()


def wait_images_settled(page) -> None:
    page.wait_for_function("() => [...document.images].every((img) => img.complete)")


def scan_grid(page) -> dict[str, dict]:
    """Scroll the virtualised grid top to bottom, recording every tile seen and its image."""
    seen: dict[str, dict] = {}
    scroller = page.locator("[data-testid=asset-tile]").first.evaluate_handle(
        "(el) => { let n = el; while (n && !(n.scrollHeight > n.clientHeight + 1 &&"
        " getComputedStyle(n).overflowY === 'auto')) n = n.parentElement; return n; }"
    )
    page.evaluate("(s) => { s.scrollTop = 0; }", scroller)
    for _ in range(200):
        page.wait_for_timeout(150)
        wait_images_settled(page)
        snapshot = page.evaluate(
            """() => [...document.querySelectorAll('[data-testid=asset-tile]')].map((tile) => {
                 const img = tile.querySelector('img');
                 return { id: tile.dataset.assetId, status: tile.dataset.status,
                          img: img ? { alt: img.alt, width: img.naturalWidth } : null };
               })"""
        )
        count = page.evaluate("() => document.images.length")
        assert count <= MAX_IMAGES, f"{count} <img> in the DOM"
        for tile in snapshot:
            seen[tile["id"]] = tile
        done = page.evaluate(
            "(s) => { const before = s.scrollTop; s.scrollTop += s.clientHeight * 0.8;"
            " return s.scrollTop === before; }",
            scroller,
        )
        if done:
            break
    page.wait_for_timeout(200)
    return seen


def test_every_processed_tile_shows_its_thumbnail_and_failed_ones_their_tile(page, shot):
    assets = library(page)
    open_timeline(page)
    wait_images_settled(page)
    shot(page, "timeline-en-desktop")
    seen = scan_grid(page)
    assert set(seen) == set(assets), "every asset has a tile in the timeline"
    failed = [a for a in assets.values() if a["processing"]["state"] == "failed"]
    assert failed, "the test media include broken files"
    for asset_id, asset in assets.items():
        tile = seen[asset_id]
        state = asset["processing"]["state"]
        assert tile["status"] == state
        if state == "done":
            assert tile["img"] is not None, f"{asset['original_filename']} has no <img>"
            assert tile["img"]["alt"], f"{asset['original_filename']} has an empty alt"
            assert tile["img"]["width"] > 0, f"{asset['original_filename']} did not load"
        elif state == "failed":
            assert tile["img"] is None, f"{asset['original_filename']} should show a failed tile"


def test_failed_tile_tells_why_on_hover(page, shot):
    open_timeline(page)
    failed = page.locator("[data-testid=asset-tile][data-status=failed]").first
    failed.scroll_into_view_if_needed()
    failed.hover()
    tooltip = page.get_by_role("tooltip")
    tooltip.wait_for()
    page.wait_for_function(
        "() => (document.querySelector('[role=tooltip]')?.textContent || '').includes(':')"
    )
    assert "Processing failed:" in tooltip.inner_text()
    shot(page, "timeline-failed-tooltip-en-desktop")


ACTIONS_FIT = """bar => {
  const box = bar.getBoundingClientRect();
  return [...bar.querySelectorAll('[data-action]')].every(el => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.left >= box.left && r.right <= box.right + 0.5 && r.height <= 48;
  });
}"""


def run_bulk_action(page, key: str) -> None:
    """Click an action of the selection bar, from its "More actions" menu when the bar had no
    room for it."""
    bar = page.get_by_test_id("bulk-bar")
    direct = bar.locator(f"[data-action={key}]")
    if direct.count():
        direct.click()
        return
    bar.get_by_test_id("bulk-more").click()
    page.get_by_role("menuitem").and_(page.locator(f"[data-action={key}]")).click()


def select_three_with_shift(page) -> list[str]:
    first, third = tiles(page).nth(0), tiles(page).nth(2)
    first.hover()
    first.get_by_test_id("select-toggle").click()
    third.hover()
    third.get_by_test_id("select-toggle").click(modifiers=["Shift"])
    page.get_by_test_id("bulk-bar").wait_for()
    ids = [tiles(page).nth(i).get_attribute("data-asset-id") for i in range(3)]
    for i in range(3):
        assert (
            tiles(page).nth(i).get_by_test_id("select-toggle").get_attribute("aria-pressed")
            == "true"
        )
    assert (
        tiles(page).nth(3).get_by_test_id("select-toggle").get_attribute("aria-pressed") == "false"
    )
    return ids


def trash_restore_flow(page, shot, language: str, device: str) -> None:
    open_timeline(page)
    wait_images_settled(page)
    shot(page, f"timeline-{language}-{device}")
    ids = select_three_with_shift(page)
    bar = page.get_by_test_id("bulk-bar")
    count_text = bar.get_by_test_id("bulk-count").inner_text()
    assert count_text == ("3 items selected" if language == "en" else "Выбрано 3 элемента")
    shot(page, f"selection-{language}-{device}")
    assert bar.evaluate(ACTIONS_FIT), "every action in the bar is whole and on one line"
    more = bar.get_by_test_id("bulk-more")
    if more.count():  # the actions that had no room are in the menu, each whole
        more.click()
        items = page.get_by_role("menuitem")
        items.first.wait_for()
        assert items.count() + bar.locator("[data-action]").count() == 7
        shot(page, f"selection-more-{language}-{device}")
        page.keyboard.press("Escape")
        items.first.wait_for(state="detached")

    run_bulk_action(page, "trash")
    bar.wait_for(state="detached")
    for asset_id in ids:
        page.locator(f"[data-testid=asset-tile][data-asset-id='{asset_id}']").wait_for(
            state="detached"
        )
    live = library(page)
    assert not set(ids) & set(live), "the three are no longer in the library"

    page.goto("/trash")
    tiles(page).first.wait_for()
    wait_images_settled(page)
    trash_ids = tiles(page).evaluate_all("(els) => els.map((el) => el.dataset.assetId)")
    assert sorted(trash_ids) == sorted(ids)
    header = page.get_by_test_id("day-header").first.inner_text()
    if language == "en":
        assert "Deleted today" in header and "purged in 30 days" in header
    else:
        assert "Удалено сегодня" in header and "очистка через 30 дней" in header
        assert CYRILLIC.search(page.locator("body").inner_text())
    assert not RAW_KEY.search(page.locator("body").inner_text()), "no raw i18n keys"
    shot(page, f"trash-{language}-{device}")

    page.keyboard.press("Control+a")
    bar.wait_for()
    assert bar.evaluate(ACTIONS_FIT), "every action in the trash's bar is whole and on one line"
    shot(page, f"trash-selection-{language}-{device}")
    run_bulk_action(page, "restore")
    page.get_by_test_id("trash-empty").wait_for()
    live = library(page)
    assert set(ids) <= set(live), "restored into the library"
    open_timeline(page)
    for asset_id in ids:
        page.locator(f"[data-testid=asset-tile][data-asset-id='{asset_id}']").wait_for()


def test_select_three_with_shift_trash_and_restore(page, shot, restore_all):
    trash_restore_flow(page, shot, "en", "desktop")


def test_select_trash_restore_on_phone(phone_page, shot, restore_all):
    trash_restore_flow(phone_page, shot, "en", "phone")


def test_select_trash_restore_in_russian(page, shot, use_language, restore_all):
    use_language(page, "ru")
    trash_restore_flow(page, shot, "ru", "desktop")
    assert page.evaluate("() => document.documentElement.lang") == "ru"


def test_select_trash_restore_in_russian_on_phone(phone_page, shot, use_language, restore_all):
    use_language(phone_page, "ru")
    trash_restore_flow(phone_page, shot, "ru", "phone")


def test_bulk_favourite_and_undo_trash(page, restore_all):
    open_timeline(page)
    first = tiles(page).first
    asset_id = first.get_attribute("data-asset-id")
    first.hover()
    first.get_by_test_id("select-toggle").click()
    bar = page.get_by_test_id("bulk-bar")
    assert bar.get_by_test_id("bulk-count").inner_text() == "1 item selected"
    run_bulk_action(page, "favorite")
    bar.wait_for(state="detached")
    page.wait_for_function(
        "(id) => !!document.querySelector(`[data-asset-id='${id}'] [aria-label='Favourite']`)",
        arg=asset_id,
    )
    assert library(page)[asset_id]["is_favorite"] is True

    first = page.locator(f"[data-testid=asset-tile][data-asset-id='{asset_id}']")
    first.hover()
    first.get_by_test_id("select-toggle").click()
    run_bulk_action(page, "unfavorite")
    bar.wait_for(state="detached")
    first.hover()
    first.get_by_test_id("select-toggle").click()
    run_bulk_action(page, "trash")
    page.get_by_role("button", name="Undo").click()
    first.wait_for()
    asset = library(page)[asset_id]
    assert asset["is_favorite"] is False and asset["deleted_at"] is None


def test_select_a_whole_day_from_its_header_and_escape_clears(page):
    open_timeline(page)
    header = page.get_by_test_id("day-header").first
    header.hover()
    header.get_by_role("button").click()
    bar = page.get_by_test_id("bulk-bar")
    bar.wait_for()
    selected = int(re.search(r"\d+", bar.get_by_test_id("bulk-count").inner_text()).group())
    assert selected >= 1
    page.keyboard.press("Escape")
    bar.wait_for(state="detached")


def test_empty_timeline_explains_how_to_import(open_page, fresh_server, fresh_admin, shot):
    account = add_member(fresh_server, fresh_admin, "empty@example.com")
    page = open_page(fresh_server, account=account)
    page.goto("/")
    empty = page.get_by_test_id("timeline-empty")
    empty.wait_for()
    assert "mediabox import" in empty.inner_text() and account.email in empty.inner_text()
    shot(page, "timeline-empty-en-desktop")


def test_delete_forever_and_empty_trash_ask_first(open_page, fresh_server, fresh_admin, shot):
    account = add_member(fresh_server, fresh_admin, "purger@example.com")
    email, password = account.email, account.password
    for name in ("canon-ixus.jpg", "fujifilm-dx10.jpg", "DSCN0010.jpg"):
        fresh_server.cli("import", TESTDATA / "camera" / name, "--user", email)
    session = api_login(fresh_server, email, password)
    wait_for_processing(fresh_server, session)
    ids = [a["id"] for a in session.get(fresh_server.url("/api/v1/assets")).json()["items"]]
    assert len(ids) == 3
    trashed = session.post(
        fresh_server.url("/api/v1/assets/bulk"), json={"action": "trash", "asset_ids": ids}
    )
    assert trashed.ok, trashed.text

    page = open_page(fresh_server, account=account)
    page.goto("/trash")
    tiles(page).first.wait_for()
    victim = tiles(page).first.get_attribute("data-asset-id")
    tiles(page).first.hover()
    tiles(page).first.get_by_test_id("select-toggle").click()
    run_bulk_action(page, "purge")
    dialog = page.get_by_test_id("confirm-dialog")
    dialog.wait_for()
    assert "Delete 1 item forever?" in dialog.inner_text()
    shot(page, "trash-confirm-en-desktop")
    page.get_by_role("button", name="Cancel").click()
    dialog.wait_for(state="detached")
    assert tiles(page).count() == 3, "cancel keeps everything"

    run_bulk_action(page, "purge")
    page.get_by_test_id("confirm-ok").click()
    page.locator(f"[data-testid=asset-tile][data-asset-id='{victim}']").wait_for(state="detached")
    assert tiles(page).count() == 2
    assert session.get(fresh_server.url(f"/api/v1/assets/{victim}")).status_code == 404

    page.get_by_test_id("empty-trash").click()
    confirm = page.get_by_test_id("confirm-dialog").inner_text()
    assert "All 2 items will be deleted forever" in confirm
    page.get_by_test_id("confirm-ok").click()
    page.get_by_test_id("trash-empty").wait_for()
    assert session.get(fresh_server.url("/api/v1/trash")).json()["items"] == []


def timeline_order(page) -> list[tuple[str, str]]:
    """(month, id) of every asset in timeline order, from the buckets API."""
    buckets = page.request.get("/api/v1/timeline/buckets").json()["buckets"]
    order = []
    for bucket in buckets:
        month = page.request.get(f"/api/v1/timeline/buckets/{bucket['month']}").json()
        order += [(bucket["month"], asset_id) for asset_id in month["ids"]]
    return order


def test_shift_click_selects_a_range_across_days_and_months(page):
    order = timeline_order(page)
    first_month = order[0][0]
    end = next(i for i, (month, _) in enumerate(order) if month != first_month) + 2
    target_month, target = order[end]
    assert target_month != first_month
    open_timeline(page)
    start = page.locator(f"[data-testid=asset-tile][data-asset-id='{order[0][1]}']")
    start.hover()
    start.get_by_test_id("select-toggle").click()
    tile = page.locator(f"[data-testid=asset-tile][data-asset-id='{target}']")
    scroller = page.get_by_test_id("grid-scroll")
    for _ in range(50):
        if tile.count():
            break
        scroller.evaluate("(s) => { s.scrollTop += s.clientHeight / 2; }")
        page.wait_for_timeout(150)
    tile.hover()
    tile.get_by_test_id("select-toggle").click(modifiers=["Shift"])
    expected = f"{end + 1} items selected"
    count = page.get_by_test_id("bulk-count")
    page.wait_for_function(
        "(text) => document.querySelector('[data-testid=bulk-count]')?.textContent === text",
        arg=expected,
    )
    assert count.inner_text() == expected
