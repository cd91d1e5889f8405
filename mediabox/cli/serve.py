"""`mediabox serve`: the LAN server on waitress (threaded)."""

from __future__ import annotations

import signal
import subprocess
import sys

import click

from mediabox.cli.context import load_app, load_config
from mediabox.infra.memory import tune_allocator


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8765, show_default=True, type=int)
@click.option("--threads", default=8, show_default=True, type=int)
@click.option("--no-migrate", is_flag=True, help="Do not apply pending migrations first.")
@click.option(
    "--no-worker", is_flag=True, help="Do not run background jobs here (use `mediabox worker`)."
)
def serve(host: str, port: int, threads: int, no_migrate: bool, no_worker: bool) -> None:
    """Serve the API and web app (LAN mode)."""
    from mediabox.infra.http_limits import BodyLimits, create_bounded_server

    tune_allocator()
    config = load_config()
    _refuse_weak_secrets(config, host)
    app = load_app(config)
    if not no_migrate:
        _upgrade_in_a_child_process()
    click.echo(f"Mediabox {config.app_env} — data in {config.data_dir}")
    click.echo(f"Serving on http://{host}:{port}/  (Ctrl+C to stop)", err=False)
    consumer = None
    if config.run_consumer and not no_worker:
        from mediabox.jobs import start_consumer

        consumer = start_consumer(app, embedded=True)
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    try:
        create_bounded_server(
            app,
            limits=BodyLimits.from_config(config),
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
        click.echo("stopping")
    finally:
        if consumer is not None:
            consumer.stop(graceful=True)


def _refuse_weak_secrets(config, host: str) -> None:
    from mediabox.infra.config import ConfigError
    from mediabox.infra.listen_policy import check_listen_secrets

    try:
        check_listen_secrets(config, host)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from exc


def _stop_on_sigterm(_signum, _frame) -> None:
    """Treat SIGTERM (service managers, `kill`) like Ctrl+C so jobs in flight stop cleanly."""
    raise KeyboardInterrupt


def _upgrade_in_a_child_process() -> None:
    """Migrate in a short-lived process so the server never holds Alembic in memory."""
    result = subprocess.run([sys.executable, "-m", "mediabox.cli", "db", "upgrade"], check=False)
    if result.returncode != 0:
        raise click.ClickException("database migration failed; see the messages above")
