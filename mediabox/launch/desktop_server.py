"""The desktop's server side, run in its own process (`mediabox.launch.desktop_process`):
migrations (only when needed), the full app on a waitress thread at the port kept for the data
directory, the job consumer, the import of dropped files, "Open on my network", and the
one-time sign-in URL; then its orderly stop. It is the app's `DesktopShell`: a second launch's
`/desktop/focus` reaches the window through `on_focus`."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from mediabox.infra.config import Config
from mediabox.infra.http_limits import BodyLimits
from mediabox.infra.memory import tune_allocator
from mediabox.infra.startup_trace import mark
from mediabox.launch.instance import choose_port
from mediabox.launch.lan import LanSharing
from mediabox.launch.listener import Listener
from mediabox.launch.server import upgrade_in_a_child_process

if TYPE_CHECKING:
    from mediabox.launch.drops import DropImports

log = logging.getLogger("mediabox.desktop")

JOB_GRACE_SECONDS = 1.5


class DesktopServer:
    """`start` once, then it serves; `stop` undoes whatever started."""

    def __init__(
        self,
        config: Config,
        *,
        focus_token: str,
        preferred_port: int,
        on_focus: Callable[[], None] = lambda: None,
    ):
        self.config = config
        self.focus_token = focus_token
        self.preferred_port = preferred_port
        self.on_focus = on_focus
        self.started = time.monotonic()
        self.url: str | None = None  # the server's base URL, once it serves
        self.port: int | None = None
        self.app = self.listener = self.consumer = self.jobs = None
        self.network: LanSharing | None = None
        self.imports: DropImports | None = None

    def focus(self) -> None:
        """Bring the window forward (the `DesktopShell` side of `/desktop/focus`)."""
        self.on_focus()

    def start(self) -> None:
        from mediabox.api.desktop import install_shell
        from mediabox.app import create_app, job_runner
        from mediabox.container import container_of
        from mediabox.jobs import start_consumer
        from mediabox.launch.drops import DropImports

        mark("server imports done")
        tune_allocator()
        config = self.config
        upgrade_in_a_child_process(config)
        mark("migrations checked")
        self.app = app = create_app(config)
        mark("app created")
        self.imports = DropImports(app)
        install_shell(app, self)
        self.listener = Listener(
            app,
            host="127.0.0.1",
            port=choose_port(self.preferred_port),
            threads=8,
            limits=BodyLimits.from_config(config),
            connection_limit=config.max_connections,
        ).start()
        mark("listening")
        self.port = self.listener.port
        self.network = LanSharing(app, preferred_port=self.listener.port + 1)
        self.jobs = JobTracker(container_of(app).queue.huey)
        if config.run_consumer:
            self.consumer = start_consumer(
                container_of(app).queue, config, run=job_runner(app), embedded=True
            )
        mark("consumer started")
        self.url = self.listener.url
        log.info(
            "desktop: serving on %s (%.2f s)", self.listener.url, time.monotonic() - self.started
        )

    def sign_in_url(self) -> str:
        """A one-time sign-in URL for the window (or the browser), minted when it is about to
        be opened, so its short life starts then (the server may be up well before)."""
        from mediabox.container import container_of

        token = container_of(self.app).desktop_sign_in.mint()
        return f"{self.url}desktop/login?t={token}"

    def stop(self) -> None:
        """Jobs get a short grace, the server and consumer stop, SQLite is checkpointed."""
        from mediabox.infra.db import checkpoint_sqlite, db

        started = time.monotonic()
        if self.consumer is not None:
            self.consumer.stop(graceful=False)  # no new jobs start; running ones go on a while
        if self.network is not None:
            self.network.stop()
        if self.imports is not None:
            self.imports.stop(timeout=JOB_GRACE_SECONDS / 2)
        if self.listener is not None:
            self.listener.stop(timeout=JOB_GRACE_SECONDS)
        if self.jobs is not None and not self.jobs.wait_idle(started + JOB_GRACE_SECONDS):
            log.warning("desktop: jobs still running are left to the next start")
        if self.app is not None:
            with self.app.app_context():
                db.session.remove()
                checkpoint_sqlite(db.engine)
                db.engine.dispose()
        log.info("desktop: stopped in %.2f s", time.monotonic() - started)


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
