"""End-to-end fixtures: the real server (`mediabox serve`, SQLite + local store) driven by
Debian's Chromium through Playwright.

- `live_server` (session): `mediabox serve` in a subprocess on a free 127.0.0.1 port with its
  own data dir; `base_url`, `data_dir`, `env`, `cli(*args)`. Needs the built UI in `static/`
  (`scripts/test` builds it; by hand: `cd ui && npx vite build`).
- `fresh_server` (module): another such server with no account yet, for first-run setup.
- `owner` (session): the first account, created through the API, with
  `/work/shared/testdata/media` imported by `mediabox import` and processing finished.
- `browser` (session); `page` (desktop 1280x800) and `phone_page` (390x844) signed in as the
  owner; `anon_page` signed out. Each page gets a fresh context whose `base_url` is the
  server's, so `page.goto("/settings")` works. A console error or an uncaught page error
  fails the test, unless the test is marked `@pytest.mark.allow_console(r"regex")`.
- `open_page(server, viewport=DESKTOP, account=None)`: the same for any server.
- `shot(page, name)`: saves `name.png` under `E2E_SHOTS_DIR` (default `.build/e2e-shots`);
  the folder is printed at the end of the session.
- The upload tests' `upload_server`, `uploader`, `open_uploader` and `media_120` live in
  `upload_fixtures.py` (imported at the end of this file).
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

REPO_ROOT = Path(__file__).resolve().parents[2]
E2E_DIR = Path(__file__).resolve().parent
STATIC_INDEX = REPO_ROOT / "static" / "index.html"
TESTDATA = REPO_ROOT.parent / "shared" / "testdata" / "media"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SHOTS_DIR = Path(os.environ.get("E2E_SHOTS_DIR") or REPO_ROOT / ".build" / "e2e-shots")
DESKTOP = {"width": 1280, "height": 800}
SERVE = [sys.executable, "-m", "mediabox.cli", "serve"]
PHONE = {"width": 390, "height": 844}
OWNER_EMAIL = "owner@example.com"
OWNER_PASSWORD = "e2e-owner-password"
OWNER_NAME = "Olga Owner"
SERVER_START_TIMEOUT = 60
PROCESSING_TIMEOUT = 240
# Environment variables that would point the server away from SQLite + the local store.
FOREIGN_ENV = (
    "DATABASE_URL",
    "REDIS_URL",
    "MEDIA_BUCKET",
    "S3_ENDPOINT_URL",
    "S3_ACCESS_KEY_ID",
    "S3_SECRET_ACCESS_KEY",
    "JWT_SECRET",
    "CORS_ORIGINS",
    "PUBLIC_BASE_URL",
)


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "allow_console(pattern): console errors matching the regex do not fail the test"
    )


def pytest_collection_modifyitems(config, items):
    """Run the browser suite once per `scripts/test`, in the SQLite pass.

    The e2e tests always start their own `mediabox serve` on SQLite + the local store (the
    setup a person gets from `scripts/run`), whatever `--db` says, so the PostgreSQL pass
    would repeat the very same run. They are deselected there (and counted as "deselected"
    in the summary), never skipped in the SQLite pass, where a failure fails the run.
    """
    if config.getoption("--db") != "postgres":
        return
    kept, dropped = [], []
    for item in items:
        (dropped if E2E_DIR in Path(str(item.path)).parents else kept).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


def pytest_terminal_summary(terminalreporter):
    if SHOTS_DIR.is_dir() and any(SHOTS_DIR.glob("*.png")):
        terminalreporter.write_line(f"e2e screenshots: {SHOTS_DIR}")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class LiveServer:
    """A running `mediabox serve` and the environment to run more CLI commands against it."""

    base_url: str
    data_dir: Path
    env: dict[str, str]
    process: subprocess.Popen | None = None
    log_path: Path | None = None

    def url(self, path: str) -> str:
        return self.base_url + path

    def cli(self, *args, check: bool = True, timeout: float = 600) -> subprocess.CompletedProcess:
        """Run `mediabox ARGS…` against this server's data dir; fails loudly unless check=False."""
        result = subprocess.run(
            [sys.executable, "-m", "mediabox.cli", *map(str, args)],
            env=self.env,
            cwd=self.data_dir,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if check and result.returncode != 0:
            pytest.fail(
                f"`mediabox {' '.join(map(str, args))}` exited {result.returncode}:\n"
                f"{result.stdout}\n{result.stderr}"
            )
        return result

    def log_tail(self, lines: int = 60) -> str:
        if self.log_path is None or not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])


def start_server(data_dir: Path, extra_env: dict[str, str] | None = None) -> LiveServer:
    """Start `mediabox serve` on a fresh data dir and wait until /health answers; `extra_env`
    adds to (or overrides) the test environment, e.g. an S3 store."""
    if not STATIC_INDEX.is_file():
        pytest.fail(
            f"the web UI is not built ({STATIC_INDEX} missing): run scripts/test, "
            "or `cd ui && npx vite build`"
        )
    env = {k: v for k, v in os.environ.items() if k not in FOREIGN_ENV}
    env.update(
        MEDIABOX_DATA_DIR=str(data_dir),
        APP_ENV="dev",
        # Every page fixture signs in afresh; the default 5/min per account would throttle that.
        LOGIN_RATE_LIMIT="1000 per minute",
        LOGIN_ACCOUNT_RATE_LIMIT="1000 per minute",
        WORKER_THREADS="2",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra_env or {})
    port = _free_port()
    server = LiveServer(f"http://127.0.0.1:{port}", data_dir, env)
    server.log_path = data_dir / "serve.log"
    with open(server.log_path, "wb") as log:
        server.process = subprocess.Popen(
            [*SERVE, "--host", "127.0.0.1", "--port", str(port), "--threads", "6"],
            env=env,
            cwd=data_dir,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            pytest.fail(f"mediabox serve exited {server.process.returncode}:\n{server.log_tail()}")
        try:
            if requests.get(server.url("/api/v1/health"), timeout=2).status_code == 200:
                return server
        except requests.ConnectionError:
            pass
        time.sleep(0.3)
    stop_server(server)
    pytest.fail(f"mediabox serve did not answer in {SERVER_START_TIMEOUT}s:\n{server.log_tail()}")


def stop_server(server: LiveServer) -> None:
    process = server.process
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def live_server():
    with tempfile.TemporaryDirectory(prefix="mediabox-e2e-") as tmp:
        server = start_server(Path(tmp))
        try:
            yield server
        finally:
            stop_server(server)


@pytest.fixture(scope="module")
def fresh_server():
    """A second server with no account yet (for the first-run setup test); module scope."""
    with tempfile.TemporaryDirectory(prefix="mediabox-e2e-fresh-") as tmp:
        server = start_server(Path(tmp))
        try:
            yield server
        finally:
            stop_server(server)


@dataclass(frozen=True)
class Account:
    """Credentials of an account on the live server."""

    email: str
    password: str
    display_name: str


def api_login(server: LiveServer, email: str, password: str) -> requests.Session:
    """A requests session authorised by a Bearer token."""
    session = requests.Session()
    response = session.post(
        server.url("/api/v1/auth/login"), json={"email": email, "password": password}, timeout=30
    )
    assert response.status_code == 200, response.text
    session.headers["Authorization"] = f"Bearer {response.json()['access_token']}"
    return session


def wait_for_processing(server: LiveServer, session: requests.Session) -> dict:
    """Poll /jobs until nothing is pending or running; return the last counts."""
    deadline = time.monotonic() + PROCESSING_TIMEOUT
    counts: dict = {}
    while time.monotonic() < deadline:
        counts = session.get(server.url("/api/v1/jobs"), timeout=30).json()
        if counts["pending"] == 0 and counts["running"] == 0:
            return counts
        time.sleep(1)
    pytest.fail(f"processing unfinished after {PROCESSING_TIMEOUT}s: {counts}\n{server.log_tail()}")


@pytest.fixture(scope="session")
def owner(live_server) -> Account:
    """The first account (admin), with the shared test media imported and processed."""
    if not (TESTDATA / "MANIFEST.tsv").is_file():
        pytest.fail(
            f"test media missing: expected {TESTDATA}/MANIFEST.tsv "
            "(the shared/ folder beside the repository)"
        )
    account = Account(OWNER_EMAIL, OWNER_PASSWORD, OWNER_NAME)
    response = requests.post(
        live_server.url("/api/v1/auth/register"),
        json={"email": account.email, "password": account.password, "display_name": OWNER_NAME},
        timeout=30,
    )
    assert response.status_code == 201, response.text
    # Exit 1 means "some files failed", which the test media does on purpose (bad/).
    result = live_server.cli("import", TESTDATA, "--user", account.email, check=False)
    assert result.returncode in (0, 1) and "imported" in result.stdout, (
        f"mediabox import failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
    )
    wait_for_processing(live_server, api_login(live_server, account.email, account.password))
    return account


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            f"{CHROMIUM} is missing: `apt-get install -y chromium` "
            "(scripts/test does it with CI=true); never `playwright install`"
        )
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def _open_page(browser, live_server, viewport, account: Account | None):
    phone = viewport["width"] <= PHONE["width"]
    context = browser.new_context(
        viewport=viewport,
        base_url=live_server.base_url,
        locale="en-US",
        is_mobile=phone,
        has_touch=phone,
    )
    if account is not None:
        response = context.request.post(
            "/api/v1/auth/login", data={"email": account.email, "password": account.password}
        )
        assert response.ok, f"sign-in failed: {response.status} {response.text()}"
    page = context.new_page()
    errors: list[str] = []
    page.on(
        "console",
        lambda msg: (
            msg.type == "error"
            and errors.append(f"console: {msg.text} at {msg.location.get('url', '?')}")
        ),
    )
    page.on("pageerror", lambda exc: errors.append(f"page error: {exc}"))
    return context, page, errors


def _check_console(request, errors: list[str]) -> None:
    allowed = [re.compile(m.args[0]) for m in request.node.iter_markers("allow_console")]
    unexpected = [e for e in errors if not any(p.search(e) for p in allowed)]
    if unexpected:
        pytest.fail("errors in the browser console:\n" + "\n".join(unexpected))


@pytest.fixture
def open_page(request, browser):
    """`open_page(server, viewport=DESKTOP, account=None)`: a fresh context's page on any
    server (e.g. `fresh_server`); console errors are checked when the test ends."""
    opened = []

    def open_(server: LiveServer, viewport=DESKTOP, account: Account | None = None):
        context, page, errors = _open_page(browser, server, viewport, account)
        opened.append((context, errors))
        return page

    yield open_
    for context, _errors in opened:
        context.close()
    _check_console(request, [e for _context, errors in opened for e in errors])


@pytest.fixture
def page(open_page, live_server, owner):
    """A fresh desktop (1280x800) context signed in as the owner."""
    return open_page(live_server, DESKTOP, owner)


@pytest.fixture
def phone_page(open_page, live_server, owner):
    """A fresh phone (390x844) context signed in as the owner."""
    return open_page(live_server, PHONE, owner)


@pytest.fixture
def anon_page(open_page, live_server):
    """A fresh desktop context, not signed in."""
    return open_page(live_server, DESKTOP, None)


@pytest.fixture(scope="session")
def shot():
    """`shot(page, name)` saves a viewport screenshot as `name.png` and returns its path."""
    SHOTS_DIR.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        path = SHOTS_DIR / f"{name}.png"
        # Transitions finish first, so a drawer or a floating label is never caught halfway.
        page.screenshot(path=str(path), animations="disabled")
        return path

    return take


def csrf_headers(page) -> dict[str, str]:
    """The CSRF header of the signed-in page's session (for unsafe requests it sends)."""
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    return {"X-CSRF-TOKEN": cookies["csrf_access_token"]}


@pytest.fixture
def use_language(live_server, owner):
    """`use_language(page, "ru")`: the owner's stored locale for this test; restored after."""
    login = requests.post(
        live_server.url("/api/v1/auth/login"),
        json={"email": owner.email, "password": owner.password},
        timeout=30,
    )
    bearer = {"Authorization": f"Bearer {login.json()['access_token']}"}
    me = requests.get(live_server.url("/api/v1/auth/me"), headers=bearer, timeout=30).json()

    def use(target_page, language: str) -> None:
        response = target_page.request.patch(
            "/api/v1/auth/me", data={"locale": language}, headers=csrf_headers(target_page)
        )
        assert response.ok, response.text()
        target_page.add_init_script(f"localStorage.setItem('mediabox.lang', '{language}')")

    yield use
    requests.patch(
        live_server.url("/api/v1/auth/me"),
        json={"locale": me.get("locale") or "en"},
        headers=bearer,
        timeout=30,
    )


# The upload tests' fixtures (a server of their own, member accounts, generated media).
from tests.e2e.upload_fixtures import media_120, open_uploader, upload_server, uploader  # noqa: E402, F401
