"""Desktop sign-in (SPEC §4b): a one-time launch token minted in the server's process, spent
at `/desktop/login` from 127.0.0.1 only, sets the owner's cookies and opens the library (or
`/setup` on the first run)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from mediabox.container import container_of
from tests.factories import assert_error, cookie, register, sign_up


class MovableClock:
    """A clock the test moves forward."""

    def __init__(self):
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock()


@pytest.fixture
def desktop_app(make_app, config, clock):
    return make_app(config, clock=clock)


def _mint(app) -> str:
    return container_of(app).desktop_sign_in.mint()


def test_a_launch_token_signs_the_owner_in_and_opens_the_library(desktop_app):
    owner = sign_up(desktop_app.test_client(), "owner@example.com")
    register(desktop_app.test_client(), "second@example.com")
    token = _mint(desktop_app)
    assert len(token) >= 43, "at least 32 random bytes"

    window = desktop_app.test_client()
    response = window.get(f"/desktop/login?t={token}")
    assert response.status_code == 303 and response.headers["Location"] == "/"
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert cookie(window, "access_token_cookie") and cookie(window, "csrf_access_token")
    assert cookie(window, "refresh_token_cookie", path="/api/v1/auth/")
    me = window.get("/api/v1/auth/me")
    assert me.status_code == 200 and me.json["email"] == owner.email


def test_a_launch_token_works_once(desktop_app):
    sign_up(desktop_app.test_client())
    token = _mint(desktop_app)
    assert desktop_app.test_client().get(f"/desktop/login?t={token}").status_code == 303
    again = desktop_app.test_client()
    assert_error(again.get(f"/desktop/login?t={token}"), 401, "launch_token_invalid")
    assert cookie(again, "access_token_cookie") is None


def test_a_launch_token_expires_after_60_seconds(desktop_app, clock):
    sign_up(desktop_app.test_client())
    stale, fresh = _mint(desktop_app), _mint(desktop_app)
    clock.now += timedelta(seconds=59)
    assert desktop_app.test_client().get(f"/desktop/login?t={fresh}").status_code == 303
    clock.now += timedelta(seconds=1)
    window = desktop_app.test_client()
    assert_error(window.get(f"/desktop/login?t={stale}"), 401, "launch_token_invalid")
    assert window.get("/api/v1/auth/me").status_code == 401


def test_a_launch_token_is_refused_from_another_computer(desktop_app):
    sign_up(desktop_app.test_client())
    token = _mint(desktop_app)
    visitor = desktop_app.test_client()
    response = visitor.get(
        f"/desktop/login?t={token}", environ_base={"REMOTE_ADDR": "192.168.1.20"}
    )
    assert_error(response, 403, "desktop_local_only")
    assert cookie(visitor, "access_token_cookie") is None
    local = desktop_app.test_client().get(
        f"/desktop/login?t={token}", environ_base={"REMOTE_ADDR": "::1"}
    )
    assert local.status_code == 303, "the refused attempt did not spend the token"


def test_unknown_and_missing_tokens_are_refused(desktop_app):
    sign_up(desktop_app.test_client())
    _mint(desktop_app)
    client = desktop_app.test_client()
    assert_error(client.get("/desktop/login?t=" + "A" * 43), 401, "launch_token_invalid")
    assert_error(client.get("/desktop/login"), 401, "launch_token_invalid")


def test_on_the_first_run_the_launch_token_opens_setup(desktop_app):
    token = _mint(desktop_app)
    window = desktop_app.test_client()
    response = window.get(f"/desktop/login?t={token}")
    assert response.status_code == 303 and response.headers["Location"] == "/setup"
    assert cookie(window, "access_token_cookie") is None
    assert_error(window.get(f"/desktop/login?t={token}"), 401, "launch_token_invalid")


def test_a_disabled_owner_is_not_signed_in(desktop_app):
    owner = sign_up(desktop_app.test_client())
    with desktop_app.app_context():
        container_of(desktop_app).users.set_active(owner.email, False)
    token = _mint(desktop_app)
    assert_error(desktop_app.test_client().get(f"/desktop/login?t={token}"), 401, "launch_no_owner")


def test_tokens_of_one_app_mean_nothing_to_another(make_app, config, desktop_app):
    sign_up(desktop_app.test_client())
    other = make_app(config)
    token = _mint(other)
    assert_error(
        desktop_app.test_client().get(f"/desktop/login?t={token}"), 401, "launch_token_invalid"
    )


class FakeShell:
    focus_token = "f" * 43

    def __init__(self):
        self.focused = 0

    def focus(self) -> None:
        self.focused += 1


def test_focus_exists_only_inside_a_window_and_needs_its_secret(desktop_app):
    from mediabox.api.desktop import FOCUS_HEADER, install_shell

    client = desktop_app.test_client()
    assert_error(client.post("/desktop/focus", headers={FOCUS_HEADER: "x"}), 404, "not_found")
    shell = FakeShell()
    install_shell(desktop_app, shell)
    assert_error(client.post("/desktop/focus"), 404, "not_found")
    assert_error(client.post("/desktop/focus", headers={FOCUS_HEADER: "g" * 43}), 404)
    remote = client.post(
        "/desktop/focus",
        headers={FOCUS_HEADER: shell.focus_token},
        environ_base={"REMOTE_ADDR": "10.0.0.2"},
    )
    assert_error(remote, 404, "not_found")
    assert shell.focused == 0
    assert (
        client.post("/desktop/focus", headers={FOCUS_HEADER: shell.focus_token}).status_code == 204
    )
    assert shell.focused == 1
