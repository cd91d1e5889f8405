"""Access to the composition root and the signed-in user from inside a request."""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask import current_app
from flask_jwt_extended import current_user

if TYPE_CHECKING:
    from mediabox.container import Container


def container() -> Container:
    return current_app.extensions["mediabox"]


def me():
    """The signed-in, active user of this request (after `jwt_required`)."""
    return current_user
