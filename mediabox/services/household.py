"""The household: an admin lists, adds, disables and promotes the accounts of this server."""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from mediabox.domain.clock import Clock
from mediabox.domain.errors import Conflict, Forbidden, NotFound
from mediabox.domain.models import User
from mediabox.repositories.auth_sessions import AuthSessionRepository
from mediabox.repositories.users import UserRepository
from mediabox.services.users import UserService


class HouseholdService:
    """Account administration for admins only (anyone else gets Forbidden).

    The server always keeps at least one active admin: disabling or demoting the last one is
    a Conflict. Disabling an account ends all of its sessions at once.
    """

    def __init__(
        self,
        session: Session,
        users: UserRepository,
        auth_sessions: AuthSessionRepository,
        accounts: UserService,
        clock: Clock,
    ):
        self.session = session
        self.users = users
        self.auth_sessions = auth_sessions
        self.accounts = accounts
        self.clock = clock

    def list_members(self, actor: User) -> list[User]:
        """Every account, oldest first."""
        _require_admin(actor)
        return self.users.list_all()

    def add_member(
        self, actor: User, email: str, password: str, display_name: str = "", *, is_admin: bool
    ) -> User:
        """Create an account (whatever the registration setting)."""
        _require_admin(actor)
        return self.accounts.create_user(email, password, display_name, is_admin=is_admin)

    def update_member(
        self,
        actor: User,
        user_id: uuid.UUID,
        *,
        is_active: bool | None = None,
        is_admin: bool | None = None,
        display_name: str | None = None,
    ) -> User:
        """Enable/disable, promote/demote or rename an account."""
        _require_admin(actor)
        user = self.users.get_by_id(user_id)
        if user is None:
            raise NotFound("User not found.", code="user_not_found")
        loses_admin = user.is_admin and user.is_active and (is_active is False or is_admin is False)
        if loses_admin and self.users.count_active_admins() <= 1:
            raise Conflict(
                "This is the last active admin; make someone else admin first.",
                code="last_admin",
            )
        now = self.clock()
        if is_admin is not None:
            user.is_admin = is_admin
        if display_name is not None:
            user.display_name = display_name.strip() or user.email.split("@", 1)[0]
        if is_active is not None and is_active != user.is_active:
            user.is_active = is_active
            if not is_active:
                self.auth_sessions.revoke_all_for_user(user.id, now, "disabled")
        user.updated_at = now
        self.session.commit()
        return user


def _require_admin(actor: User) -> None:
    if not actor.is_admin:
        raise Forbidden("Only an admin can manage the household.", code="admin_only")
