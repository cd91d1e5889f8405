"""The window itself: whether a GUI can start here, the pywebview window, and the fallback to
the system browser (or a printed URL) when it cannot — with a clear message, never a
traceback or a blank window."""

from __future__ import annotations

import importlib.util
import logging
import os
import socket
import sys
import threading
import webbrowser
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

log = logging.getLogger("mediabox.desktop")

DROPS_READY_SCRIPT = """
document.addEventListener("dragover", function (e) {
  if (e.dataTransfer && Array.prototype.indexOf.call(e.dataTransfer.types, "Files") >= 0) {
    e.preventDefault();
    e.dataTransfer.dropEffect = "copy";
  }
});
window.mediaboxDesktop = Object.freeze({ drops: true });
window.dispatchEvent(new Event("mediabox:desktop"));
"""
INSTALL_HINT = "install the desktop extra: pip install 'mediabox[desktop]'"


def gui_unavailable_reason() -> str | None:
    """Why no window can open here (no display, no WebView), or None when one can."""
    if sys.platform.startswith("linux"):
        display, wayland = os.environ.get("DISPLAY", ""), os.environ.get("WAYLAND_DISPLAY", "")
        if not display and not wayland:
            return "there is no display (DISPLAY is not set)"
        if display and not wayland and not _x_display_reachable(display):
            return f"the display {display} cannot be reached"
    if importlib.util.find_spec("webview") is None:
        return f"pywebview is not installed ({INSTALL_HINT})"
    if sys.platform.startswith("linux") and not _linux_backend():
        return f"no WebView backend (Qt WebEngine or WebKitGTK) is installed ({INSTALL_HINT})"
    return None


def _linux_backend() -> str | None:
    """pywebview's GUI name for the WebView found here: Qt WebEngine first, then WebKitGTK."""
    try:
        if importlib.util.find_spec("PyQt6.QtWebEngineWidgets"):
            return "qt"
    except ModuleNotFoundError:
        pass
    return "gtk" if importlib.util.find_spec("gi") else None


def _x_display_reachable(display: str) -> bool:
    """Connect to the X server of `display` (":N", ":N.S"; local sockets only)."""
    host, _, rest = display.partition(":")
    number = rest.split(".", 1)[0]
    if host not in ("", "unix") or not number.isdigit():
        return True  # a remote or unusual display: let the toolkit judge
    for address in (f"/tmp/.X11-unix/X{number}", f"\0/tmp/.X11-unix/X{number}"):  # noqa: S108
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
            probe.settimeout(1)
            try:
                probe.connect(address)
            except OSError:
                continue
            return True
    return False


def prepare_environment() -> None:
    """Before Qt loads: Chromium's sandbox cannot run as root."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
        if "--no-sandbox" not in flags:
            os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = f"{flags} --no-sandbox".strip()


class Window:
    """The pywebview window on the main thread; `focus` and `close` work from any thread."""

    def __init__(
        self, url: str, storage_path: Path, *, on_drop: Callable[[dict], object] | None = None
    ):
        self.url = url
        self.storage_path = storage_path
        self.on_drop = on_drop
        self._window = None
        self._ready = threading.Event()

    def run(self) -> None:
        """Open the window and block until it is closed (pywebview owns this thread)."""
        import webview

        webview.settings["ALLOW_DOWNLOADS"] = True
        webview.settings["OPEN_EXTERNAL_LINKS_IN_BROWSER"] = True
        self.storage_path.mkdir(parents=True, exist_ok=True)
        window = webview.create_window(
            "Mediabox", self.url, width=1280, height=820, min_size=(480, 360)
        )
        window.events.loaded += self._loaded
        self._window = window
        self._ready.set()
        gui = os.environ.get("PYWEBVIEW_GUI") or (
            _linux_backend() if sys.platform.startswith("linux") else None
        )
        webview.start(gui=gui, private_mode=False, storage_path=str(self.storage_path))

    def _loaded(self) -> None:
        window = self._window
        if window is None:
            return
        if self.on_drop is not None:
            self._take_drops(window)
        current = window.get_current_url()
        log.info("window: loaded %s", urlsplit(current or "").path or "?")

    def _take_drops(self, window) -> None:
        """Files dropped on this page go to `on_drop` with their full paths (pywebview fills
        `pywebviewFullPath` from the toolkit's drop), and the page learns that the window,
        not the browser upload, takes drops (`desktopHandlesDrops()` in the UI)."""
        from webview.dom import DOMEventHandler

        window.dom.document.events.drop += DOMEventHandler(
            self.on_drop, prevent_default=True, stop_propagation=True
        )
        window.run_js(DROPS_READY_SCRIPT)

    def focus(self) -> None:
        if self._window is not None:
            self._window.restore()
            self._window.show()
            log.info("window: brought forward")

    def close(self) -> None:
        if self._ready.wait(10) and self._window is not None:
            self._window.destroy()


def open_in_browser(url: str, reason: str, echo: Callable[[str], None]) -> None:
    """The fallback: the system browser on `url`, or else the URL printed to open by hand."""
    base = f"{urlsplit(url).scheme}://{urlsplit(url).netloc}/"
    echo(f"Mediabox cannot open its window: {reason}.")
    try:
        opened = webbrowser.open(url)
    except Exception:
        opened = False
    if opened:
        echo(f"Opened Mediabox in your web browser instead: {base}")
    else:
        echo(f"No web browser was found either. Open {base} in a browser on this computer")
        echo(f"(this sign-in link works once, for 60 seconds: {url})")
    echo("Mediabox keeps running until you press Ctrl+C.")
