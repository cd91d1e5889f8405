"""`mediabox uploads cleanup` and `mediabox trash purge`: the periodic clean-ups, on demand."""

from __future__ import annotations

import click

from mediabox.cli.context import load_app
from mediabox.container import container_of


def _run(action):
    app = load_app()
    with app.app_context():
        return action(container_of(app))


@click.group("uploads")
def uploads_group() -> None:
    """Uploads administration."""


@uploads_group.command("cleanup")
def cleanup() -> None:
    """Remove uploads never finalized within UPLOAD_EXPIRY_HOURS (objects and parts too)."""
    removed = _run(lambda c: c.upload_cleanup.cleanup_stale())
    click.echo(f"removed {removed} stale upload(s)")


@click.group("trash")
def trash_group() -> None:
    """Trash administration."""


@trash_group.command("purge")
def purge() -> None:
    """Purge trash older than TRASH_RETENTION_DAYS and retry purges that failed."""
    purged = _run(lambda c: c.assets.purge_expired_trash())
    click.echo(f"purged {purged} asset(s)")
