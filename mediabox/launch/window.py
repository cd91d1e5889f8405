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

from mediabox.infra.startup_trace import mark
from mediabox.launch import toolkits

log = logging.getLogger("mediabox.desktop")

# Shown while the server starts (a few hundred ms to seconds), so the window is there at once.
START_PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>Mediabox</title></head>
<body style="margin:0;height:100vh;display:flex;align-items:center;justify-content:center;
font:600 20px system-ui,sans-serif;color:#555;background:#fafafa">Mediabox</body></html>"""
DROP_NODE = "mediabox-drops"
# Run by the window on each page (run_js is not subject to the page's CSP, evaluate_js is: it
# uses eval). A drop of files is taken before the page's own handlers (capture on window), so
# the browser upload stands aside, and is posted to pywebview's bridge like one of its DOM
# event handlers, which adds each file's full path (`pywebviewFullPath`) from the toolkit's drop.
# WebView2 finds the paths from the real event; the others get a small copy of it.
DROPS_SCRIPT = """
(function () {
  if (window.mediaboxDesktop) return;
  function hasFiles(e) {
    return !!e.dataTransfer && Array.prototype.indexOf.call(e.dataTransfer.types, "Files") >= 0;
  }
  // A drag of URIs without files (WebKitGTK's form of a file manager's drop) is kept from the
  // page's own drop zone: left unaccepted, the drop reaches the window's GTK drop handler.
  function uriDragWithoutFiles(e) {
    return !hasFiles(e) && !!e.dataTransfer &&
      Array.prototype.indexOf.call(e.dataTransfer.types, "text/uri-list") >= 0;
  }
  ["dragenter", "dragover", "drop"].forEach(function (type) {
    window.addEventListener(type, function (e) {
      if (uriDragWithoutFiles(e)) e.stopPropagation();
    }, true);
  });
  window.addEventListener("dragover", function (e) {
    if (!hasFiles(e)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = "copy";
  }, true);
  window.addEventListener("drop", function (e) {
    if (!hasFiles(e) || !e.dataTransfer.files.length) return;
    e.preventDefault();
    e.stopPropagation();
    var files = Array.prototype.map.call(e.dataTransfer.files, function (f) {
      return { name: f.name, size: f.size, type: f.type };
    });
    var event = window.pywebview.platform === "edgechromium" ? e
      : { type: "drop", dataTransfer: { files: files } };
    window.pywebview._jsApiCallback(
      "pywebviewEventHandler", { event: event, nodeId: "DROP_NODE" }, "eventHandler");
    window.dispatchEvent(new CustomEvent("mediabox:desktop-drop", { detail: files.length }));
  }, true);
  window.mediaboxDesktop = Object.freeze({ drops: true });
  window.dispatchEvent(new Event("mediabox:desktop"));
})();
""".replace("DROP_NODE", DROP_NODE)
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
    return "gtk" if _webkit2gtk_available() else None


def _webkit2gtk_available() -> bool:
    """PyGObject is importable and the WebKit2 typelib pywebview asks for (4.1, else 4.0) is
    installed; nothing is loaded or pinned yet."""
    if importlib.util.find_spec("gi") is None:
        return False
    try:
        from gi import Repository

        versions = Repository.get_default().enumerate_versions("WebKit2")
    except Exception:  # a broken PyGObject: no GTK window
        log.debug("window: PyGObject cannot list the WebKit2 typelibs", exc_info=True)
        return False
    return "4.1" in versions or "4.0" in versions


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

    def __init__(self, storage_path: Path, *, on_drop: Callable[[dict], object] | None = None):
        self.storage_path = storage_path
        self.on_drop = on_drop
        self._drops_counted = False
        self._adapted = False
        self._backend: str | None = None
        self._window = None
        self._ready = threading.Event()

    def run(self, on_shown: Callable[[], None]) -> None:
        """Open the window on a start page and block until it is closed (pywebview owns this
        thread); `on_shown` runs on a thread once the toolkit is up and calls `load`."""
        mark("gui imports begin")
        import webview

        gui = os.environ.get("PYWEBVIEW_GUI") or (
            _linux_backend() if sys.platform.startswith("linux") else None
        )
        if gui == "qt":
            from mediabox.launch.qt_enums import lighten_enum_promotion

            lighten_enum_promotion()

        mark("webview imported")
        webview.settings["ALLOW_DOWNLOADS"] = True
        webview.settings["OPEN_EXTERNAL_LINKS_IN_BROWSER"] = True
        self.storage_path.mkdir(parents=True, exist_ok=True)
        window = webview.create_window(
            "Mediabox", html=START_PAGE, width=1280, height=820, min_size=(480, 360)
        )
        window.events.loaded += self._loaded
        window.events.shown += lambda: mark("window shown")
        self._window = window
        self._ready.set()
        self._backend = gui

        def shown() -> None:
            log.info("window: pywebview's %s backend (%s)", gui or "default", webview.renderer)
            on_shown()

        mark("gui starting")
        webview.start(shown, gui=gui, private_mode=False, storage_path=str(self.storage_path))

    def load(self, url: str) -> None:
        """Open `url` in the window (from any thread)."""
        if self._ready.wait(10) and self._window is not None:
            self._window.load_url(url)

    def _loaded(self) -> None:
        window = self._window
        current = window.get_current_url() if window is not None else None
        mark(f"page loaded {urlsplit(current or '').path or current}")
        if not current or not current.startswith("http"):
            return  # the start page
        if urlsplit(current).path == "/desktop/login":
            return  # the start page's load event, after the sign-in URL began to load
        if self.on_drop is not None:
            self._take_drops(window)
        if not self._adapted:
            self._adapted = True
            toolkits.adapt(window, self._backend, self.on_drop)
        log.info("window: loaded %s", urlsplit(current or "").path or "?")

    def _take_drops(self, window) -> None:
        """Files dropped on this page go to `on_drop` with their full paths, and the page
        learns that the window, not the browser upload, takes drops (`desktopHandlesDrops()`
        in the UI).

        pywebview's own `element.on("drop", …)` registers through evaluate_js, which the app's
        CSP (no unsafe-eval) refuses, so this does the same two things it does (pywebview is
        pinned at 6.2.1): a handler in the page's element table (cleared on each load, before
        this runs) and the toolkit's drop listener count, which makes Qt, GTK, Cocoa and
        WebView2 record the dropped paths."""
        from webview.dom import _dnd_state

        window.dom._elements[DROP_NODE] = _DropTarget(self.on_drop)
        if not self._drops_counted:
            _dnd_state["num_listeners"] += 1
            self._drops_counted = True
        window.run_js(DROPS_SCRIPT)

    def focus(self) -> None:
        if self._window is not None:
            self._window.restore()
            self._window.show()
            log.info("window: brought forward")

    def close(self) -> None:
        if self._ready.wait(10) and self._window is not None:
            self._window.destroy()


class _DropTarget:
    """What pywebview's bridge looks up for a DOM event: the handlers of each event type."""

    def __init__(self, on_drop: Callable[[dict], object]):
        self._event_handlers = {"drop": [on_drop]}


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
