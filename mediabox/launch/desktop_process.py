"""The desktop's server in a process of its own, started before the window toolkit loads, so
the app's imports and set-up run on another core than Qt's or GTK's start (they shared one GIL
in one process). A spawned child (`multiprocessing`'s "spawn" start: portable, and the
PyInstaller bundle runs it through `freeze_support`), joined by one `Pipe`, no network listener:

    parent → child: ("mint",)        a one-time sign-in URL, minted now
                    ("drop", event)  files dropped on the window, imported by path there
                    ("stop",)        stop (jobs get their grace, SQLite is checkpointed)
    child → parent: ("ready", url, port) | ("failed", message) | ("minted", url) | ("focus",)

The child stops when the parent says so, when the pipe ends (the parent is gone, even killed
with SIGKILL) or on SIGTERM; it ignores Ctrl+C, which the parent turns into a stop. This module
is the parent's: it imports the standard library only (the app is imported in the child)."""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import queue
import signal
import sys
import threading
from collections.abc import Callable
from contextlib import contextmanager

from mediabox.infra.config import Config
from mediabox.infra.startup_trace import mark
from mediabox.launch.errors import LaunchError

log = logging.getLogger("mediabox.desktop")

STOP_SECONDS = 4.0  # the child's own stop takes about 1.5 s at most (JOB_GRACE_SECONDS)


class ServerFailed(LaunchError):
    """The server process could not start (the message says why)."""


class ServerProcess:
    """The parent's handle on the server child: `start`, `wait_ready`, `sign_in_url`, `drop`,
    `stop`. `on_ready(port)`, `on_focus()` and `on_gone()` run on its reader thread."""

    def __init__(
        self,
        config: Config,
        *,
        focus_token: str,
        preferred_port: int,
        on_ready: Callable[[int], None] = lambda port: None,
        on_focus: Callable[[], None] = lambda: None,
        on_gone: Callable[[], None] = lambda: None,
    ):
        self.config = config
        self.focus_token = focus_token
        self.preferred_port = preferred_port
        self.on_ready, self.on_focus, self.on_gone = on_ready, on_focus, on_gone
        self.url: str | None = None
        self.port: int | None = None
        self.error: str | None = None
        self.ready = threading.Event()
        self.process = None
        self._conn = None
        self._send_lock = threading.Lock()
        self._minted: queue.Queue[str] = queue.Queue()

    def start(self) -> ServerProcess:
        context = multiprocessing.get_context("spawn")
        here, there = context.Pipe()
        self.process = context.Process(
            target=serve_in_child,
            args=(self.config, self.focus_token, self.preferred_port, there),
            name="mediabox-server",
        )
        with _signal_mask_kept():
            self.process.start()
        there.close()  # the child's end lives in the child only: its EOF means the child ended
        self._conn = here
        threading.Thread(target=self._read, name="mediabox-server-pipe", daemon=True).start()
        mark("server process started")
        return self

    def wait_ready(self, timeout: float | None = None) -> str:
        """The server's base URL once it serves; `ServerFailed` if it could not start."""
        if not self.ready.wait(timeout):
            raise ServerFailed("the server did not start in time")
        if self.error is not None or self.url is None:
            raise ServerFailed(self.error or "the server process ended")
        return self.url

    def sign_in_url(self, timeout: float = 10.0) -> str:
        """A one-time sign-in URL, minted by the server now (its short life starts here)."""
        self.wait_ready()
        self._send(("mint",))
        try:
            return self._minted.get(timeout=timeout)
        except queue.Empty:
            raise ServerFailed("the server did not answer") from None

    def drop(self, event: dict) -> None:
        """Hand a drop event of the window (files with their full paths) to the server."""
        try:
            plain = json.loads(json.dumps(event, default=str))
        except (TypeError, ValueError):
            log.info("drop: an event that cannot be passed on was ignored")
            return
        self._send(("drop", plain))

    def stop(self, timeout: float = STOP_SECONDS) -> None:
        """Ask the child to stop and wait for it; killed if it has not ended by `timeout`."""
        process = self.process
        if process is None:
            return
        self._send(("stop",))
        process.join(timeout)
        if process.is_alive():
            log.warning("desktop: the server process did not stop in time; killing it")
            process.kill()
            process.join(2)
        if self._conn is not None:
            self._conn.close()

    def _send(self, message: tuple) -> None:
        with self._send_lock:
            try:
                self._conn.send(message)
            except (OSError, ValueError, AttributeError):
                log.debug("desktop: the server process is gone; %s not sent", message[0])

    def _read(self) -> None:
        while True:
            try:
                message = self._conn.recv()
            except (EOFError, OSError):
                break
            kind = message[0]
            if kind == "ready":
                self.url, self.port = message[1], message[2]
                self.on_ready(self.port)
                self.ready.set()
            elif kind == "failed":
                self.error = message[1]
                self.ready.set()
            elif kind == "minted":
                self._minted.put(message[1])
            elif kind == "focus":
                self.on_focus()
        if not self.ready.is_set():
            self.error = "the server process ended before it served"
        self.ready.set()
        self.on_gone()


@contextmanager
def _signal_mask_kept():
    """Restore this thread's signal mask after the block: multiprocessing's resource tracker
    start unblocks SIGINT and SIGTERM, which the launcher keeps blocked for its signal thread
    (delivered to a thread without the block, they would kill the launcher outright)."""
    mask = (
        signal.pthread_sigmask(signal.SIG_BLOCK, ()) if hasattr(signal, "pthread_sigmask") else None
    )
    try:
        yield
    finally:
        if mask is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)


# --- In the child -----------------------------------------------------------------------------
def without_redis() -> None:
    """With no `REDIS_URL` nothing here talks to Redis, yet huey imports its client whenever it
    is installed: about 0.15 s of the server's start, which the window waits for. Marked absent,
    huey offers its SQLite storage only, which is the one this process runs."""
    sys.modules.setdefault("redis", None)


def serve_in_child(config: Config, focus_token: str, preferred_port: int, conn) -> None:
    """The server process: start the server, report, then serve the parent's requests until it
    says stop, the pipe ends (the parent is gone) or SIGTERM; then stop in order."""
    stopping = threading.Event()
    _take_signals(stopping)
    if not config.redis_url:
        without_redis()
    from mediabox.launch import configure_logging

    configure_logging()
    mark("server process up")
    from mediabox.launch.desktop_server import DesktopServer

    sends = threading.Lock()

    def send(message: tuple) -> None:
        with sends:
            try:
                conn.send(message)
            except (OSError, ValueError):
                stopping.set()  # the parent is gone

    server = DesktopServer(
        config,
        focus_token=focus_token,
        preferred_port=preferred_port,
        on_focus=lambda: send(("focus",)),
    )
    try:
        server.start()
    except LaunchError as exc:
        send(("failed", str(exc)))
    except Exception as exc:
        log.exception("desktop: the server could not start")
        send(("failed", f"the server could not start ({type(exc).__name__}: {exc})"))
    else:
        send(("ready", server.url, server.port))
        threading.Thread(
            target=_serve_requests, args=(conn, server, send, stopping), daemon=True
        ).start()
        stopping.wait()
    server.stop()
    conn.close()
    # Stopped, checkpointed and flushed: skip the interpreter's exit, whose join of this
    # process's own children would wait for good on the decoder processes (they end with it).
    logging.shutdown()
    os._exit(0)


def _serve_requests(conn, server, send: Callable[[tuple], None], stopping: threading.Event):
    while not stopping.is_set():
        try:
            message = conn.recv()
        except (EOFError, OSError):
            log.info("desktop: the window's process is gone; stopping")
            break
        kind = message[0]
        if kind == "mint":
            send(("minted", server.sign_in_url()))
        elif kind == "drop":
            server.imports.handle_drop(message[1])
        elif kind == "stop":
            break
    stopping.set()


def _take_signals(stopping: threading.Event) -> None:
    """Ctrl+C reaches the whole process group: the parent turns it into a stop, so the child
    ignores it; SIGTERM sent to the child itself stops it like the parent's stop."""
    if not hasattr(signal, "pthread_sigmask"):
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})

    def wait() -> None:
        while signal.sigwait({signal.SIGINT, signal.SIGTERM}) != signal.SIGTERM:
            pass
        log.info("desktop: the server process was asked to stop")
        stopping.set()

    threading.Thread(target=wait, name="mediabox-server-signals", daemon=True).start()
