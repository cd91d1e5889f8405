"""Whether a database is already at the migrations' head, checked cheaply in this process (a
regex over the migration scripts and one query), so a launch skips the migration child
process (a second interpreter importing Alembic, about 2-3 s) when there is nothing to do."""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool

from mediabox.infra.db import engine_options, migrations_dir, normalise_database_url

REVISION = re.compile(r"""^revision\s*=\s*["']([^"']+)["']""", re.M)
DOWN_REVISION = re.compile(r"^down_revision\s*=\s*(.+)$", re.M)
QUOTED = re.compile(r"""["']([^"']+)["']""")


def script_heads(directory: str | Path | None = None) -> set[str]:
    """The head revisions of the migration scripts (those no other script builds on)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for script in Path(directory or migrations_dir(), "versions").glob("*.py"):
        source = script.read_text(encoding="utf-8")
        revision = REVISION.search(source)
        if revision:
            revisions.add(revision[1])
        down = DOWN_REVISION.search(source)
        if down:
            parents.update(QUOTED.findall(down[1]))
    return revisions - parents


def database_at_head(database_url: str, directory: str | Path | None = None) -> bool:
    """True when the database's applied revisions are exactly the scripts' heads; any doubt
    (no scripts found, no version table, no connection) answers False, so migrations run."""
    heads = script_heads(directory)
    if not heads:
        return False
    url = normalise_database_url(database_url)
    options = {k: v for k, v in engine_options(url).items() if k == "connect_args"}
    engine = create_engine(url, poolclass=NullPool, **options)
    try:
        with engine.connect() as connection:
            applied = {row[0] for row in connection.execute(text(VERSION_QUERY))}
    except SQLAlchemyError:
        return False
    finally:
        engine.dispose()
    return applied == heads


VERSION_QUERY = "SELECT version_num FROM alembic_version"
