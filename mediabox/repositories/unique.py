"""Uniqueness races, translated once: a repository write that loses one raises AlreadyExists."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from mediabox.domain.errors import AlreadyExists


def flush_unique(session: Session) -> None:
    """Flush pending writes; a broken uniqueness constraint (a concurrent request stored the
    same row first) becomes `AlreadyExists`. The caller rolls back."""
    try:
        session.flush()
    except IntegrityError as exc:
        raise AlreadyExists() from exc
