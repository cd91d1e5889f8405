"""The desktop's server side, started beside its window: migrations (only when needed), the
full app on a waitress thread at the port kept for the data directory, the job consumer, the
import of dropped files, and the one-time sign-in URL; then its orderly stop."""

from __future__ import annotations

import logging
import threading
import time
from typing import TYPE_CHECKING

from mediabox.infra.http_limits import BodyLimits
from mediabox.infra.startup_trace import mark
from mediabox.launch.instance import choose_port
from mediabox.launch.lan import LanSharing
from mediabox.launch.listener import Listener
from mediabox.launch.server import upgrade_in_a_child_process

if TYPE_CHECKING:
    from mediabox.launch.desktop import Desktop

log = logging.getLogger("mediabox.desktop")

JOB_GRACE_SECONDS = 1.5


class DesktopServer:
    """Starts once (`ensure_started`, from any thread); `ready` is set when it serves or
    failed (`error`); `stop` undoes whatever started."""

    def __init__(self, desktop: Desktop, started: float):
        self.desktop = desktop
        self.started = started
        self.ready = threading.Event()
        self.error: BaseException | None = None
        self.url: str | None = None  # the server's base URL, once it serves
        self.app = self.listener = self.consumer = self.jobs = None
        self._once = threading.Lock()
        self._begun = False

    def ensure_started(self) -> None:
        """Start here unless it has begun elsewhere; either way, return once it is ready."""
        with self._once:
            begin = not self._begun
            self._begun = True
        if begin:
            try:
                self._start()
            except BaseException as exc:  # reported by the launcher on the main thread
                self.error = exc
            finally:
                self.ready.set()
        self.ready.wait()

    def _start(self) -> None:
        from mediabox.api.desktop import install_shell
        from mediabox.app import create_app, job_runner
        from mediabox.container import container_of
        from mediabox.jobs import start_consumer
        from mediabox.launch.desktop import JobTracker
        from mediabox.launch.drops import DropImports

        mark("server imports done")
        desktop, config = self.desktop, self.desktop.config
        upgrade_in_a_child_process(config)
        mark("migrations checked")
        self.app = app = create_app(config)
        mark("app created")
        desktop.imports = DropImports(app)
        install_shell(app, desktop)
        self.listener = Listener(
            app,
            host="127.0.0.1",
            port=choose_port(desktop.lock.remembered_port()),
            threads=8,
            limits=BodyLimits.from_config(config),
            connection_limit=config.max_connections,
        ).start()
        mark("listening")
        desktop.lock.publish(self.listener.port)
        desktop.network = LanSharing(app, preferred_port=self.listener.port + 1)
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
        desktop = self.desktop
        if self.consumer is not None:
            self.consumer.stop(graceful=False)  # no new jobs start; running ones go on a while
        if desktop.network is not None:
            desktop.network.stop()
        if desktop.imports is not None:
            desktop.imports.stop(timeout=JOB_GRACE_SECONDS / 2)
        if self.listener is not None:
            self.listener.stop(timeout=JOB_GRACE_SECONDS)
        if self.jobs is not None and not self.jobs.wait_idle(started + JOB_GRACE_SECONDS):
            log.warning("desktop: jobs still running are left to the next start")
        if self.app is not None:
            with self.app.app_context():
                db.session.remove()
                checkpoint_sqlite(db.engine)
                db.engine.dispose()
        desktop.lock.withdraw()
        log.info("desktop: stopped in %.2f s", time.monotonic() - started)
