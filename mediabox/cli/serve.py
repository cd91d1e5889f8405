"""`mediabox serve`: the LAN server on waitress (threaded)."""

from __future__ import annotations

import click
import flask_migrate

from mediabox.cli.context import load_app, load_config


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8765, show_default=True, type=int)
@click.option("--threads", default=8, show_default=True, type=int)
@click.option("--no-migrate", is_flag=True, help="Do not apply pending migrations first.")
def serve(host: str, port: int, threads: int, no_migrate: bool) -> None:
    """Serve the API and web app (LAN mode)."""
    from waitress import serve as waitress_serve

    config = load_config()
    app = load_app(config)
    if not no_migrate:
        with app.app_context():
            flask_migrate.upgrade()
    click.echo(f"Mediabox {config.app_env} — data in {config.data_dir}")
    click.echo(f"Serving on http://{host}:{port}/  (Ctrl+C to stop)", err=False)
    waitress_serve(
        app,
        host=host,
        port=port,
        threads=threads,
        max_request_body_size=1 << 62,
        channel_timeout=300,
        ident="mediabox",
    )
