"""Count the SQL statements an engine sends (SQLAlchemy's `before_cursor_execute` event)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event
from sqlalchemy.engine import Engine


@contextmanager
def sql_statements(engine: Engine) -> Iterator[list[tuple[str, object]]]:
    """Collect (text, parameters) of every statement `engine` executes inside the block."""
    statements: list[tuple[str, object]] = []

    def record(_conn, _cursor, statement, parameters, _context, _executemany):
        statements.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


def app_engine(app) -> Engine:
    """The engine of a Mediabox app (Flask-SQLAlchemy's, one per app)."""
    from mediabox.infra.db import db

    with app.app_context():
        return db.engine
