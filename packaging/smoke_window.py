"""The bundle's desktop window under Xvfb (WebKitGTK through pywebview's GTK backend), run by
packaging/smoke.py when the bundle has PyGObject:

1. a fresh data dir: `mediabox desktop` opens a GTK window (xwininfo sees "Mediabox") at /setup,
   the desktop log names the gtk backend, the server answers /api/v1/health; screenshot; SIGTERM
   closes it with exit 0 within 5 s;
2. with an owner and a photo made by the bundle's own CLI: the window opens the library signed
   in (screenshot), and through WebKit's remote inspector the page tells the app the window takes
   drops, a drop reaches the launcher through pywebview's bridge, links to other sites (a
   target=_blank link, window.open) open in the system browser (a recording BROWSER), and the
   photo's original downloads straight into ~/Downloads; SIGTERM again exits 0.

Screenshots: `SHOTS/bundle-gtk-first-run-setup.png`, `SHOTS/bundle-gtk-signed-in-library.png`."""

from __future__ import annotations

import io
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.support.cdp import WebKitPageSession
from tests.support.processes import Collected

OWNER = "owner@example.com"
# A painted page: a spinner on white has 137 colours but 0.02% of the screen off white; the
# setup page 3%, the library 30%.
PAINTED_COLOURS, PAINTED_SHARE = 100, 0.01
X11_SOCKETS = Path("/tmp/.X11-unix")  # noqa: S108 - the X server's own socket folder
# The same page actions as tests/e2e/test_desktop_window.py (a synthetic drop has no toolkit
# path, so the launcher logs it as a drop without paths).
PAINTED_TILE = """[...document.querySelectorAll('[data-testid=asset-tile] img')]
    .some(img => img.complete && img.naturalWidth > 0)"""

TILE_STATES = """JSON.stringify({path: location.pathname,
    tiles: [...document.querySelectorAll('[data-testid=asset-tile]')]
        .map(t => [t.dataset.status, t.querySelector('img')?.src ?? null])})"""

SYNTHETIC_DROP = """(() => {
  const transfer = new DataTransfer();
  transfer.items.add(new File(["x"], "synthetic.jpg", { type: "image/jpeg" }));
  const drop = new DragEvent("drop", { dataTransfer: transfer, cancelable: true });
  window.dispatchEvent(drop);
  return drop.defaultPrevented;
})()"""
# The viewer's map link is an <a target="_blank">; window.open is the other way out.
OPEN_MAP_LINK = """(() => {
  const link = document.createElement("a");
  link.href = "https://www.openstreetmap.org/linked";
  link.target = "_blank";
  link.rel = "noopener noreferrer";
  document.body.append(link);
  link.click();
  link.remove();
  return true;
})()"""
DOWNLOAD_ORIGINAL = """(async () => {
  const page = await (await fetch("/api/v1/assets?limit=1")).json();
  const asset = page.items[0];
  const grant = await (await fetch(`/api/v1/assets/${asset.id}/download-url?kind=original`)).json();
  window.location.assign(grant.url);
  return asset.original_filename;
})()"""


class Launch(Collected):
    """The bundle's `mediabox desktop`, its output collected; a wait that fails ends the smoke
    with its message."""

    def __init__(self, command: list[str], env: dict[str, str]):
        super().__init__([*command, "desktop"], env)

    def wait_for(self, pattern: str, timeout: float = 120) -> None:
        try:
            super().wait_for(pattern, timeout)
        except AssertionError as exc:
            fail(str(exc))

    def close(self) -> float:
        """SIGTERM (the window's close path); seconds until the process was gone. (WebKit's
        web process may outlive it by a few seconds, holding the output pipe open; with the
        remote inspector attached it does: so the output is read to its end afterwards.)"""
        return self.stop(drain=15)


def fail(message: str) -> None:
    sys.exit(f"smoke: window: {message}")


def check_window(command: list[str], shots: Path) -> None:
    """Both launches above, under a private Xvfb; exits with a message on any failure."""
    number = next(n for n in range(120, 300) if not (X11_SOCKETS / f"X{n}").exists())
    xvfb = subprocess.Popen(  # noqa: S603
        ["/usr/bin/Xvfb", f":{number}", "-screen", "0", "1280x820x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while not (X11_SOCKETS / f"X{number}").exists():
            if xvfb.poll() is not None or time.monotonic() > deadline:
                fail("Xvfb did not start")
            time.sleep(0.05)
        with tempfile.TemporaryDirectory() as scratch:
            _run(command, f":{number}", Path(scratch), shots)
    finally:
        xvfb.terminate()
        xvfb.wait(10)


def _run(command: list[str], display: str, scratch: Path, shots: Path) -> None:
    data, home = scratch / "data", scratch / "home"
    home.mkdir()
    opened = scratch / "opened.txt"
    browser = scratch / "browser"
    browser.write_text(f'#!/bin/sh\necho "$1" >> {opened}\n')
    browser.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE", "S3_", "MEDIA"))}
    for name in ("WAYLAND_DISPLAY", "PYWEBVIEW_GUI", "XDG_CONFIG_HOME", "XDG_DATA_HOME"):
        env.pop(name, None)
    env.update(DISPLAY=display, HOME=str(home), MEDIABOX_DATA_DIR=str(data), BROWSER=str(browser))

    # A fresh data dir but for its remembered port: a free one, not 8765, which the desktop
    # tests running beside this smoke in scripts/test (and other windows) start from.
    data.mkdir()
    (data / "desktop.json").write_text(json.dumps({"port": _free_port()}))
    first = Launch(command, env)
    try:
        first.wait_for(r"window: loaded /setup$")
        first.wait_for(r"window: pywebview's gtk backend \(gtkwebkit2\)", timeout=5)
        port = json.loads((data / "desktop.json").read_text())["port"]
        if not requests.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=10).ok:
            fail("the window's server does not answer /api/v1/health")
        tree = subprocess.run(  # noqa: S603
            ["/usr/bin/xwininfo", "-display", display, "-root", "-tree"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        if '"Mediabox"' not in tree:
            fail(f"no window named Mediabox on the display:\n{tree}")
        _shot(display, shots / "bundle-gtk-first-run-setup.png")
        _closes_cleanly(first, port)
    finally:
        first.kill()
    print(f"smoke: window: GTK window at /setup on a fresh data dir, port {port}, closed with 0")

    original = _owner_with_a_photo(command, env, scratch)
    inspector = _free_port()
    launch = Launch(command, {**env, "WEBKIT_INSPECTOR_HTTP_SERVER": f"127.0.0.1:{inspector}"})
    try:
        launch.wait_for(r"window: loaded /$")
        _wait_for_a_painted_tile(inspector)
        _shot(display, shots / "bundle-gtk-signed-in-library.png")
        _check_the_page(launch, inspector, opened, home / "Downloads", original)
        _closes_cleanly(launch, port)
    finally:
        launch.kill()
    print("smoke: window: signed-in library, drops, external link and download OK under GTK")


def _owner_with_a_photo(command: list[str], env: dict[str, str], scratch: Path) -> bytes:
    photo = scratch / "gtk-smoke.jpg"
    image = Image.new("RGB", (800, 600), (40, 90, 160))
    image.paste((230, 180, 40), (200, 150, 600, 450))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG")
    photo.write_bytes(buffer.getvalue())
    for args, stdin in (
        (["users", "create", OWNER, "--admin"], "gtk-smoke-passphrase\n" * 2),
        (["import", str(photo), "--user", OWNER], ""),
    ):
        done = subprocess.run(  # noqa: S603
            [*command, *args], env=env, input=stdin, capture_output=True, text=True, timeout=180
        )
        if done.returncode != 0:
            fail(f"`mediabox {' '.join(args)}` failed:\n{done.stdout}{done.stderr}")
    return photo.read_bytes()


def _wait_for_a_painted_tile(inspector: int, timeout: float = 60) -> None:
    """The library shows the imported photo's thumbnail, so the screenshot shows it too."""
    page = WebKitPageSession(inspector)
    try:
        deadline = time.monotonic() + timeout
        while not page.evaluate(PAINTED_TILE):
            if time.monotonic() > deadline:
                fail(f"no thumbnail painted in the library: {page.evaluate(TILE_STATES)}")
            time.sleep(0.2)
    finally:
        page.close()


def _check_the_page(
    launch: Launch, inspector: int, opened: Path, downloads: Path, original: bytes
) -> None:
    page = WebKitPageSession(inspector)
    try:
        deadline = time.monotonic() + 15
        handles = False
        while not handles and time.monotonic() < deadline:
            handles = page.evaluate(
                "'pywebview' in window && !!window.mediaboxDesktop && "
                "window.mediaboxDesktop.drops === true"
            )
            time.sleep(0.2)
        if not handles:
            fail("the page was not told that the window takes drops")
        if page.evaluate(SYNTHETIC_DROP) is not True:
            fail("the window's drop listener did not take a drop")
        launch.wait_for(r"drop: 1 file\(s\) without a path on this computer", timeout=15)
        page.evaluate(OPEN_MAP_LINK)
        page.evaluate("window.open('https://example.org/opened', '_blank'); true")
        expected = ["https://www.openstreetmap.org/linked", "https://example.org/opened"]
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if opened.exists() and sorted(opened.read_text().split()) == sorted(expected):
                break
            time.sleep(0.1)
        else:
            seen = opened.read_text().split() if opened.exists() else []
            fail(f"links to other sites did not open in the system browser: {seen}")
        if page.evaluate("location.pathname") != "/":
            fail("the window left the library for the other site")
        name = page.evaluate(DOWNLOAD_ORIGINAL)
    finally:
        page.close()
    launch.wait_for(r"window: downloaded .* \(completed\)", timeout=30)
    saved = downloads / name
    if not saved.is_file() or saved.read_bytes() != original:
        fail(f"the original did not land in {downloads}: {sorted(downloads.glob('*'))}")


def _closes_cleanly(launch: Launch, port: int) -> None:
    seconds = launch.close()
    if launch.proc.returncode != 0 or seconds >= 5:
        fail(f"closed with {launch.proc.returncode} in {seconds:.1f} s:\n{launch.output[-4000:]}")
    if "Traceback" in launch.output:
        fail(f"a traceback in the desktop log:\n{launch.output[-4000:]}")
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            fail(f"port {port} is still taken after the window closed")


def _shot(display: str, path: Path) -> None:
    """The screen as a PNG once the page has painted (see PAINTED_COLOURS)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + 45
    while True:
        time.sleep(1.5)
        subprocess.run(  # noqa: S603
            ["/usr/bin/import", "-display", display, "-window", "root", str(path)],
            check=True,
            timeout=30,
        )
        with Image.open(path) as shot:
            counts = sorted(shot.convert("RGB").getcolors(1 << 20) or [(1, None)])
            pixels = shot.width * shot.height
        colours, drawn = len(counts), 1 - counts[-1][0] / pixels  # off the dominant colour
        if colours >= PAINTED_COLOURS and drawn >= PAINTED_SHARE:
            break
        if time.monotonic() > deadline:
            fail(f"{path} stays blank ({colours} colours, {drawn:.2%} drawn)")
    print(f"smoke: window: screenshot {path} ({colours} colours, {drawn:.1%} drawn)")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


if __name__ == "__main__":  # python packaging/smoke_window.py COMMAND... (e.g. a bundle's binary)
    check_window(sys.argv[1:], Path(os.environ.get("E2E_SHOTS_DIR") or ".build/e2e-shots"))
