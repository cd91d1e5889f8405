"""The application factory: wires extensions, blueprints and the container; no work at import."""

from __future__ import annotations

import logging

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from mediabox.infra.config import Config
from mediabox.infra.db import (
    configure_engine,
    db,
    engine_options,
    normalise_database_url,
)
from mediabox.infra.private_files import make_private_dir, make_private_sqlite


def create_app(config: Config | None = None, **container_overrides) -> Flask:
    """Build a Flask app for `config` (default: the environment)."""
    from mediabox.api import register_blueprints
    from mediabox.api.errors import register_error_handlers
    from mediabox.api.host_guard import install_host_guard
    from mediabox.api.json import OrjsonProvider
    from mediabox.api.limits import install_limiter
    from mediabox.api.security import install_security
    from mediabox.api.tokens import configure_jwt
    from mediabox.container import build_container
    from mediabox.jobs import register_jobs

    config = config or Config.from_env()
    make_private_dir(config.data_dir)
    database_url = normalise_database_url(config.database_url)
    make_private_sqlite(database_url)

    app = Flask("mediabox", static_folder=None)
    app.config.update(
        MEDIABOX=config,
        SECRET_KEY=config.jwt_secret,
        SQLALCHEMY_DATABASE_URI=database_url,
        SQLALCHEMY_ENGINE_OPTIONS=engine_options(database_url),
        MAX_CONTENT_LENGTH=config.max_json_body_bytes,
        JSON_SORT_KEYS=False,
    )
    app.json = OrjsonProvider(app)
    logging.basicConfig(level=logging.INFO)

    db.init_app(app)
    with app.app_context():
        configure_engine(db.engine)
    configure_jwt(app, config)
    register_error_handlers(app)
    install_security(app, config)
    install_host_guard(app, config)
    register_blueprints(app, local_blobs=not config.use_s3)
    if config.trusted_proxy_hops > 0:
        hops = config.trusted_proxy_hops
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    install_limiter(app, config)
    app.extensions["mediabox"] = build_container(config, db.session, **container_overrides)
    register_jobs(app, app.extensions["mediabox"].queue)
    return app
