"""The `mediabox` command: serve, db, users (and more as they arrive).

A thin argument layer: long-running processes are started through `mediabox.launch`.
"""

from __future__ import annotations

from mediabox.infra.startup_trace import mark

mark("python up")

# ruff: noqa: E402 - the imports below come after the first startup mark
import os

import click

from mediabox.cli.db import db_group
from mediabox.cli.desktop import desktop
from mediabox.cli.importer import import_command
from mediabox.cli.maintenance import trash_group, uploads_group
from mediabox.cli.media import media_group
from mediabox.cli.serve import serve
from mediabox.cli.storage import storage_group
from mediabox.cli.users import users_group
from mediabox.cli.worker import worker
from mediabox.launch import configure_logging


@click.group(invoke_without_command=True)
@click.version_option(package_name="mediabox")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Mediabox: your photos and videos on your own disk or bucket."""
    os.umask(0o077)  # every file Mediabox creates (database, queue, blobs) is the user's only
    configure_logging()
    if ctx.invoked_subcommand is None:
        ctx.invoke(desktop)


main.add_command(desktop)
main.add_command(serve)
main.add_command(db_group)
main.add_command(users_group)
main.add_command(storage_group)
main.add_command(uploads_group)
main.add_command(trash_group)
main.add_command(worker)
main.add_command(media_group)
main.add_command(import_command)
