"""The LAN server: waitress (threaded) in front of the full app, the embedded job consumer,
migrations in a short-lived child process, and SIGTERM handled like Ctrl+C."""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from mediabox.infra.config import Config
from mediabox.infra.memory import tune_allocator
from mediabox.launch.errors import LaunchError
from mediabox.launch.lan import announce_server, lan_banner

if TYPE_CHECKING:
    from mediabox.launch.tls import TlsFiles

__all__ = ["LaunchError", "run_server", "self_command", "upgrade_in_a_child_process"]


def run_server(
    config: Config,
    *,
    host: str,
    port: int,
    threads: int,
    migrate: bool = True,
    worker: bool = True,
    share_port: int | None = None,
    tls: TlsFiles | None = None,
    echo: Callable[[str], None] = print,
) -> None:
    """Serve the full app on `host:port` until Ctrl+C or SIGTERM; jobs in flight finish first.

    `migrate` applies pending migrations first (in a child process); `worker` runs the job
    consumer on threads here unless the config turns it off (`RUN_CONSUMER`); `share_port`
    adds the share gateway on that port of the same host (`mediabox.launch.gateway`); `tls`
    serves both over HTTPS (`mediabox.launch.tls`) with Secure cookies.
    """
    from mediabox.app import create_app, job_runner
    from mediabox.container import container_of
    from mediabox.infra.http_limits import BodyLimits, create_bounded_server
    from mediabox.jobs import start_consumer

    tune_allocator()
    refuse_weak_secrets(config, host)
    if tls is not None:
        config = replace(config, cookie_secure=True)
    app = create_app(config)
    limits = BodyLimits.from_config(config)
    https = _https_listener(app, config, host, port, threads, limits, tls) if tls else None
    scheme = "https" if tls else "http"
    if migrate:
        upgrade_in_a_child_process(config)
    echo(f"Mediabox {config.app_env} — data in {config.data_dir}")
    echo(f"Serving on {scheme}://{host}:{port}/  (Ctrl+C to stop)")
    for line in lan_banner(host, port, scheme=scheme):
        echo(line)
    announcement = announce_server(host, port, scheme=scheme)
    gateway = _start_gateway(config, host, share_port, tls, echo) if share_port else None
    consumer = None
    if config.run_consumer and worker:
        consumer = start_consumer(
            container_of(app).queue, config, run=job_runner(app), embedded=True
        )
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    try:
        if https is not None:
            https.serve()
            return
        create_bounded_server(
            app,
            limits=limits,
            connection_limit=config.max_connections,
            host=host,
            port=port,
            threads=threads,
            recv_bytes=1 << 18,
            send_bytes=1 << 18,
            channel_timeout=300,
            ident="mediabox",
        ).run()
    except KeyboardInterrupt:
        echo("stopping")
    finally:
        if announcement is not None:
            announcement.withdraw()
        if gateway is not None:
            gateway.stop()
        if https is not None:
            https.stop()
        if consumer is not None:
            consumer.stop(graceful=True)


def _https_listener(app, config: Config, host: str, port: int, threads: int, limits, tls):
    from mediabox.launch.tls import TlsError, TlsListener

    try:
        return TlsListener(
            app,
            host=host,
            port=port,
            tls=tls,
            limits=limits,
            connection_limit=config.max_connections,
            threads=threads,
        )
    except TlsError as exc:
        raise LaunchError(str(exc)) from exc
    except OSError as exc:
        raise LaunchError(f"cannot listen on {host}:{port}: {exc}") from exc


def refuse_weak_secrets(config: Config, host: str) -> None:
    """A weak JWT_SECRET is refused whenever the listener reaches beyond loopback."""
    from mediabox.infra.config import ConfigError
    from mediabox.infra.listen_policy import check_listen_secrets

    try:
        check_listen_secrets(config, host)
    except ConfigError as exc:
        raise LaunchError(str(exc)) from exc


def _start_gateway(
    config: Config, host: str, port: int, tls: TlsFiles | None, echo: Callable[[str], None]
):
    from mediabox.launch.gateway import start_share_gateway

    try:
        gateway = start_share_gateway(config, host=host, port=port, tls=tls)
    except OSError as exc:
        raise LaunchError(f"cannot open the share gateway on {host}:{port}: {exc}") from exc
    scheme = "https" if tls else "http"
    echo(f"Share gateway (share links only) on {scheme}://{host}:{gateway.port}/")
    return gateway


def _stop_on_sigterm(_signum, _frame) -> None:
    """Treat SIGTERM (service managers, `kill`) like Ctrl+C so jobs in flight stop cleanly."""
    raise KeyboardInterrupt


def upgrade_in_a_child_process(config: Config | None = None) -> None:
    """Migrate in a short-lived process so the server never holds Alembic in memory; with
    `config`, only when its database is not already at the head (checked in-process)."""
    from mediabox.infra.migration_state import database_at_head

    if config is not None and database_at_head(config.database_url):
        return
    result = subprocess.run([*self_command(), "db", "upgrade"], check=False)  # noqa: S603
    if result.returncode != 0:
        raise LaunchError("database migration failed; see the messages above")


def self_command() -> list[str]:
    """How to run `mediabox` again: the bundle's own executable when frozen (PyInstaller)."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "mediabox.cli"]
