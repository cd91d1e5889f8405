"""The composition root: builds every service from the config, once per app."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from mediabox.domain.clock import Clock, system_clock
from mediabox.infra.blobstore import BlobStore, LocalBlobStore, S3BlobStore, UrlSigner
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
    blob_store: BlobStore


def build_blob_store(config: Config, clock: Clock = system_clock) -> BlobStore:
    """S3 when MEDIA_BUCKET is set, else the local store under the data directory."""
    if config.use_s3:
        return S3BlobStore(
            config.media_bucket,
            region=config.s3_region,
            endpoint_url=config.s3_endpoint_url or None,
            access_key_id=config.s3_access_key_id or None,
            secret_access_key=config.s3_secret_access_key or None,
            clock=clock,
        )
    return LocalBlobStore(config.blob_root, UrlSigner(config.url_signing_key.encode()), clock=clock)


def build_container(
    config: Config,
    session: Session,
    *,
    clock: Clock = system_clock,
    hasher: PasswordHasher | None = None,
    blob_store: BlobStore | None = None,
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
        blob_store=blob_store or build_blob_store(config, clock),
    )
