"""The desktop shape (`mediabox`, `mediabox desktop`): the window on the main thread, signed
in by a one-time launch token, in front of the server, which runs in a process of its own
(`mediabox.launch.desktop_process`: migrations, the full app on 127.0.0.1 at the port kept for
this data directory, the job consumer), started first so that it comes up on another core
while the window toolkit loads here. One instance per data directory; closing the window (or
SIGTERM/Ctrl+C) stops everything within a few seconds, checkpoints SQLite and frees the port.
This process never imports the app (Flask, SQLAlchemy): only the window and its toolkit."""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable

from mediabox.infra.config import Config
from mediabox.infra.startup_trace import mark
from mediabox.launch.desktop_process import ServerFailed, ServerProcess
from mediabox.launch.instance import InstanceLock
from mediabox.launch.window import (
    Window,
    gui_unavailable_reason,
    open_in_browser,
    prepare_environment,
)

log = logging.getLogger("mediabox.desktop")

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM) if hasattr(signal, "SIGTERM") else ()


def run_desktop(config: Config, *, gui: bool = True, echo: Callable[[str], None] = print) -> int:
    """Run the desktop app for `config` until its window closes; the process exit code.

    `gui=False` skips the window (the browser fallback). A second launch on the same data
    directory brings the first window forward and returns at once.
    """
    lock = InstanceLock(config.data_dir)
    if not lock.acquire():
        running = lock.running()
        if running is not None and running.bring_forward():
            echo("Mediabox is already open for this data directory; its window is in front now.")
        else:
            echo("Mediabox is already starting or running for this data directory.")
        return 0
    mark("lock acquired")
    try:
        return Desktop(config, lock, echo).run(gui)
    finally:
        lock.release()


class Desktop:
    """One running desktop app: the server process, the window (or fallback), shutdown."""

    def __init__(self, config: Config, lock: InstanceLock, echo: Callable[[str], None]):
        self.config = config
        self.lock = lock
        self.echo = echo
        self.window: Window | None = None
        self.stopping = threading.Event()

    def focus(self) -> None:
        """Bring the window forward (a second launch asked the server, which asks here)."""
        if self.window is not None:
            self.window.focus()

    def run(self, gui: bool) -> int:
        self._watch_signals()
        # The server process starts first, before the window toolkit is even imported: its
        # imports and app set-up then run beside the toolkit's start, on another core.
        server = ServerProcess(
            self.config,
            focus_token=self.lock.focus_token,
            preferred_port=self.lock.remembered_port(),
            on_ready=self.lock.publish,
            on_focus=self.focus,
            on_gone=self._server_gone,
        ).start()
        try:
            prepare_environment()
            reason = gui_unavailable_reason() if gui else "the window was turned off"
            if reason is None and not self.stopping.is_set():
                reason = self._window(server)
            self._raise_if_failed(server)
            if reason is not None and not self.stopping.is_set():
                open_in_browser(server.sign_in_url(), reason, self.echo)
                self.stopping.wait()
        finally:
            self.stopping.set()
            server.stop()
            self.lock.withdraw()
        return 0

    def _raise_if_failed(self, server: ServerProcess) -> None:
        """The server's failure to start, reported (not when the window was closed first)."""
        try:
            server.wait_ready()
        except ServerFailed:
            if not self.stopping.is_set():
                raise

    def _server_gone(self) -> None:
        """The server process ended (stopped, or it failed): the window has nothing to show."""
        if not self.stopping.is_set() and self.window is not None:
            log.info("desktop: the server process ended; closing the window")
            self.window.close()
        self.stopping.set()

    def _window(self, server: ServerProcess) -> str | None:
        """Show the window at once (a start page) while the server starts beside it, then the
        sign-in URL; until it closes. The reason it could not open, if it could not."""
        self.window = Window(self.config.data_dir / "webview", on_drop=server.drop)

        def serve_then_load() -> None:
            mark("gui thread started")
            try:
                url = server.sign_in_url()
            except ServerFailed:
                self.window.close()
                return
            if self.stopping.is_set():
                self.window.close()
            else:
                self.window.load(url)
                mark("sign-in url loading")

        try:
            self.window.run(on_shown=serve_then_load)
        except Exception as exc:
            log.debug("window failed", exc_info=True)
            self.window = None
            return f"the window toolkit failed ({type(exc).__name__}: {exc})"
        return None

    def _watch_signals(self) -> None:
        """SIGTERM and Ctrl+C close the window like its close button (a thread waits for them:
        the GUI loop on the main thread does not run Python signal handlers)."""
        if not STOP_SIGNALS or not hasattr(signal, "pthread_sigmask"):
            return
        signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)

        def wait() -> None:
            signal.sigwait(STOP_SIGNALS)
            log.info("desktop: stop requested")
            self.stopping.set()
            if self.window is not None:
                self.window.close()

        threading.Thread(target=wait, name="mediabox-signals", daemon=True).start()
