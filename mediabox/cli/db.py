"""`mediabox db upgrade|current|revision`. Alembic (flask_migrate) is imported inside the
commands: every other command, the desktop and `serve` included, starts without it."""

from __future__ import annotations

import click

from mediabox.cli.context import load_app
from mediabox.infra.db import upgrade_database, with_migrations


@click.group("db")
def db_group() -> None:
    """Database migrations (Alembic)."""


@db_group.command("upgrade")
@click.argument("revision", default="head")
def upgrade(revision: str) -> None:
    """Apply migrations up to REVISION (default: head)."""
    upgrade_database(load_app(), revision)
    click.echo(f"database at {revision}")


@db_group.command("current")
def current() -> None:
    """Show the applied revision."""
    import flask_migrate

    app = with_migrations(load_app())
    with app.app_context():
        flask_migrate.current()


@db_group.command("revision")
@click.option("-m", "--message", required=True)
def revision(message: str) -> None:
    """Autogenerate a new migration from the models (developers)."""
    import flask_migrate

    app = with_migrations(load_app())
    with app.app_context():
        flask_migrate.migrate(message=message)
