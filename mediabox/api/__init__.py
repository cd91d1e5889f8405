"""HTTP API: one blueprint per resource under /api/v1."""

from flask import Flask


def register_blueprints(app: Flask, *, local_blobs: bool) -> None:
    from mediabox.api import albums, auth, blobs, meta, public_shares, shares, tags, timeline
    from mediabox.api import assets as assets_api
    from mediabox.api import jobs as jobs_api
    from mediabox.api import uploads as uploads_api
    from mediabox.api import users as users_api

    for blueprint in (meta.bp, meta.docs_bp, auth.bp, jobs_api.bp):
        app.register_blueprint(blueprint)
    for blueprint in (users_api.bp, users_api.stats_bp):
        app.register_blueprint(blueprint)
    for blueprint in (uploads_api.bp, assets_api.bp, assets_api.trash_bp, timeline.bp):
        app.register_blueprint(blueprint)
    for blueprint in (albums.bp, tags.bp, shares.bp, public_shares.public_bp):
        app.register_blueprint(blueprint)
    if local_blobs:
        app.register_blueprint(blobs.blobs_bp)
