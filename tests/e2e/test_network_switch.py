"""Settings → "Open on my network" in the desktop window: off in a plain browser; in the
window, the switch opens the app on the network, lists its addresses with a QR code of the
first, and closes it again; a failure is said in the person's language.

The window is stood in for by what the launcher puts on each page (`window.pywebview`), and
`/desktop/network` by a routed stand-in that keeps its state: the real listener binds 0.0.0.0
and announces itself over mDNS on every interface, which no test may do here. The route's
behaviour itself is tested against the real `LanSharing` in tests/integration/test_lan.py.

Screenshots: `network-{en,ru}-{desktop,phone}`, `network-failed-en-desktop`.
"""

from __future__ import annotations

import json
import re

import pytest

from .conftest import DESKTOP, PHONE

pytestmark = pytest.mark.e2e

FAKE_WINDOW = "window.pywebview = window.pywebview || {};"
OPEN = {
    "running": True,
    "urls": ["http://192.168.1.20:8766/", "http://10.0.0.5:8766/"],
    "name": "Mediabox on den",
}
CLOSED = {"running": False, "urls": [], "name": None}
REFUSED = "No port could be opened on the network: Address already in use"


class NetworkStandIn:
    """`/desktop/network` as the desktop's server answers it, with the calls it saw."""

    def __init__(self, page, *, fail_start: bool = False):
        self.state, self.calls, self.fail_start = dict(CLOSED), [], fail_start
        page.route("**/desktop/network", self.answer)

    def answer(self, route) -> None:
        method = route.request.method
        self.calls.append(method)
        assert route.request.headers.get("x-csrf-token") or method == "GET", "no CSRF header"
        if method == "POST" and self.fail_start:
            body = {"error": {"code": "network_unavailable", "message": REFUSED, "details": None}}
            route.fulfill(status=409, content_type="application/json", body=json.dumps(body))
            return
        if method in ("POST", "DELETE"):
            self.state = dict(OPEN if method == "POST" else CLOSED)
        route.fulfill(status=200, content_type="application/json", body=json.dumps(self.state))


def _switch(page, name: str):
    toggle = page.get_by_role("switch", name=name)
    toggle.wait_for()
    page.wait_for_function("() => !document.querySelector('[data-testid=network-toggle]').disabled")
    return toggle


def test_not_offered_in_a_plain_browser(page):
    calls = []
    page.route("**/desktop/network", lambda route: calls.append(route) or route.abort())
    page.goto("/settings")
    page.get_by_role("heading", name="Storage").wait_for()
    assert page.get_by_role("heading", name="Open on my network").count() == 0
    assert calls == []


def test_open_on_my_network_shows_the_addresses_and_a_qr_code(page, shot):
    page.add_init_script(FAKE_WINDOW)
    network = NetworkStandIn(page)
    page.goto("/settings")
    toggle = _switch(page, "Open on my network")
    assert not toggle.is_checked()
    toggle.click()
    page.get_by_test_id("network-addresses").wait_for()
    urls = page.get_by_test_id("network-url")
    assert [urls.nth(i).get_attribute("href") for i in range(urls.count())] == OPEN["urls"]
    qr = page.get_by_role("img", name="QR code of http://192.168.1.20:8766/")
    qr.wait_for()
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0")
    assert toggle.is_checked()
    page.get_by_test_id("network-addresses").scroll_into_view_if_needed()
    shot(page, "network-en-desktop")

    toggle.click()
    page.get_by_test_id("network-addresses").wait_for(state="detached")
    assert not toggle.is_checked()
    assert network.calls == ["GET", "POST", "DELETE"]


SWITCH = {"en": "Open on my network", "ru": "Открыть в домашней сети"}
OPEN_TEXT = {
    "en": "On another device on the same network, open one of these addresses:",
    "ru": "На другом устройстве в той же сети откройте один из этих адресов:",
}
QR_NAME = {"en": "QR code of ", "ru": "QR-код адреса "}


@pytest.mark.parametrize(
    ("language", "viewport", "device"),
    [("ru", PHONE, "phone"), ("ru", DESKTOP, "desktop"), ("en", PHONE, "phone")],
)
def test_each_language_on_each_screen(
    open_page, live_server, owner, use_language, shot, language, viewport, device
):
    page = open_page(live_server, viewport, owner)
    use_language(page, language)
    page.add_init_script(FAKE_WINDOW)
    NetworkStandIn(page)
    page.goto("/settings")
    _switch(page, SWITCH[language]).click()
    page.get_by_text(OPEN_TEXT[language]).wait_for(timeout=15_000)
    page.get_by_role("img", name=QR_NAME[language] + OPEN["urls"][0]).wait_for()
    addresses = page.get_by_test_id("network-addresses")
    addresses.scroll_into_view_if_needed()
    box = addresses.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"], box
    assert not re.search(r"\bnetwork\.[a-zA-Z]+\b", page.locator("body").inner_text())
    shot(page, f"network-{language}-{device}")


@pytest.mark.allow_console(r"status of 409")
def test_a_failure_is_said_and_the_switch_stays_off(page, shot):
    page.add_init_script(FAKE_WINDOW)
    NetworkStandIn(page, fail_start=True)
    page.goto("/settings")
    toggle = _switch(page, "Open on my network")
    toggle.click()
    error = page.get_by_test_id("network-error")
    error.wait_for()
    title = "Mediabox could not be opened on the network."
    assert error.inner_text().split("\n") == [title, REFUSED]
    assert not toggle.is_checked()
    error.scroll_into_view_if_needed()
    shot(page, "network-failed-en-desktop")
