"""Queries for sign-in sessions and their refresh tokens."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from mediabox.domain.models import AuthSession, RefreshToken, User

# Every authenticated request runs this query: built once, with its values bound per call.
_SESSION_WITH_USER = (
    select(AuthSession.revoked_at, User)
    .join(User, User.id == AuthSession.user_id)
    .where(AuthSession.id == bindparam("session_id"), AuthSession.user_id == bindparam("user_id"))
)


class AuthSessionRepository:
    """Sessions (refresh-token families) and refresh tokens; never commits."""

    def __init__(self, session: Session):
        self.session = session

    def get(self, session_id: uuid.UUID) -> AuthSession | None:
        return self.session.get(AuthSession, session_id)

    def add(self, auth_session: AuthSession) -> AuthSession:
        self.session.add(auth_session)
        self.session.flush()
        return auth_session

    def session_with_user(
        self, session_id: uuid.UUID, user_id: uuid.UUID
    ) -> tuple[datetime | None, User] | None:
        """The session's revocation time and its user, in one query."""
        row = self.session.execute(
            _SESSION_WITH_USER, {"session_id": session_id, "user_id": user_id}
        ).first()
        return None if row is None else (row[0], row[1])

    def get_token(self, jti: str, *, for_update: bool = False) -> RefreshToken | None:
        query = select(RefreshToken).where(RefreshToken.jti == jti)
        if for_update:
            query = query.with_for_update()
        return self.session.scalar(query)

    def add_token(self, token: RefreshToken) -> RefreshToken:
        self.session.add(token)
        self.session.flush()
        return token

    def token_used_at(self, jti: str) -> datetime | None:
        """When the token was first used, read afresh (another request may just have used it)."""
        return self.session.scalar(
            select(RefreshToken.used_at)
            .where(RefreshToken.jti == jti)
            .execution_options(populate_existing=True)
        )

    def mark_token_used(self, jti: str, when: datetime) -> bool:
        """Set used_at only if still unused; False when someone else used it first."""
        result = self.session.execute(
            update(RefreshToken)
            .where(RefreshToken.jti == jti, RefreshToken.used_at.is_(None))
            .values(used_at=when)
        )
        return result.rowcount == 1

    def revoke_all_for_user(self, user_id: uuid.UUID, when: datetime, reason: str) -> None:
        self.session.execute(
            update(AuthSession)
            .where(AuthSession.user_id == user_id, AuthSession.revoked_at.is_(None))
            .values(revoked_at=when, revoked_reason=reason)
        )

    def revoke_others_for_user(
        self, user_id: uuid.UUID, keep: uuid.UUID, when: datetime, reason: str
    ) -> None:
        """Revoke every live session of the user except `keep`."""
        self.session.execute(
            update(AuthSession)
            .where(
                AuthSession.user_id == user_id,
                AuthSession.id != keep,
                AuthSession.revoked_at.is_(None),
            )
            .values(revoked_at=when, revoked_reason=reason)
        )
