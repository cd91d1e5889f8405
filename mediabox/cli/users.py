"""`mediabox users create|list|set-password|disable|enable`."""

from __future__ import annotations

import click

from mediabox.cli.context import load_app
from mediabox.container import container_of
from mediabox.domain.errors import DomainError


def _run(action):
    app = load_app()
    with app.app_context():
        try:
            return action(container_of(app))
        except DomainError as exc:
            raise click.ClickException(exc.message) from exc


@click.group("users")
def users_group() -> None:
    """Manage accounts."""


@users_group.command("create")
@click.argument("email")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@click.option("--name", "display_name", default="")
@click.option("--admin", is_flag=True, help="Make the account an administrator.")
def create(email: str, password: str, display_name: str, admin: bool) -> None:
    """Create an account."""
    user = _run(lambda c: c.users.create_user(email, password, display_name, is_admin=admin))
    click.echo(f"created {user.email} ({'admin' if user.is_admin else 'user'}) id={user.id}")


@users_group.command("list")
def list_users() -> None:
    """List accounts."""
    for user in _run(lambda c: c.users.list_users()):
        flags = ",".join(
            f for f, on in (("admin", user.is_admin), ("disabled", not user.is_active)) if on
        )
        click.echo(f"{user.id}  {user.email}  {user.display_name}  {flags}".rstrip())


@users_group.command("set-password")
@click.argument("email")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
def set_password(email: str, password: str) -> None:
    """Set a new password (ends the user's sessions)."""
    _run(lambda c: c.users.set_password(email, password))
    click.echo(f"password changed for {email}")


@users_group.command("disable")
@click.argument("email")
def disable(email: str) -> None:
    """Disable an account (ends its sessions)."""
    _run(lambda c: c.users.set_active(email, False))
    click.echo(f"disabled {email}")


@users_group.command("enable")
@click.argument("email")
def enable(email: str) -> None:
    """Re-enable a disabled account."""
    _run(lambda c: c.users.set_active(email, True))
    click.echo(f"enabled {email}")
