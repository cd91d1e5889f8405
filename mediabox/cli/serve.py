"""`mediabox serve`: the LAN server (arguments only; `mediabox.launch.server` runs it)."""

from __future__ import annotations

from pathlib import Path

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
@click.option(
    "--cert",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Serve HTTPS with this PEM certificate (chain); needs --key.",
)
@click.option(
    "--key",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The PEM private key of --cert.",
)
def serve(
    host: str,
    port: int,
    threads: int,
    no_migrate: bool,
    no_worker: bool,
    share_port: int | None,
    cert: Path | None,
    key: Path | None,
) -> None:
    """Serve the API and web app (LAN mode)."""
    from mediabox.launch.server import LaunchError, run_server
    from mediabox.launch.tls import TlsFiles

    if (cert is None) != (key is None):
        raise click.UsageError("--cert and --key go together.")

    try:
        run_server(
            load_config(),
            host=host,
            port=port,
            threads=threads,
            migrate=not no_migrate,
            worker=not no_worker,
            share_port=share_port,
            tls=TlsFiles(cert, key) if cert is not None and key is not None else None,
            echo=click.echo,
        )
    except LaunchError as exc:
        raise click.ClickException(str(exc)) from exc
