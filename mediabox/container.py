"""The composition root: builds every service from the config, once per app."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from limits import parse as parse_limit
from sqlalchemy.orm import Session

from mediabox.domain.clock import Clock, system_clock
from mediabox.infra.blobstore import BlobStore, LocalBlobStore, UrlSigner
from mediabox.infra.config import Config
from mediabox.infra.counters import StorageCounters
from mediabox.infra.media.isolation import DecoderPool
from mediabox.infra.passwords import PasswordHasher
from mediabox.infra.queue import JobQueue, build_queue
from mediabox.jobs import processing_enqueuer
from mediabox.repositories.albums import AlbumRepository
from mediabox.repositories.assets import AssetRepository
from mediabox.repositories.auth_sessions import AuthSessionRepository
from mediabox.repositories.health import HealthRepository
from mediabox.repositories.processing import ProcessingRepository
from mediabox.repositories.shares import ShareRepository
from mediabox.repositories.tags import TagRepository
from mediabox.repositories.users import UserRepository
from mediabox.services.albums import AlbumService
from mediabox.services.assets import AssetService
from mediabox.services.auth import AuthService
from mediabox.services.backoff import BackoffPolicy, FailureBackoff
from mediabox.services.health import HealthService
from mediabox.services.media_urls import MediaUrls
from mediabox.services.processing import ProcessingService
from mediabox.services.share_credentials import ShareCredentials
from mediabox.services.share_limits import ShareUnlockGuard
from mediabox.services.shares import ShareService
from mediabox.services.tags import TagService
from mediabox.services.upload_grants import UploadPutGuard
from mediabox.services.uploads import UploadService
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
    media_urls: MediaUrls | None = None
    uploads: UploadService | None = None
    assets: AssetService | None = None
    enqueue_processing: Callable[[uuid.UUID], None] = field(default=lambda _asset_id: None)
    queue: JobQueue | None = None
    processing: ProcessingService | None = None
    albums: AlbumService | None = None
    tags: TagService | None = None
    shares: ShareService | None = None
    upload_put_guard: UploadPutGuard | None = None
    counters: StorageCounters | None = None


def build_blob_store(config: Config, clock: Clock = system_clock) -> BlobStore:
    """S3 when MEDIA_BUCKET is set, else the local store under the data directory."""
    if config.use_s3:
        from mediabox.infra.blobstore.s3 import S3BlobStore

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
    enqueue_processing: Callable[[uuid.UUID], None] | None = None,
    queue: JobQueue | None = None,
    decoder: DecoderPool | None = None,
) -> Container:
    """Wire repositories and services around one (scoped) session."""
    hasher = hasher or PasswordHasher()
    users_repo = UserRepository(session)
    sessions_repo = AuthSessionRepository(session)
    counters = StorageCounters.from_config(config)
    container = Container(
        config=config,
        clock=clock,
        users=UserService(
            session,
            users_repo,
            sessions_repo,
            hasher,
            clock,
            allow_registration=config.allow_registration,
            login_guard=login_guard(config, counters),
        ),
        auth=AuthService(session, sessions_repo, clock, config.jwt_refresh_ttl_seconds),
        health=HealthService(HealthRepository(session)),
        blob_store=blob_store or build_blob_store(config, clock),
    )
    container.counters = counters
    if enqueue_processing is not None:
        container.enqueue_processing = enqueue_processing
    _wire_library(container, session)
    _wire_collections(container, session, hasher)
    _wire_processing(
        container, session, queue, keep_enqueue=enqueue_processing is not None, decoder=decoder
    )
    return container


def login_guard(config: Config, counters: StorageCounters) -> FailureBackoff:
    """Per-account back-off on wrong passwords: `LOGIN_ACCOUNT_RATE_LIMIT` failures are free."""
    limit = parse_limit(config.login_account_rate_limit)
    policy = BackoffPolicy(
        free_failures=max(0, limit.amount - 1), window_seconds=max(60, limit.get_expiry())
    )
    return FailureBackoff(counters, policy, namespace="login")


def _wire_library(container: Container, session: Session) -> None:
    """Uploads and the library; enqueue is looked up on the container at call time."""
    config, clock = container.config, container.clock
    assets_repo = AssetRepository(session)
    container.media_urls = MediaUrls(
        container.blob_store, config.signed_url_ttl_seconds, clock=clock
    )
    container.uploads = UploadService(
        session,
        assets_repo,
        container.blob_store,
        lambda asset_id: container.enqueue_processing(asset_id),
        clock,
        max_upload_size_bytes=config.max_upload_size_bytes,
        multipart_threshold_bytes=config.multipart_threshold_bytes,
        url_ttl_seconds=config.signed_url_ttl_seconds,
        upload_expiry_hours=config.upload_expiry_hours,
    )
    container.upload_put_guard = UploadPutGuard(assets_repo)
    container.assets = AssetService(
        session,
        assets_repo,
        container.blob_store,
        container.media_urls,
        clock,
        trash_retention_days=config.trash_retention_days,
    )


def _wire_collections(container: Container, session: Session, hasher: PasswordHasher) -> None:
    """Albums, tags and share links."""
    config, clock = container.config, container.clock
    albums_repo = AlbumRepository(session)
    container.albums = AlbumService(session, albums_repo, clock)
    container.tags = TagService(session, TagRepository(session), albums_repo, clock)
    container.shares = ShareService(
        session,
        ShareRepository(session),
        albums_repo,
        hasher,
        container.media_urls,
        ShareCredentials(config.jwt_secret, clock),
        clock,
        public_base_url=config.public_base_url,
        unlock_guard=ShareUnlockGuard(container.counters),
    )


def default_decoder(config: Config) -> DecoderPool | None:
    """Media decoding in child processes unless `ISOLATE_DECODING` is off."""
    return DecoderPool(workers=config.decoder_processes) if config.isolate_decoding else None


def _wire_processing(
    container: Container,
    session: Session,
    queue: JobQueue | None,
    *,
    keep_enqueue: bool,
    decoder: DecoderPool | None = None,
) -> None:
    """The job queue (Huey from the config) and media processing of finalized assets."""
    config = container.config
    container.queue = queue or build_queue(config)
    if not keep_enqueue:
        container.enqueue_processing = processing_enqueuer(container.queue)
    container.processing = ProcessingService(
        session,
        ProcessingRepository(session),
        container.blob_store,
        container.clock,
        lambda asset_id: container.enqueue_processing(asset_id),
        work_dir=config.data_dir / "tmp" / "processing",
        lease_seconds=config.processing_lease_seconds,
        queued_jobs=container.queue.pending_count,
        decoder=decoder if decoder is not None else default_decoder(config),
        heartbeat_seconds=max(1, config.processing_lease_seconds / 6),
    )
