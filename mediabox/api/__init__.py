"""HTTP API: one blueprint per resource under /api/v1."""

from flask import Flask


def register_blueprints(app: Flask, *, local_blobs: bool) -> None:
    from mediabox.api import auth, blobs, meta

    for blueprint in (meta.bp, meta.docs_bp, auth.bp):
        app.register_blueprint(blueprint)
    if local_blobs:
        app.register_blueprint(blobs.blobs_bp)
