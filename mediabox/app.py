"""The application factory: wires extensions, blueprints and the container; no work at import.

One factory, two surfaces. `full` is the library: the owner's API, docs, jobs. `share` is the
share gateway: only what a friend's browser needs for a link (SPEC §4b), with no queue, jobs,
sign-in or owner services behind it. A new surface is a blueprint list in `mediabox.api`
and a container shape in `mediabox.container`.
"""

from __future__ import annotations

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


def create_app(config: Config | None = None, *, surface: str = "full", **container_args) -> Flask:
    """Build a Flask app of `surface` ("full" or "share") for `config` (default: the environment).

    `container_args` go to `build_container` (tests pass their fakes in: `enqueue`, `queue`,
    `blob_store`, `hasher`, `clock`).
    """
    from mediabox.api import SURFACES, register_blueprints
    from mediabox.api.errors import register_error_handlers
    from mediabox.api.host_guard import install_host_guard
    from mediabox.api.json import OrjsonProvider
    from mediabox.api.limits import install_limiter
    from mediabox.api.security import install_security
    from mediabox.api.spa import install_spa
    from mediabox.api.tokens import configure_jwt
    from mediabox.container import build_container, container_of, install_container
    from mediabox.jobs import register_jobs

    if surface not in SURFACES:
        raise ValueError(f"unknown surface {surface!r}; expected one of {sorted(SURFACES)}")
    config = config or Config.from_env()
    make_private_dir(config.data_dir)
    database_url = normalise_database_url(config.database_url)
    make_private_sqlite(database_url)

    app = Flask("mediabox", static_folder=None)
    app.config.update(
        SECRET_KEY=config.jwt_secret,
        SQLALCHEMY_DATABASE_URI=database_url,
        SQLALCHEMY_ENGINE_OPTIONS=engine_options(database_url),
        MAX_CONTENT_LENGTH=config.max_json_body_bytes,
        JSON_SORT_KEYS=False,
    )
    app.json = OrjsonProvider(app)

    db.init_app(app)
    with app.app_context():
        configure_engine(db.engine)
    if surface == "full":
        configure_jwt(app, config)
    # after the JWT manager's own handlers, so ours win
    register_error_handlers(app, hide_methods=surface == "share")
    install_security(app, config)
    install_host_guard(app, config)
    register_blueprints(app, surface=surface, local_blobs=not config.use_s3)
    if surface == "full":
        install_spa(app, config.static_dir)
    if config.trusted_proxy_hops > 0:
        hops = config.trusted_proxy_hops
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    install_limiter(app, config)
    install_container(app, build_container(config, surface=surface, **container_args))
    if surface == "full":
        register_jobs(container_of(app).queue, job_runner(app))
    return app


def job_runner(app: Flask):
    """Run a job body inside `app`'s context with its container (see `mediabox.jobs`)."""
    from mediabox.container import container_of

    def run_in_app(call) -> None:
        with app.app_context():
            call(container_of(app))

    return run_in_app
