"""What the desktop window needs from its toolkit beyond pywebview's own handling (pywebview
is pinned at 6.2.1; the private objects used here are named below):

- downloads land in the Downloads folder at once, like a browser's: with both Qt and GTK,
  pywebview asks where to save every download in a modal dialog, which this replaces;
- with GTK, a response sent as an attachment (an original) is downloaded, where pywebview's
  navigation handler shows any image or video in the window;
- with GTK, files dropped from a file manager are imported by path (`_GtkFileDrops`) and no
  longer replace the app in the window (WebKitGTK navigated to the file);
- with GTK, `window.open()` of another site opens the system browser, as links with
  `target="_blank"` already do (pywebview's GTK backend has no handler for WebKit's `create`
  signal, so the page got `null` and nothing opened).

Cocoa and WebView2 keep pywebview's own handling."""

from __future__ import annotations

import logging
import re
import threading
import time
import webbrowser
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

log = logging.getLogger("mediabox.desktop")
DROP_EVENT_SCRIPT = (
    'window.dispatchEvent(new CustomEvent("mediabox:desktop-drop", { detail: %d }));'
)


def adapt(window, backend: str | None, on_drop: Callable[[dict], object] | None = None) -> None:
    """Take over what is said above for pywebview's `window` (from any thread); `on_drop` gets
    GTK's drops of files (the window's drop handler)."""
    if backend == "qt":
        _qt(window)
    elif backend == "gtk":
        _gtk(window, on_drop)


def unique_target(folder: Path, suggested: str) -> Path:
    """`folder/name` for the server's suggested file name, never an existing file: a second
    download of `photo.jpg` is saved as `photo (1).jpg`, as browsers do."""
    name = re.sub(r"[\x00-\x1f/\\]", "_", Path(suggested or "download").name).strip(" .")
    name = name or "download"
    stem, dot, suffix = name.rpartition(".") if "." in name[1:] else (name, "", "")
    target, n = folder / name, 0
    while target.exists():
        n += 1
        target = folder / f"{stem} ({n}){dot}{suffix}"
    return target


# --- Qt WebEngine: pywebview's BrowserView is `window.native`; its profile's download path is
# the Downloads folder.
def _qt(window) -> None:
    native = getattr(window, "native", None)
    widget = getattr(native, "webview", None)
    if widget is None or not hasattr(native, "on_download_requested"):
        return
    profile = widget.page().profile()
    try:
        profile.downloadRequested.disconnect(native.on_download_requested)
    except (TypeError, RuntimeError):
        log.debug("window: pywebview's download handler was not connected")
    # direct: this thread has no Qt event loop to receive a queued call
    from qtpy.QtCore import Qt

    profile.downloadRequested.connect(_qt_save, Qt.ConnectionType.DirectConnection)


def _qt_save(download) -> None:
    """Accept a Qt WebEngine download into its default folder and log where it lands."""
    download.accept()
    target = Path(download.downloadDirectory()) / download.downloadFileName()
    log.info("window: downloading %s", target)

    def finished() -> None:
        if download.isFinished():
            log.info("window: downloaded %s (%s)", target, download.state().name)

    download.isFinishedChanged.connect(finished)


# --- WebKitGTK: pywebview's BrowserView is in `webview.platforms.gtk.BrowserView.instances`
# by window uid; its `on_download_started` handler on the web context opens a save dialog.
def _gtk(window, on_drop: Callable[[dict], object] | None) -> None:
    from gi.repository import GLib
    from webview.platforms.gtk import BrowserView

    view = BrowserView.instances.get(window.uid)
    if view is None:
        return

    def swap() -> bool:  # on GTK's main thread, where signals are (dis)connected
        context = view.webview.get_context()
        try:
            context.disconnect_by_func(view.on_download_started)
        except TypeError:
            log.debug("window: pywebview's download handler was not connected")
        context.connect("download-started", _gtk_started)
        view.webview.connect("create", _gtk_new_window)
        drops = _GtkFileDrops(window, on_drop)
        view.webview.connect("drag-data-received", drops.received)
        try:
            view.webview.disconnect_by_func(view.on_navigation)
        except TypeError:
            log.debug("window: pywebview's navigation handler was not connected")
        else:
            view.webview.connect("decide-policy", _gtk_policy, view.on_navigation, drops)
        return False

    GLib.idle_add(swap)


class _GtkFileDrops:
    """Files dropped from a file manager, imported by path. WebKitGTK 2.50 gives the page no
    DOM drop for them (it navigates to the first file's `file://` URL instead), and pywebview's
    GTK handler reads the drop's `text/uri-list` with `get_text()`, None for that target. So the
    URIs are taken from GTK's own `drag-data-received` (the page cannot make one), and the
    navigation to one of them, right after, is the drop: it goes to `on_drop` with the paths,
    as pywebview's bridge would pass it, and the window stays on the app."""

    SECONDS = 30  # a drop's navigation follows its data at once; older data is a cancelled drag

    def __init__(self, window, on_drop: Callable[[dict], object] | None):
        self.window = window
        self.on_drop = on_drop
        self.uris: list[str] = []
        self.when = 0.0

    def received(self, _webview, _context, _x, _y, data, _info, _time) -> None:
        uris = [u for u in (data.get_uris() or []) if u.startswith("file://")]
        if uris:
            self.uris, self.when = uris, time.monotonic()

    def take(self, uri: str) -> bool:
        """The drop whose navigation this is, handed to `on_drop`; False for any other."""
        fresh = time.monotonic() - self.when < self.SECONDS
        if self.on_drop is None or not fresh or uri not in self.uris:
            return False
        from gi.repository import GLib

        paths = [GLib.filename_from_uri(u)[0] for u in self.uris]
        self.uris = []
        log.info("window: %d file(s) dropped from the desktop", len(paths))
        files = [{"name": Path(p).name, "pywebviewFullPath": p} for p in paths]
        event = {"type": "drop", "dataTransfer": {"files": files}}
        threading.Thread(target=self.on_drop, args=(event,), daemon=True).start()
        # what the window's drop listener tells the app (it shows the import's progress)
        self.window.run_js(DROP_EVENT_SCRIPT % len(paths))
        return True


def _gtk_policy(webview, decision, decision_type, pywebview_handler, drops) -> bool:
    """A response the server sends as an attachment (an original's download) is downloaded;
    pywebview's handler would show any image or video in the window instead. A file dropped
    from a file manager does not replace the app (WebKitGTK navigates to it)."""
    from gi.repository import WebKit2

    if isinstance(decision, WebKit2.NavigationPolicyDecision):
        uri = decision.get_navigation_action().get_request().get_uri()
        if uri.startswith("file:"):  # a file dropped on the window: WebKit would show it
            if not drops.take(uri):
                log.info("window: not leaving the app for a local file")
            decision.ignore()
            return True
    if isinstance(decision, WebKit2.ResponsePolicyDecision):
        headers = decision.get_response().get_http_headers()
        disposition = headers.get_one("Content-Disposition") if headers is not None else None
        if disposition and disposition.strip().lower().startswith("attachment"):
            decision.download()
            return True
    return bool(pywebview_handler(webview, decision, decision_type))


def _gtk_new_window(_webview, action):
    """WebKit's `create` (window.open): another site goes to the system browser; no new view."""
    uri = action.get_request().get_uri()
    if uri.startswith(("http://", "https://")):
        log.info("window: opening %s in the system browser", urlsplit(uri).netloc)
        webbrowser.open(uri, 2, True)
    return None


def _gtk_started(_context, download) -> None:
    state: dict = {"target": "?", "failed": False}

    def destination(download, suggested: str) -> bool:
        from gi.repository import GLib

        special = GLib.get_user_special_dir(GLib.UserDirectory.DIRECTORY_DOWNLOAD)
        folder = Path(special) if special else Path.home() / "Downloads"
        folder.mkdir(parents=True, exist_ok=True)
        state["target"] = unique_target(folder, suggested)
        download.set_destination(GLib.filename_to_uri(str(state["target"])))
        log.info("window: downloading %s", state["target"])
        return True

    def failed(_download, error) -> None:
        state["failed"] = True
        log.info("window: download of %s failed: %s", state["target"], error)

    def finished(_download) -> None:
        if not state["failed"]:
            log.info("window: downloaded %s (completed)", state["target"])

    download.connect("decide-destination", destination)
    download.connect("failed", failed)
    download.connect("finished", finished)
