"""The owner's side in the browser: select six items in the timeline, add them to a new album,
tag two (the tag page shows them), favourite one (the favourites page shows it), drag one to
another place in the album, share the album with a password from the album page (link, copy,
QR code), see it in My links, turn it off there; a friend in a fresh context sees the album,
then the turned-off page."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import DESKTOP

pytestmark = pytest.mark.e2e

PASSWORD = "friend-pass-77"
EXPECTED_HTTP_ERRORS = r"Failed to load resource: the server responded with a status of (401|410)"


def _select_first_tiles(page, count: int) -> list[str]:
    page.get_by_test_id("asset-tile").first.wait_for()
    tiles = page.get_by_test_id("asset-tile")
    ids = []
    for index in range(count):
        tile = tiles.nth(index)
        tile.hover()
        tile.get_by_test_id("select-toggle").click()
        ids.append(tile.get_attribute("data-asset-id"))
    return ids


@pytest.mark.allow_console(EXPECTED_HTTP_ERRORS)
def test_the_owner_makes_an_album_shares_it_and_turns_the_link_off(
    live_server, owner, page, open_page, shot
):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto("/")
    chosen = _select_first_tiles(page, 6)
    assert page.get_by_test_id("bulk-count").inner_text() == "6 items selected"
    page.locator("[data-testid=bulk-bar] [data-action=album]").click()
    page.get_by_test_id("album-picker").fill("Lake trip")
    page.get_by_test_id("album-add").click()
    page.get_by_test_id("add-to-album-dialog").wait_for(state="detached")

    tagged = _select_first_tiles(page, 2)
    shot(page, "owner-bulk-bar")
    page.locator("[data-testid=bulk-bar] [data-action=tag]").click()
    page.get_by_test_id("tag-input").fill("lake")
    page.get_by_test_id("tag-input").press("Enter")
    page.get_by_test_id("tag-save").click()
    page.get_by_test_id("tag-dialog").wait_for(state="detached")
    page.goto("/tags")
    tag_row = page.get_by_test_id("tag-row").filter(has_text="lake")
    tag_row.wait_for()
    assert "2 items" in tag_row.inner_text()
    tag_row.get_by_role("link").click()
    page.get_by_test_id("tag-title").wait_for()
    page.wait_for_function(
        "() => document.querySelectorAll("
        "'[data-testid=tag-grid] [data-testid=asset-tile]').length === 2"
    )
    on_page = page.get_by_test_id("tag-grid").get_by_test_id("asset-tile")
    assert sorted(on_page.evaluate_all("t => t.map(e => e.dataset.assetId)")) == sorted(tagged)
    shot(page, "owner-tag")

    page.goto("/")
    favourite = _select_first_tiles(page, 1)
    page.locator("[data-testid=bulk-bar] [data-action=favorite]").click()
    page.get_by_test_id("bulk-bar").wait_for(state="detached")
    page.goto("/favorites")
    page.wait_for_function(
        "id => [...document.querySelectorAll("
        "'[data-testid=favorites-grid] [data-testid=asset-tile]')]"
        ".some(t => t.dataset.assetId === id)",
        arg=favourite[0],
    )

    page.goto("/")
    page.get_by_test_id("asset-tile").nth(3).locator("a").click()
    page.get_by_test_id("viewer").wait_for()
    pressed = page.get_by_test_id("viewer-favorite").get_attribute("aria-pressed")
    page.get_by_test_id("viewer-tag").click()
    page.get_by_test_id("tag-input").press_sequentially("fido")
    page.get_by_test_id("tag-input").press("Enter")
    shot(page, "owner-viewer-tag")
    page.get_by_test_id("tag-save").click()
    page.get_by_test_id("tag-dialog").wait_for(state="detached")
    assert page.get_by_test_id("viewer").is_visible(), "typing never reaches the viewer's keys"
    assert page.get_by_test_id("viewer-favorite").get_attribute("aria-pressed") == pressed
    page.goto("/tags")
    page.get_by_test_id("tag-row").filter(has_text="fido").wait_for()

    page.goto("/albums")
    card = page.get_by_test_id("album-card").filter(has_text="Lake trip")
    card.wait_for()
    assert "6 items" in card.inner_text()
    shot(page, "owner-albums")
    card.click()
    page.get_by_test_id("album-title").wait_for()
    grid = page.get_by_test_id("album-grid")
    grid.wait_for()
    page.wait_for_function(
        "() => document.querySelectorAll("
        "'[data-testid=album-grid] [data-testid=asset-tile]').length === 6"
    )
    in_album = grid.get_by_test_id("asset-tile").evaluate_all(
        "tiles => tiles.map(t => t.dataset.assetId)"
    )
    assert sorted(in_album) == sorted(chosen)
    tiles = grid.get_by_test_id("asset-tile")
    tiles.nth(0).locator("a").drag_to(tiles.nth(2))
    expected = [*in_album[1:3], in_album[0], *in_album[3:]]
    page.wait_for_function(
        "order => JSON.stringify([...document.querySelectorAll("
        "'[data-testid=album-grid] [data-testid=asset-tile]')].map(t => t.dataset.assetId))"
        " === JSON.stringify(order)",
        arg=expected,
    )
    shot(page, "owner-album")

    page.get_by_test_id("album-share").click()
    page.get_by_test_id("share-dialog-password").fill(PASSWORD)
    page.get_by_test_id("share-create").click()
    link_input = page.get_by_test_id("share-link")
    link_input.wait_for()
    url = link_input.input_value()
    assert "/s/" in url
    page.get_by_test_id("share-qr").wait_for()
    page.get_by_test_id("share-copy").click()
    assert page.evaluate("navigator.clipboard.readText()") == url
    shot(page, "owner-share-dialog")
    page.keyboard.press("Escape")

    page.goto("/shares")
    token = url.rsplit("/s/", 1)[1]
    row = page.locator(f'[data-testid=my-link][data-token="{token}"]')
    row.wait_for()
    assert row.get_attribute("data-status") == "active"
    shot(page, "owner-my-links")

    friend = open_page(live_server, DESKTOP, None)
    friend.goto("/s/" + token)
    friend.get_by_test_id("share-password").fill(PASSWORD)
    friend.get_by_test_id("share-unlock").click()
    friend.wait_for_function(
        """() => {
            const imgs = [...document.querySelectorAll('[data-testid=share-grid] img')];
            return imgs.length === 6 && imgs.every(i => i.complete && i.naturalWidth > 0);
        }"""
    )

    row.get_by_test_id("my-link-revoke").click()
    page.wait_for_function(
        "t => document.querySelector(`[data-testid=my-link][data-token='${t}']`)"
        "?.dataset.status === 'revoked'",
        arg=token,
    )
    friend.reload()
    friend.get_by_test_id("share-ended").wait_for()
    assert friend.get_by_test_id("share-ended").get_attribute("data-reason") == "share_revoked"
