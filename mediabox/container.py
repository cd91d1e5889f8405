"""The composition root: builds every service from the config, once per app."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from mediabox.domain.clock import Clock, system_clock
from mediabox.infra.config import Config
from mediabox.infra.passwords import PasswordHasher
from mediabox.repositories.auth_sessions import AuthSessionRepository
from mediabox.repositories.health import HealthRepository
from mediabox.repositories.users import UserRepository
from mediabox.services.auth import AuthService
from mediabox.services.health import HealthService
from mediabox.services.users import UserService


@dataclass
class Container:
    """Everything the API, the CLI and the jobs call into."""

    config: Config
    clock: Clock
    users: UserService
    auth: AuthService
    health: HealthService


def build_container(
    config: Config,
    session: Session,
    *,
    clock: Clock = system_clock,
    hasher: PasswordHasher | None = None,
) -> Container:
    """Wire repositories and services around one (scoped) session."""
    hasher = hasher or PasswordHasher()
    users_repo = UserRepository(session)
    sessions_repo = AuthSessionRepository(session)
    return Container(
        config=config,
        clock=clock,
        users=UserService(
            session,
            users_repo,
            sessions_repo,
            hasher,
            clock,
            allow_registration=config.allow_registration,
        ),
        auth=AuthService(session, sessions_repo, clock, config.jwt_refresh_ttl_seconds),
        health=HealthService(HealthRepository(session)),
    )
