"""HTTP API: one blueprint per resource under /api/v1."""

from flask import Flask


def register_blueprints(app: Flask) -> None:
    from mediabox.api import auth, meta  # noqa: PLC0415

    for blueprint in (meta.bp, meta.docs_bp, auth.bp):
        app.register_blueprint(blueprint)
