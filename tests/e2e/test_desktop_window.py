"""The desktop window (`mediabox desktop`) under Xvfb: it opens `/setup` on a fresh data dir and
the signed-in library once an account exists, a second launch brings the first forward and
exits, a killed instance's lock is recovered, SIGTERM (the close path) exits 0 within 5 s and
frees the port; with no display it falls back to the browser, or to a printed URL.

The page is the built UI when `static/index.html` exists, else a small page that says where
it is and who is signed in. Screenshots land in the e2e shots folder."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from tests.conftest import TESTDATA
from tests.e2e.conftest import FOREIGN_ENV, SHOTS_DIR, STATIC_INDEX
from tests.support.cdp import PageSession
from tests.support.processes import Collected

DESKTOP = [sys.executable, "-m", "mediabox.cli", "desktop"]
PROBE_PAGE = """<!doctype html><html lang=en><head><meta charset=utf-8><title>Mediabox</title>
</head><body style="font:32px sans-serif"><h1 id=where>Mediabox</h1><p id=who>…</p>
<script src="/probe.js"></script></body></html>"""
PROBE_SCRIPT = """document.getElementById("where").textContent = "Mediabox at " + location.pathname;
fetch("/api/v1/auth/me").then(r => r.ok ? r.json() : null).then(u => {
  document.getElementById("who").textContent = u ? "Signed in as " + u.email : "Not signed in";
});"""
OWNER = "owner@example.com"
PHOTO = TESTDATA / "camera" / "DSCN0010.jpg"


@pytest.fixture(scope="module")
def display():
    """A private Xvfb server; its DISPLAY value."""
    number = next(n for n in range(91, 200) if not Path(f"/tmp/.X11-unix/X{n}").exists())
    xvfb = subprocess.Popen(
        # no window manager here: pywebview's Qt 6 centring lifts the window 16 px for a title
        # bar, so the screen is 32 px taller than the 1280x820 window and the shot is cropped
        ["Xvfb", f":{number}", "-screen", "0", "1280x852x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while not Path(f"/tmp/.X11-unix/X{number}").exists():
        assert xvfb.poll() is None and time.monotonic() < deadline, "Xvfb did not start"
        time.sleep(0.05)
    yield f":{number}"
    xvfb.terminate()
    xvfb.wait(10)


@pytest.fixture(scope="module")
def static_dir(tmp_path_factory) -> Path:
    if STATIC_INDEX.is_file():
        return STATIC_INDEX.parent
    folder = tmp_path_factory.mktemp("probe-ui")
    (folder / "index.html").write_text(PROBE_PAGE)
    (folder / "probe.js").write_text(PROBE_SCRIPT)
    return folder


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("desktop-data")


def _env(data_dir: Path, static_dir: Path, display: str | None, **extra) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in FOREIGN_ENV and k != "DISPLAY"}
    env.pop("WAYLAND_DISPLAY", None)
    env.update(MEDIABOX_DATA_DIR=str(data_dir), MEDIABOX_STATIC_DIR=str(static_dir), **extra)
    if display:
        env["DISPLAY"] = display
    return env


class Launch(Collected):
    """A `mediabox desktop` process whose output is collected line by line."""

    def __init__(self, env: dict[str, str], *args: str):
        super().__init__([*DESKTOP, *args], env)


def _port(data_dir: Path) -> int:
    return json.loads((data_dir / "desktop.json").read_text())["port"]


def _port_is_free(port: int) -> bool:
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def _shot(display: str, name: str) -> Path:
    SHOTS_DIR.mkdir(parents=True, exist_ok=True)
    path = SHOTS_DIR / f"{name}.png"
    time.sleep(1.5)  # let the page paint after its load event
    subprocess.run(
        ["import", "-display", display, "-window", "root", "-crop", "1280x820+0+0", str(path)],
        check=True,
        timeout=30,
    )
    assert path.stat().st_size > 5000, "an empty screenshot"
    return path


def test_first_run_opens_setup_a_second_launch_focuses_it_and_sigterm_closes_cleanly(
    display, static_dir, data_dir
):
    env = _env(data_dir, static_dir, display)
    first = Launch(env)
    try:
        first.wait_for(r"window: loaded /setup$")
        _shot(display, "desktop-first-run-setup")
        port = _port(data_dir)
        assert requests.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=5).ok

        second = Launch(env)
        assert second.proc.wait(60) == 0, second.output
        assert "already open" in second.output and "window: loaded" not in second.output
        first.wait_for("window: brought forward", timeout=10)
        assert first.proc.poll() is None, "the first window stays"

        seconds = first.stop()
        assert first.proc.returncode == 0, first.output
        assert seconds < 5, f"took {seconds:.1f} s to close"
        assert "Traceback" not in first.output, first.output
        assert _port_is_free(port)
        state = json.loads((data_dir / "desktop.json").read_text())
        assert state == {"port": port}, "the port is kept, the focus secret is not"
    finally:
        first.kill()


def test_with_an_account_the_window_opens_the_library_signed_in_on_the_same_port(
    display, static_dir, data_dir, tmp_path
):
    env = _env(data_dir, static_dir, display)
    created = subprocess.run(
        [sys.executable, "-m", "mediabox.cli", "users", "create", OWNER, "--admin"],
        env=env,
        input="desktop-owner-pw\ndesktop-owner-pw\n",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert created.returncode == 0, created.stdout + created.stderr
    imported = subprocess.run(
        [sys.executable, "-m", "mediabox.cli", "import", str(PHOTO), "--user", OWNER],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert imported.returncode == 0, imported.stdout + imported.stderr
    remembered = _port(data_dir)

    killed = Launch(env)
    try:
        killed.wait_for(r"window: loaded /$")
        _wait_for_processing(data_dir)  # so no job lease dies with it
        left = _descendants(killed.proc.pid)  # the server process and its decoders
    finally:
        killed.kill()  # SIGKILL: its lock and state file are left behind
    assert left, "the server runs in a process of its own"
    deadline = time.monotonic() + 5
    while any(_alive(pid) for pid in left) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in left if _alive(pid)], "processes outlived the killed launcher"

    opened = tmp_path / "opened.txt"
    debug_port = _free_port()
    home = tmp_path / "home"
    home.mkdir()
    launch = Launch(
        {**env, "QTWEBENGINE_REMOTE_DEBUGGING": f"127.0.0.1:{debug_port}", "HOME": str(home)}
        | {"XDG_CONFIG_HOME": str(home / ".config")}
        | _recording_browser(tmp_path, opened)
    )
    try:
        launch.wait_for(r"window: loaded /$")
        assert "window: loaded /setup" not in launch.output and "/login" not in launch.output
        _wait_for_a_painted_tile(debug_port)
        _shot(display, "desktop-signed-in-library")
        assert _port(data_dir) == remembered, "the port is kept per data directory"
        _check_the_page_bridge(launch, debug_port, opened)
        _check_a_download_lands_in_downloads(launch, debug_port, home / "Downloads")
        _check_the_network_switch_is_offered(debug_port, display)
        assert launch.stop() < 5 and launch.proc.returncode == 0, launch.output
    finally:
        launch.kill()


def _descendants(pid: int) -> list[int]:
    """The Python processes started under `pid` (not Qt WebEngine's own)."""
    found = []
    for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split():
        if "python" in Path(f"/proc/{child}/comm").read_text():
            found += [int(child), *_descendants(int(child))]
    return found


def _alive(pid: int) -> bool:
    """Running, and not a zombie waiting for its parent to reap it."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _recording_browser(folder: Path, record: Path) -> dict[str, str]:
    """A BROWSER that writes the URL it is asked to open to `record` (no traffic leaves)."""
    browser = folder / "browser"
    browser.write_text(f'#!/bin/sh\necho "$1" >> {record}\n')
    browser.chmod(0o755)
    return {"BROWSER": str(browser)}


def _wait_for_processing(data_dir: Path) -> None:
    """Every asset in the data directory's SQLite library has finished processing."""
    deadline = time.monotonic() + 60
    while True:
        with contextlib.closing(sqlite3.connect(data_dir / "mediabox.sqlite3", timeout=5)) as db:
            states = [row[0] for row in db.execute("SELECT processing_state FROM assets")]
        if states and all(state in ("done", "failed") for state in states):
            return
        assert time.monotonic() < deadline, f"processing did not finish: {states}"
        time.sleep(0.2)


def _wait_for_a_painted_tile(debug_port: int) -> None:
    """The library's first thumbnail has loaded, so the screenshot shows the photo."""
    page = PageSession(debug_port)
    try:
        deadline = time.monotonic() + 30
        while not page.evaluate(PAINTED_TILE):
            assert time.monotonic() < deadline, page.evaluate(TILE_STATES)
            time.sleep(0.2)
    finally:
        page.close()


def _check_the_page_bridge(launch: Launch, debug_port: int, opened: Path) -> None:
    """Through the page (Qt WebEngine's debugging port): the window told the app it takes
    drops (what `desktopHandlesDrops()` reads), a drop of files reaches the launcher through
    pywebview's bridge despite the page's CSP, and a link to another site opens in the
    system browser, not in the window."""
    page = PageSession(debug_port)
    try:
        deadline = time.monotonic() + 10
        handles = False
        while not handles and time.monotonic() < deadline:
            handles = page.evaluate(
                "'pywebview' in window && !!window.mediaboxDesktop && "
                "window.mediaboxDesktop.drops === true"
            )
            time.sleep(0.1)
        assert handles, "desktopHandlesDrops() stays false in the window"
        assert page.evaluate(SYNTHETIC_DROP) is True, "the window's drop listener did not take it"
        launch.wait_for(r"drop: 1 file\(s\) without a path on this computer", timeout=10)
        page.evaluate("window.open('https://example.org/elsewhere', '_blank'); true")
        deadline = time.monotonic() + 10
        while not opened.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert opened.read_text().split() == ["https://example.org/elsewhere"]
        assert page.evaluate("location.pathname") == "/", "the window stayed on the library"
    finally:
        page.close()


def _check_a_download_lands_in_downloads(launch: Launch, debug_port: int, folder: Path) -> None:
    """Downloading the photo's original from the window saves it in the Downloads folder at
    once (no dialog left open in front of the person)."""
    page = PageSession(debug_port)
    try:
        name = page.evaluate(DOWNLOAD_ORIGINAL)
    finally:
        page.close()
    launch.wait_for(r"window: downloaded .*\(DownloadCompleted\)", timeout=20)
    saved = folder / name
    assert saved.read_bytes() == PHOTO.read_bytes(), sorted(folder.iterdir())


def _check_the_network_switch_is_offered(debug_port: int, display: str) -> None:
    """Settings in the window offer "Open on my network", its state read from the desktop's
    server (off: turning it on would announce over mDNS on every interface, which no test may
    do here; tests/integration/test_lan.py turns it on over loopback)."""
    page = PageSession(debug_port)
    try:
        page.evaluate("window.location.assign('/settings'); true")
    finally:
        page.close()
    deadline = time.monotonic() + 30
    state = None
    while time.monotonic() < deadline:
        page = PageSession(debug_port)
        try:
            state = page.evaluate(NETWORK_SWITCH)
        finally:
            page.close()
        if state == "off":
            break
        time.sleep(0.3)
    assert state == "off", state
    _shot(display, "desktop-settings-network")


NETWORK_SWITCH = """(() => {
  const toggle = document.querySelector('[data-testid=network-toggle]');
  if (!toggle || toggle.disabled) return location.pathname + ': no switch yet';
  document.getElementById('settings-network').scrollIntoView({block: 'center'});
  return toggle.checked ? 'on' : 'off';
})()"""

PAINTED_TILE = """[...document.querySelectorAll('[data-testid=asset-tile] img')]
    .some(img => img.complete && img.naturalWidth > 0)"""

TILE_STATES = """JSON.stringify({path: location.pathname,
    tiles: [...document.querySelectorAll('[data-testid=asset-tile]')]
        .map(t => [t.dataset.status, t.querySelector('img')?.src ?? null])})"""

DOWNLOAD_ORIGINAL = """(async () => {
  const page = await (await fetch("/api/v1/assets?limit=1")).json();
  const asset = page.items[0];
  const grant = await (await fetch(`/api/v1/assets/${asset.id}/download-url?kind=original`)).json();
  window.location.assign(grant.url);
  return asset.original_filename;
})()"""


# A drop of a file made in the page: no toolkit drop recorded its path, so the launcher gets
# the event without one (a real drop's path comes from Qt's dropEvent, tested in
# tests/api/test_desktop_drops.py through pywebview's bridge). defaultPrevented: taken.
SYNTHETIC_DROP = """(() => {
  const transfer = new DataTransfer();
  transfer.items.add(new File(["x"], "synthetic.jpg", { type: "image/jpeg" }));
  const drop = new DragEvent("drop", { dataTransfer: transfer, cancelable: true });
  window.dispatchEvent(drop);
  return drop.defaultPrevented;
})()"""


def test_without_a_display_it_opens_the_system_browser_on_the_sign_in_link(static_dir, tmp_path):
    opened = tmp_path / "opened.txt"
    browser = tmp_path / "browser"
    browser.write_text(f'#!/bin/sh\necho "$1" > {opened}\n')
    browser.chmod(0o755)
    env = _env(tmp_path / "data", static_dir, None, BROWSER=str(browser))
    launch = Launch(env)
    try:
        launch.wait_for("Opened Mediabox in your web browser instead")
        assert "there is no display" in launch.output and "Traceback" not in launch.output
        url = opened.read_text().strip()
        assert url.startswith("http://127.0.0.1:") and "/desktop/login?t=" in url
        response = requests.get(url, allow_redirects=False, timeout=5)
        assert response.status_code == 303 and response.headers["Location"] == "/setup"
        assert launch.stop() < 5 and launch.proc.returncode == 0, launch.output
    finally:
        launch.kill()


def test_with_no_display_and_no_browser_it_keeps_serving_and_prints_the_url(static_dir, tmp_path):
    env = _env(tmp_path / "data", static_dir, None, BROWSER="/bin/false")
    launch = Launch(env)
    try:
        launch.wait_for("No web browser was found either")
        port = _port(tmp_path / "data")
        assert f"Open http://127.0.0.1:{port}/ in a browser" in launch.output
        assert requests.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=5).ok
        assert "Traceback" not in launch.output
        assert launch.stop() < 5 and launch.proc.returncode == 0, launch.output
    finally:
        launch.kill()
