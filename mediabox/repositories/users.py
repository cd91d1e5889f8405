"""Queries for users."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mediabox.domain.models import User
from mediabox.repositories.unique import flush_unique


class UserRepository:
    """Every query on `users`; never commits."""

    def __init__(self, session: Session):
        self.session = session

    def get_by_id(self, user_id: uuid.UUID) -> User | None:
        return self.session.get(User, user_id)

    def get_by_email(self, email: str) -> User | None:
        return self.session.scalar(select(User).where(User.email == email))

    def count(self) -> int:
        return self.session.scalar(select(func.count()).select_from(User)) or 0

    def list_all(self) -> list[User]:
        return list(self.session.scalars(select(User).order_by(User.created_at, User.email)))

    def count_active_admins(self) -> int:
        found = select(func.count()).where(User.is_admin.is_(True), User.is_active.is_(True))
        return self.session.scalar(found) or 0

    def first_active_admin(self) -> User | None:
        """The owner of a one-person install: the oldest active admin."""
        found = select(User).where(User.is_admin.is_(True), User.is_active.is_(True))
        return self.session.scalars(found.order_by(User.created_at, User.email).limit(1)).first()

    def add(self, user: User) -> User:
        """Insert; an email registered by a concurrent request is AlreadyExists."""
        self.session.add(user)
        flush_unique(self.session)
        return user
