"""The shell end to end on a server of its own: first-run setup through the form, the signed-in
frame, settings switched to Russian surviving a reload, sign-out; at desktop and phone sizes.

The tests run in file order on one `fresh_server` (module scope): the first creates the owner.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP, PHONE, Account, api_login

OWNER = Account("first@example.com", "shell-owner-password", "Fiona First")
CYRILLIC = re.compile(r"[А-Яа-яЁё]")
# i18n keys that leaked into the page instead of their text ("settings.title", "nav.photos"…)
RAW_KEY = re.compile(
    r"\b(?:common|auth|settings|nav|profile|password|storage|household|language|errors|login|setup)"
    r"\.[A-Za-z_]+"
)


def assert_no_raw_keys(page) -> None:
    text = page.locator("body").inner_text()
    assert not RAW_KEY.search(text), f"untranslated key on {page.url}: {RAW_KEY.search(text)[0]}"


def wait_loaded(page) -> None:
    """The page shows its content: no spinner or skeleton left in <main>."""
    main = page.locator("main")
    expect(main).not_to_be_empty()
    expect(main.locator("[role=progressbar], .MuiSkeleton-root")).to_have_count(0)


def use_language(server, account: Account, locale: str) -> None:
    """Store the account's language through the API, so a test starts from a known state."""
    session = api_login(server, account.email, account.password)
    response = session.patch(server.url("/api/v1/auth/me"), json={"locale": locale}, timeout=30)
    assert response.status_code == 200, response.text


def test_first_run_setup_through_the_form(fresh_server, open_page, shot):
    phone = open_page(fresh_server, PHONE)
    phone.goto("/")
    expect(phone).to_have_url(re.compile(r"/setup$"))
    expect(phone.get_by_role("heading", level=1)).to_have_text("Welcome to Mediabox")
    shot(phone, "setup-en-phone")

    page = open_page(fresh_server, DESKTOP)
    page.goto("/login")
    expect(page).to_have_url(re.compile(r"/setup$"))  # no account yet: /login sends to /setup
    page.locator("[name=display_name]").fill(OWNER.display_name)
    page.locator("[name=email]").fill(OWNER.email)
    page.locator("[name=password]").fill("short")
    page.get_by_role("button", name="Create account and sign in").click()
    expect(page.locator("[name=password]")).to_have_attribute("aria-invalid", "true")
    page.locator("[name=password]").fill(OWNER.password)
    shot(page, "setup-en-desktop")
    page.get_by_role("button", name="Create account and sign in").click()

    expect(page).to_have_url(fresh_server.url("/"))
    expect(page.get_by_role("navigation", name="Main")).to_be_visible()
    expect(page.get_by_role("link", name="Photos")).to_have_attribute("aria-current", "page")
    expect(page.locator("main")).not_to_be_empty()
    wait_loaded(page)
    shot(page, "timeline-after-setup-desktop")
    me = page.request.get("/api/v1/auth/me").json()
    assert (me["email"], me["display_name"], me["is_admin"]) == (
        OWNER.email,
        OWNER.display_name,
        True,
    )
    # The first account closes set-up for everyone else.
    assert page.request.get("/api/v1/auth/setup").json()["setup_required"] is False


@pytest.mark.allow_console(r"status of 401")  # the wrong password below answers 401
def test_login_page_explains_a_wrong_password(fresh_server, open_page, shot):
    page = open_page(fresh_server, DESKTOP)
    page.goto("/settings")
    expect(page).to_have_url(re.compile(r"/login$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    shot(page, "login-en-desktop")
    page.locator("[name=email]").fill(OWNER.email)
    page.locator("[name=password]").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_have_text("Wrong email or password.")

    page.get_by_role("button", name="Русский").click()
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.get_by_role("heading", level=1)).to_have_text("Вход")
    assert_no_raw_keys(page)
    shot(page, "login-ru-desktop")
    page.get_by_role("button", name="English").click()

    page.locator("[name=password]").fill(OWNER.password)
    page.get_by_role("button", name="Sign in").click()
    # Back where the visitor was going.
    expect(page).to_have_url(fresh_server.url("/settings"))


def test_settings_in_russian_after_reload_then_sign_out(fresh_server, open_page, shot):
    use_language(fresh_server, OWNER, "en")
    page = open_page(fresh_server, DESKTOP, OWNER)
    page.goto("/settings")
    expect(page.get_by_role("heading", level=1)).to_have_text("Settings")
    expect(page.locator("[name=display_name]")).to_have_value(OWNER.display_name)
    expect(page.get_by_role("heading", name="Household")).to_be_visible()
    expect(page.get_by_text(OWNER.email).first).to_be_visible()
    wait_loaded(page)
    assert_no_raw_keys(page)
    shot(page, "settings-en-desktop")

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"

    with page.expect_response(
        lambda r: r.url.endswith("/api/v1/auth/me") and r.request.method == "PATCH"
    ) as patched:
        page.get_by_role("radio", name="Русский").check()
    assert patched.value.ok and patched.value.json()["locale"] == "ru"
    page.reload()
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text("Настройки")
    wait_loaded(page)
    for title in page.get_by_role("heading", level=2).all_inner_texts():
        assert CYRILLIC.search(title), f"section title not in Russian: {title!r}"
    assert_no_raw_keys(page)
    shot(page, "settings-ru-desktop")
    page.locator("main").evaluate("main => main.scrollTo(0, main.scrollHeight)")
    expect(page.get_by_role("heading", name="Семья")).to_be_in_viewport()
    shot(page, "settings-ru-desktop-bottom")

    page.get_by_test_id("user-menu").click()
    page.get_by_test_id("sign-out").click()
    expect(page).to_have_url(re.compile(r"/login"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Вход")
    # The session is gone on the server too.
    assert page.request.get("/api/v1/auth/me").status == 401


def test_phone_sign_in_settings_and_sign_out(fresh_server, open_page, shot):
    use_language(fresh_server, OWNER, "ru")
    page = open_page(fresh_server, PHONE)
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/login$"))
    shot(page, "login-en-phone")
    page.locator("[name=email]").fill(OWNER.email)
    page.locator("[name=password]").fill(OWNER.password)
    page.get_by_role("button", name="Sign in").click()
    # The owner's stored language (Russian, as chosen on the desktop) applies on sign-in.
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.get_by_role("button", name="Открыть меню")).to_be_visible()
    expect(page.get_by_role("navigation", name="Основное меню")).to_be_hidden()

    page.get_by_role("button", name="Открыть меню").click()
    nav = page.get_by_role("navigation", name="Основное меню")
    expect(nav.get_by_role("link", name="Фото")).to_be_in_viewport(ratio=1)
    shot(page, "drawer-ru-phone")
    nav.get_by_role("link", name="Настройки").click()
    expect(page).to_have_url(fresh_server.url("/settings"))
    expect(nav).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_have_text("Настройки")
    wait_loaded(page)
    assert_no_raw_keys(page)
    shot(page, "settings-ru-phone")

    with page.expect_response(
        lambda r: r.url.endswith("/api/v1/auth/me") and r.request.method == "PATCH"
    ):
        page.get_by_role("radio", name="English").check()
    page.reload()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Settings")
    wait_loaded(page)
    assert_no_raw_keys(page)
    shot(page, "settings-en-phone")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page scrolls sideways on a phone ({width}px)"

    page.get_by_test_id("user-menu").click()
    page.get_by_test_id("sign-out").click()
    expect(page).to_have_url(re.compile(r"/login"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")


@pytest.mark.allow_console(r"status of 401")  # the ended session's requests answer 401
def test_a_session_ended_elsewhere_returns_to_login(fresh_server, open_page):
    use_language(fresh_server, OWNER, "en")
    page = open_page(fresh_server, DESKTOP, OWNER)
    page.goto("/")
    expect(page.get_by_role("navigation", name="Main")).to_be_visible()
    csrf = next(c["value"] for c in page.context.cookies() if c["name"] == "csrf_access_token")
    ended = page.request.post("/api/v1/auth/logout", headers={"X-CSRF-TOKEN": csrf})
    assert ended.status == 204
    # The next request fails, the one refresh fails too, and the app shows sign-in.
    page.get_by_role("link", name="Settings").click()
    expect(page).to_have_url(re.compile(r"/login$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")


MEMBER = Account("mark@example.com", "member-password-1", "Mark Member")


@pytest.mark.allow_console(r"status of 401")  # the disabled member's sign-in answers 401
def test_household_add_disable_and_enable_a_member(fresh_server, open_page, shot):
    use_language(fresh_server, OWNER, "en")
    page = open_page(fresh_server, DESKTOP, OWNER)
    page.goto("/settings")
    page.get_by_role("button", name="Add member").click()
    dialog = page.get_by_role("dialog")
    dialog.locator("[name=email]").fill(MEMBER.email)
    dialog.locator("[name=display_name]").fill(MEMBER.display_name)
    dialog.locator("[name=password]").fill(MEMBER.password)
    shot(page, "settings-add-member-en-desktop")
    dialog.get_by_role("button", name="Add", exact=True).click()
    expect(dialog).to_be_hidden()
    row = page.get_by_role("listitem").filter(has_text=MEMBER.email)
    expect(row).to_contain_text(MEMBER.display_name)

    row.get_by_role("button", name="Disable").click()
    expect(row.get_by_text("Disabled", exact=True)).to_be_visible()
    row.scroll_into_view_if_needed()
    shot(page, "settings-household-en-desktop")

    visitor = open_page(fresh_server, DESKTOP)
    visitor.goto("/login")
    visitor.locator("[name=email]").fill(MEMBER.email)
    visitor.locator("[name=password]").fill(MEMBER.password)
    visitor.get_by_role("button", name="Sign in").click()
    expect(visitor.get_by_role("alert")).to_contain_text("This account is disabled.")
    shot(visitor, "login-disabled-en-desktop")

    row.get_by_role("button", name="Enable").click()
    expect(row.get_by_text("Disabled", exact=True)).to_have_count(0)
    visitor.get_by_role("button", name="Sign in").click()
    expect(visitor).to_have_url(fresh_server.url("/"))
    expect(visitor.get_by_role("navigation", name="Main")).to_be_visible()
    # A member is no admin: no household section for them.
    visitor.goto("/settings")
    expect(visitor.get_by_role("heading", name="Storage")).to_be_visible()
    expect(visitor.get_by_role("heading", name="Household")).to_have_count(0)


def test_storage_counts_the_imported_library(page, shot):
    stats = page.request.get("/api/v1/stats").json()
    assert stats["photos"] > 0
    page.goto("/settings")
    storage = page.get_by_role("region", name="Storage")
    expect(storage).to_contain_text(f"Photos{stats['photos']:,}")
    expect(storage).to_contain_text(f"Videos{stats['videos']:,}")
    expect(storage).to_contain_text(re.compile(r"Total\d+(\.\d)? (kB|MB|GB)"))
    storage.scroll_into_view_if_needed()
    shot(page, "settings-storage-en-desktop")
