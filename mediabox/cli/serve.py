"""`mediabox serve`: the LAN server (arguments only; `mediabox.launch.server` runs it)."""

from __future__ import annotations

import click

from mediabox.cli.context import load_config


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8765, show_default=True, type=int)
@click.option("--threads", default=8, show_default=True, type=int)
@click.option("--no-migrate", is_flag=True, help="Do not apply pending migrations first.")
@click.option(
    "--no-worker", is_flag=True, help="Do not run background jobs here (use `mediabox worker`)."
)
@click.option(
    "--share-port",
    type=int,
    default=None,
    help="Also serve the share gateway (share links only) on this port.",
)
def serve(
    host: str, port: int, threads: int, no_migrate: bool, no_worker: bool, share_port: int | None
) -> None:
    """Serve the API and web app (LAN mode)."""
    from mediabox.launch.server import LaunchError, run_server

    try:
        run_server(
            load_config(),
            host=host,
            port=port,
            threads=threads,
            migrate=not no_migrate,
            worker=not no_worker,
            share_port=share_port,
            echo=click.echo,
        )
    except LaunchError as exc:
        raise click.ClickException(str(exc)) from exc
