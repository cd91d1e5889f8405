"""Accounts: registration, sign-in checks and administration."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy.orm import Session

from mediabox.domain.clock import Clock
from mediabox.domain.errors import (
    AlreadyExists,
    Conflict,
    Forbidden,
    NotFound,
    Unauthorized,
    ValidationFailed,
)
from mediabox.domain.models import User
from mediabox.infra.passwords import PasswordHasher
from mediabox.repositories.auth_sessions import AuthSessionRepository
from mediabox.repositories.users import UserRepository
from mediabox.services.backoff import FailureBackoff

MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 1024
LOCALES = ("en", "ru")


def normalise_email(email: str) -> str:
    return email.strip().lower()


@dataclass(frozen=True)
class SetupState:
    """Whether the server still needs its first account, and whether sign-up is accepted."""

    setup_required: bool
    registration_open: bool


class UserService:
    """Creates accounts, checks credentials and manages users; each method is one transaction."""

    def __init__(
        self,
        session: Session,
        users: UserRepository,
        auth_sessions: AuthSessionRepository,
        hasher: PasswordHasher,
        clock: Clock,
        *,
        allow_registration: bool,
        login_guard: FailureBackoff | None = None,
    ):
        self.session = session
        self.users = users
        self.auth_sessions = auth_sessions
        self.hasher = hasher
        self.clock = clock
        self.allow_registration = allow_registration
        self.login_guard = login_guard

    def register(self, email: str, password: str, display_name: str = "") -> User:
        """Open registration: the first account becomes admin; later ones need the setting."""
        if self.users.count() > 0 and not self.allow_registration:
            raise Forbidden("Registration is closed on this server.", code="registration_closed")
        if self.users.count() > 0 and self.users.get_by_email(normalise_email(email)):
            return self._unsaved_lookalike(email, password, display_name)
        try:
            return self._create(email, password, display_name, is_admin=self.users.count() == 0)
        except Conflict:
            return self._unsaved_lookalike(email, password, display_name)

    def _unsaved_lookalike(self, email: str, password: str, display_name: str) -> User:
        """Public registration answers a taken email like a new one, after the same work, so
        it cannot tell anyone which addresses have accounts; nothing is stored or changed."""
        _check_password(password)
        self.hasher.hash(password)
        email = normalise_email(email)
        return User(
            id=uuid.uuid4(),
            email=email,
            display_name=display_name.strip() or email.split("@", 1)[0],
            is_admin=False,
            is_active=True,
        )

    def setup_state(self) -> SetupState:
        """First run (no account yet) and whether `register` would accept a new account now."""
        empty = self.users.count() == 0
        return SetupState(setup_required=empty, registration_open=empty or self.allow_registration)

    def create_user(
        self, email: str, password: str, display_name: str = "", *, is_admin: bool = False
    ) -> User:
        """Administrative creation (CLI); the first account is always admin."""
        return self._create(
            email, password, display_name, is_admin=is_admin or self.users.count() == 0
        )

    def _create(self, email: str, password: str, display_name: str, *, is_admin: bool) -> User:
        _check_password(password)
        email = normalise_email(email)
        if self.users.get_by_email(email):
            raise Conflict("An account with this email already exists.", code="email_taken")
        user = User(
            email=email,
            display_name=display_name.strip() or email.split("@", 1)[0],
            password_hash=self.hasher.hash(password),
            is_admin=is_admin,
            is_active=True,
        )
        try:
            self.users.add(user)
        except AlreadyExists as exc:
            self.session.rollback()
            raise Conflict(
                "An account with this email already exists.", code="email_taken"
            ) from exc
        self.session.commit()
        return user

    def authenticate(self, email: str, password: str, *, client: str = "") -> User:
        """Return the user for valid credentials; unknown email and wrong password look alike.

        Wrong passwords back off per account (`login_guard`); `client` is the caller's bucket.
        """
        email = normalise_email(email)
        if self.login_guard is not None:
            self.login_guard.check(email, client)
        user = self.users.get_by_email(email)
        if user is None:
            self.hasher.burn(password)
        if user is None or not self.hasher.verify(user.password_hash, password):
            if self.login_guard is not None:
                self.login_guard.failed(email, client)
            raise Unauthorized("Wrong email or password.", code="invalid_credentials")
        if not user.is_active:
            raise Unauthorized("This account is disabled.", code="account_disabled")
        if self.hasher.needs_rehash(user.password_hash):
            user.password_hash = self.hasher.hash(password)
            self.session.commit()
        return user

    def get_active(self, user_id: uuid.UUID) -> User | None:
        user = self.users.get_by_id(user_id)
        return user if user is not None and user.is_active else None

    def list_users(self) -> list[User]:
        return self.users.list_all()

    def set_password(self, email: str, password: str) -> User:
        """Change a password and end every session of that user."""
        _check_password(password)
        user = self._require(email)
        user.password_hash = self.hasher.hash(password)
        self.auth_sessions.revoke_all_for_user(user.id, self.clock(), "password_changed")
        self.session.commit()
        return user

    def set_active(self, email: str, active: bool) -> User:
        """Disable (ending every session) or re-enable an account."""
        user = self._require(email)
        user.is_active = active
        if not active:
            self.auth_sessions.revoke_all_for_user(user.id, self.clock(), "disabled")
        self.session.commit()
        return user

    def update_profile(
        self, user: User, *, display_name: str | None = None, locale: str | None = None
    ) -> User:
        """The signed-in user's own display name and interface language."""
        if locale is not None:
            if locale not in LOCALES:
                raise ValidationFailed(f"locale must be one of {', '.join(LOCALES)}.")
            user.locale = locale
        if display_name is not None:
            user.display_name = display_name.strip() or user.email.split("@", 1)[0]
        user.updated_at = self.clock()
        self.session.commit()
        return user

    def change_password(
        self, user: User, current_password: str, new_password: str, *, keep_session: uuid.UUID
    ) -> None:
        """Check the current password, set the new one and end every other session."""
        if not self.hasher.verify(user.password_hash, current_password):
            raise ValidationFailed("The current password is wrong.", code="wrong_password")
        _check_password(new_password)
        user.password_hash = self.hasher.hash(new_password)
        user.updated_at = self.clock()
        self.auth_sessions.revoke_others_for_user(
            user.id, keep_session, self.clock(), "password_changed"
        )
        self.session.commit()

    def _require(self, email: str) -> User:
        user = self.users.get_by_email(normalise_email(email))
        if user is None:
            raise NotFound(f"No account with email {email!r}.", code="user_not_found")
        return user


def _check_password(password: str) -> None:
    if not (MIN_PASSWORD_LENGTH <= len(password) <= MAX_PASSWORD_LENGTH):
        raise ValidationFailed(
            f"Password must be {MIN_PASSWORD_LENGTH}–{MAX_PASSWORD_LENGTH} characters long.",
            code="weak_password",
        )
