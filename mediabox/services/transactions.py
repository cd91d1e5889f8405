"""Committing a unit of work that may lose a uniqueness race to a concurrent request."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.orm import Session

from mediabox.domain.errors import AlreadyExists

T = TypeVar("T")


def commit_retrying_race(session: Session, work: Callable[[], T]) -> T:
    """Run `work` and commit; if a repository reports `AlreadyExists` (another request won a
    uniqueness race), roll back and run it once more, when it sees the winner's rows."""
    for attempt in range(2):
        try:
            result = work()
            session.commit()
            return result
        except AlreadyExists:
            session.rollback()
            if attempt:
                raise
    raise AssertionError("unreachable")
