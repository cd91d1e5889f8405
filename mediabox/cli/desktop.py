"""`mediabox desktop` (and `mediabox` with no arguments): the window (arguments only;
`mediabox.launch.desktop` runs it)."""

from __future__ import annotations

import logging
import os
import sys

import click

from mediabox.cli.context import load_config
from mediabox.infra.startup_trace import mark


@click.command("desktop")
@click.option(
    "--no-window", is_flag=True, help="Open the system browser instead of the app window."
)
def desktop(no_window: bool) -> None:
    """Open Mediabox in its own window (the server runs on 127.0.0.1 inside it)."""
    mark("cli imported")
    from mediabox.launch.desktop import run_desktop
    from mediabox.launch.errors import LaunchError

    try:
        code = run_desktop(load_config(), gui=not no_window, echo=click.echo)
    except LaunchError as exc:
        raise click.ClickException(str(exc)) from exc
    # Everything is stopped, checkpointed and flushed by now; skip the interpreter's teardown
    # of Qt WebEngine and the native media libraries, which takes seconds (and Qt's can crash).
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
