"""Access to the composition root and the signed-in user from inside a request."""

from __future__ import annotations

from flask import current_app
from flask_jwt_extended import current_user

from mediabox.container import Container, container_of
from mediabox.infra.config import Config


def container() -> Container:
    """The container of the app serving this request."""
    return container_of(current_app)


def config() -> Config:
    """The configuration of the app serving this request (the container's)."""
    return container_of(current_app).config


def me():
    """The signed-in, active user of this request (after `jwt_required`)."""
    return current_user
