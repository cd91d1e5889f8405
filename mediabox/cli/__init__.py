"""The `mediabox` command: serve, db, users (and more as they arrive).

A thin argument layer: long-running processes are started through `mediabox.launch`. Each
command's module is imported only when that command runs (or help lists it), so the desktop
window, the default command, starts without loading what the other commands need.
"""

from __future__ import annotations

import importlib
import os

from mediabox.infra.startup_trace import mark

mark("python up")

import click  # noqa: E402 - after the first startup mark

from mediabox.launch import configure_logging  # noqa: E402

# name: (module, attribute); help lists them sorted, as click does
COMMANDS = {
    "desktop": ("mediabox.cli.desktop", "desktop"),
    "serve": ("mediabox.cli.serve", "serve"),
    "db": ("mediabox.cli.db", "db_group"),
    "users": ("mediabox.cli.users", "users_group"),
    "storage": ("mediabox.cli.storage", "storage_group"),
    "uploads": ("mediabox.cli.maintenance", "uploads_group"),
    "trash": ("mediabox.cli.maintenance", "trash_group"),
    "worker": ("mediabox.cli.worker", "worker"),
    "media": ("mediabox.cli.media", "media_group"),
    "import": ("mediabox.cli.importer", "import_command"),
}


class LazyGroup(click.Group):
    """A group whose commands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module, attribute = COMMANDS[cmd_name]
        return getattr(importlib.import_module(module), attribute)


@click.group(cls=LazyGroup, invoke_without_command=True)
@click.version_option(package_name="mediabox")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Mediabox: your photos and videos on your own disk or bucket."""
    os.umask(0o077)  # every file Mediabox creates (database, queue, blobs) is the user's only
    configure_logging()
    if ctx.invoked_subcommand is None:
        ctx.invoke(main.get_command(ctx, "desktop"))
