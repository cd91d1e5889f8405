"""Sign-in sessions: refresh-token rotation with replay detection, and revocation."""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from mediabox.domain.clock import Clock
from mediabox.domain.errors import Unauthorized
from mediabox.domain.models import AuthSession, RefreshToken, User
from mediabox.repositories.auth_sessions import AuthSessionRepository
from mediabox.services.refresh_grace import within_reuse_grace


@dataclass(frozen=True)
class IssuedRefresh:
    """What the API needs to mint a refresh JWT: its id, session and expiry."""

    session_id: uuid.UUID
    jti: str
    expires_at: datetime


class AuthService:
    """Keeps the server-side state behind refresh tokens; JWT encoding stays in the API."""

    def __init__(
        self, session: Session, sessions: AuthSessionRepository, clock: Clock, refresh_ttl: int
    ):
        self.session = session
        self.sessions = sessions
        self.clock = clock
        self.refresh_ttl = timedelta(seconds=refresh_ttl)

    def start(self, user: User, user_agent: str = "") -> IssuedRefresh:
        """Open a new session for a user who has just proven who they are."""
        now = self.clock()
        auth_session = self.sessions.add(
            AuthSession(
                user_id=user.id, created_at=now, last_used_at=now, user_agent=user_agent[:300]
            )
        )
        issued = self._issue(auth_session.id, now)
        self.session.commit()
        return issued

    def rotate(self, jti: str, session_id: uuid.UUID, user_id: uuid.UUID) -> IssuedRefresh:
        """Exchange an unused refresh token for a new one; a replay revokes the whole family.

        A token used again within `REFRESH_REUSE_GRACE` (two tabs refreshing at once) gets a
        sibling token in the same session instead.
        """
        now = self.clock()
        token = self.sessions.get_token(jti)
        auth_session = self.sessions.get(session_id)
        if (
            token is None
            or auth_session is None
            or token.session_id != session_id
            or auth_session.user_id != user_id
        ):
            raise Unauthorized("Unknown refresh token.", code="invalid_token")
        if auth_session.revoked_at is not None:
            raise Unauthorized("This session has ended.", code="session_revoked")
        if token.expires_at <= now:
            raise Unauthorized("The refresh token has expired.", code="token_expired")
        if token.used_at is not None or not self.sessions.mark_token_used(jti, now):
            if within_reuse_grace(self.sessions.token_used_at(jti), now):
                auth_session.last_used_at = now
                issued = self._issue(session_id, now)  # two tabs refreshing at once
                self.session.commit()
                return issued
            auth_session.revoked_at = now
            auth_session.revoked_reason = "refresh_replayed"
            self.session.commit()
            raise Unauthorized(
                "This refresh token was already used; the session has been ended.",
                code="token_reused",
            )
        auth_session.last_used_at = now
        issued = self._issue(session_id, now)
        self.session.commit()
        return issued

    def end(self, session_id: uuid.UUID, user_id: uuid.UUID) -> None:
        """Sign out: revoke the session (idempotent)."""
        auth_session = self.sessions.get(session_id)
        if auth_session is not None and auth_session.user_id == user_id:
            if auth_session.revoked_at is None:
                auth_session.revoked_at = self.clock()
                auth_session.revoked_reason = "logout"
            self.session.commit()

    def resolve(self, session_id: uuid.UUID, user_id: uuid.UUID) -> tuple[bool, User | None]:
        """For an access token: is its session live, and who is its (active) user?"""
        found = self.sessions.session_with_user(session_id, user_id)
        if found is None:
            return False, None
        revoked_at, user = found
        return revoked_at is None, user if user.is_active else None

    def _issue(self, session_id: uuid.UUID, now: datetime) -> IssuedRefresh:
        token = RefreshToken(
            jti=secrets.token_urlsafe(24),
            session_id=session_id,
            issued_at=now,
            expires_at=now + self.refresh_ttl,
        )
        self.sessions.add_token(token)
        return IssuedRefresh(session_id=session_id, jti=token.jti, expires_at=token.expires_at)
