"""The desktop shape (`mediabox`, `mediabox desktop`): migrations first, then the full app on a
background waitress thread on 127.0.0.1 at the port kept for this data directory, the job
consumer on threads, and the window on the main thread, signed in by a one-time launch token.
One instance per data directory; closing the window (or SIGTERM/Ctrl+C) stops everything
within a few seconds, checkpoints SQLite and frees the port."""

from __future__ import annotations

import logging
import signal
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from mediabox.infra.config import Config
from mediabox.infra.memory import tune_allocator
from mediabox.infra.startup_trace import mark
from mediabox.launch.desktop_server import DesktopServer
from mediabox.launch.instance import InstanceLock
from mediabox.launch.lan import LanSharing
from mediabox.launch.window import (
    Window,
    gui_unavailable_reason,
    open_in_browser,
    prepare_environment,
)

if TYPE_CHECKING:
    from mediabox.launch.drops import DropImports

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
    """One running desktop app: server thread, consumer, window (or fallback), shutdown."""

    def __init__(self, config: Config, lock: InstanceLock, echo: Callable[[str], None]):
        self.config = config
        self.lock = lock
        self.echo = echo
        self.focus_token = lock.focus_token
        self.window: Window | None = None
        self.network: LanSharing | None = None
        self.imports: DropImports | None = None
        self.stopping = threading.Event()

    def focus(self) -> None:
        """Bring the window forward (the `DesktopShell` side of `/desktop/focus`)."""
        if self.window is not None:
            self.window.focus()

    def run(self, gui: bool) -> int:
        started = time.monotonic()
        prepare_environment()
        tune_allocator()
        self._watch_signals()
        server = DesktopServer(self, started)
        # The server (imports, app, port, consumer) starts now, beside the window toolkit's
        # own start below, not after it: the window loads the app as soon as both are up.
        threading.Thread(
            target=server.ensure_started, name="mediabox-desktop-start", daemon=True
        ).start()
        try:
            reason = gui_unavailable_reason() if gui else "the window was turned off"
            if reason is None and not self.stopping.is_set():
                reason = self._window(server)
            server.ensure_started()
            if server.error is not None:
                raise server.error
            if reason is not None and not self.stopping.is_set():
                open_in_browser(server.sign_in_url(), reason, self.echo)
                self.stopping.wait()
        finally:
            self.stopping.set()
            server.ensure_started()
            server.stop()
        return 0

    def _window(self, server: DesktopServer) -> str | None:
        """Show the window at once (a start page) while the server starts beside it, then the
        sign-in URL; until it closes. The reason it could not open, if it could not."""
        self.window = Window(
            self.config.data_dir / "webview",
            on_drop=lambda event: self.imports.handle_drop(event) if self.imports else None,
        )

        def serve_then_load() -> None:
            mark("gui thread started")
            server.ensure_started()
            if server.error is not None or self.stopping.is_set():
                self.window.close()
            else:
                self.window.load(server.sign_in_url())
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


class JobTracker:
    """Counts the jobs running in this process (huey's execute hooks), so closing the window
    waits only while one runs. A job cut short stays re-runnable: its lease lapses and the
    next start's stalled-work pass takes it up again."""

    def __init__(self, huey):
        self.running = 0
        self._changed = threading.Condition()
        huey.pre_execute(name="mediabox-desktop-started")(self._started)
        huey.post_execute(name="mediabox-desktop-finished")(self._finished)

    def _started(self, _task) -> None:
        with self._changed:
            self.running += 1

    def _finished(self, _task, _value, _exc) -> None:
        with self._changed:
            self.running -= 1
            self._changed.notify_all()

    def wait_idle(self, deadline: float) -> bool:
        """Wait until no job runs or `deadline` (monotonic) passes; True when idle."""
        with self._changed:
            return self._changed.wait_for(
                lambda: self.running <= 0, timeout=max(0.0, deadline - time.monotonic())
            )
