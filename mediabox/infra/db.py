"""The Flask-SQLAlchemy extension and engine settings (SQLite: WAL, foreign keys)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import event

from mediabox.domain.models import Base

db = SQLAlchemy(model_class=Base, session_options={"expire_on_commit": False})


def normalise_database_url(url: str) -> str:
    """Use psycopg 3 for plain `postgres://` / `postgresql://` URLs."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


def engine_options(url: str) -> dict:
    if url.startswith("sqlite"):
        return {"connect_args": {"timeout": 30, "check_same_thread": False}}
    return {"pool_pre_ping": True, "pool_size": 10, "max_overflow": 20}


def configure_engine(engine) -> None:
    """Attach the SQLite pragmas to an engine (idempotent); other engines are left alone."""
    if engine.dialect.name == "sqlite" and not event.contains(engine, "connect", _sqlite_pragmas):
        event.listen(engine, "connect", _sqlite_pragmas)


def _sqlite_pragmas(dbapi_connection, _record):
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def migrations_dir() -> str:
    """The Alembic folder: packaged as `mediabox.migrations`, or `migrations/` in a checkout."""
    spec = importlib.util.find_spec("mediabox.migrations")
    if spec is not None and spec.submodule_search_locations:
        return str(next(iter(spec.submodule_search_locations)))
    return str(Path(__file__).resolve().parents[2] / "migrations")


def upgrade_database(app, revision: str = "head") -> None:
    """Apply migrations. Alembic is loaded only here, so a serving process never carries it."""
    import flask_migrate

    with_migrations(app)
    with app.app_context():
        flask_migrate.upgrade(revision=revision)


def with_migrations(app):
    """Attach Flask-Migrate to `app` (once) for the migration commands."""
    from flask_migrate import Migrate

    if "migrate" not in app.extensions:
        Migrate(app, db, directory=migrations_dir(), render_as_batch=True, compare_type=True)
    return app


def checkpoint_sqlite(engine) -> None:
    """Fold SQLite's write-ahead log into the database file (on a clean exit); no-op elsewhere."""
    if engine.dialect.name != "sqlite":
        return
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
