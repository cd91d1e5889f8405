"""The models and the Alembic migrations agree on this engine (autogenerate finds no diff)."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from mediabox.domain.models import Base
from mediabox.infra.db import normalise_database_url


def test_autogenerate_finds_no_difference(database_url):
    engine = create_engine(normalise_database_url(database_url))
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, Base.metadata)
    engine.dispose()
    assert diff == []


def test_every_entity_has_a_table(database_url):
    engine = create_engine(normalise_database_url(database_url))
    tables = set(inspect(engine).get_table_names())
    engine.dispose()
    assert {
        "users",
        "assets",
        "albums",
        "album_assets",
        "tags",
        "asset_tags",
        "shares",
        "auth_sessions",
        "refresh_tokens",
        "alembic_version",
    } <= tables


def test_sqlite_runs_in_wal_mode_with_foreign_keys(app):
    from mediabox.infra.db import db

    with app.app_context():
        if db.engine.dialect.name != "sqlite":
            assert db.engine.dialect.name == "postgresql"
            return
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
