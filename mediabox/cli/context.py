"""Builds the app for CLI commands, reporting configuration errors as plain messages."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from mediabox.infra.config import Config, ConfigError

if TYPE_CHECKING:
    from flask import Flask


def load_config() -> Config:
    try:
        return Config.from_env()
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from exc


def load_app(config: Config | None = None) -> Flask:
    from mediabox.app import create_app

    return create_app(config or load_config())
