"""The composition root: builds what one app surface needs from the config, once per app.

`build_container(config, surface="full")` returns a `Container` (every service, the job queue
and the enqueue callable); `surface="share"` returns the smaller `ShareContainer` of the share
gateway (the visitor's side of links and the blob store: no queue, no jobs, no owner
services). Every field is set at construction; tests pass their fakes in as arguments.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, overload

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
from mediabox.repositories.stats import StatsRepository
from mediabox.repositories.tags import TagRepository
from mediabox.repositories.timeline import TimelineRepository
from mediabox.repositories.users import UserRepository
from mediabox.services.albums import AlbumService
from mediabox.services.assets import AssetService
from mediabox.services.auth import AuthService
from mediabox.services.backoff import BackoffPolicy, FailureBackoff
from mediabox.services.desktop import DesktopSignInService
from mediabox.services.health import HealthService
from mediabox.services.household import HouseholdService
from mediabox.services.imports import ImportService
from mediabox.services.media_urls import MediaUrls
from mediabox.services.processing import ProcessingService
from mediabox.services.public_shares import PublicShareService
from mediabox.services.share_credentials import ShareCredentials
from mediabox.services.share_limits import ShareUnlockGuard
from mediabox.services.shares import ShareService
from mediabox.services.stats import StatsService
from mediabox.services.tags import TagService
from mediabox.services.timeline import TimelineService
from mediabox.services.upload_cleanup import UploadCleanup
from mediabox.services.upload_grants import UploadPutGuard
from mediabox.services.uploads import UploadService
from mediabox.services.users import UserService
from mediabox.services.zips import ZipService, ZipTickets

if TYPE_CHECKING:
    from flask import Flask

Surface = Literal["full", "share"]
SURFACES: tuple[Surface, ...] = ("full", "share")
EXTENSION = "mediabox"


@dataclass(frozen=True)
class ShareContainer:
    """What the share surface calls into: a visitor's side of links and the blob store."""

    config: Config
    clock: Clock
    blob_store: BlobStore
    media_urls: MediaUrls
    public_shares: PublicShareService


@dataclass(frozen=True)
class Container(ShareContainer):
    """Everything the full app, the CLI and the jobs call into."""

    users: UserService
    auth: AuthService
    health: HealthService
    uploads: UploadService
    upload_put_guard: UploadPutGuard
    imports: ImportService
    upload_cleanup: UploadCleanup
    assets: AssetService
    albums: AlbumService
    tags: TagService
    shares: ShareService
    processing: ProcessingService
    timeline: TimelineService
    household: HouseholdService
    stats: StatsService
    desktop_sign_in: DesktopSignInService
    zips: ZipService
    queue: JobQueue
    enqueue_processing: Callable[[uuid.UUID], None]


def install_container(app: Flask, container: ShareContainer) -> None:
    """Hang the container on its app (once)."""
    if EXTENSION in app.extensions:
        raise RuntimeError("this app already has a container")
    app.extensions[EXTENSION] = container


def container_of(app: Flask) -> Container:
    """The container of `app`: a `Container`, or a `ShareContainer` on a share-surface app
    (which offers only the visitor's side)."""
    try:
        return app.extensions[EXTENSION]
    except KeyError:
        raise RuntimeError("this app has no Mediabox container") from None


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


@overload
def build_container(
    config: Config,
    *,
    surface: Literal["full"] = ...,
    session: Session | None = ...,
    enqueue: Callable[[uuid.UUID], None] | None = ...,
    queue: JobQueue | None = ...,
    clock: Clock = ...,
    hasher: PasswordHasher | None = ...,
    blob_store: BlobStore | None = ...,
    decoder: DecoderPool | None = ...,
) -> Container: ...


@overload
def build_container(
    config: Config,
    *,
    surface: Literal["share"],
    session: Session | None = ...,
    clock: Clock = ...,
    hasher: PasswordHasher | None = ...,
    blob_store: BlobStore | None = ...,
) -> ShareContainer: ...


def build_container(
    config: Config,
    *,
    surface: Surface = "full",
    session: Session | None = None,
    enqueue: Callable[[uuid.UUID], None] | None = None,
    queue: JobQueue | None = None,
    clock: Clock = system_clock,
    hasher: PasswordHasher | None = None,
    blob_store: BlobStore | None = None,
    decoder: DecoderPool | None = None,
) -> ShareContainer:
    """Wire repositories and services around one (scoped) session, for one surface.

    `session` defaults to Flask-SQLAlchemy's scoped session; `queue` to the queue of the
    config and `enqueue` to putting `process_asset` on it; `decoder` to child-process decoding
    unless `ISOLATE_DECODING` is off; the rest to the real thing.
    """
    if surface not in SURFACES:
        raise ValueError(f"unknown surface {surface!r}; expected one of {SURFACES}")
    if session is None:
        from mediabox.infra.db import db

        session = db.session
    hasher = hasher or PasswordHasher()
    blob_store = blob_store or build_blob_store(config, clock)
    counters = StorageCounters.from_config(config)
    media_urls = MediaUrls(blob_store, config.signed_url_ttl_seconds, clock=clock)
    shares_repo, albums_repo = ShareRepository(session), AlbumRepository(session)
    zip_tickets = ZipTickets(config.url_signing_key, clock, config.signed_url_ttl_seconds)
    visitor = PublicShareService(
        session,
        shares_repo,
        albums_repo,
        hasher,
        media_urls,
        ShareCredentials(config.jwt_secret, clock),
        clock,
        zip_tickets=zip_tickets,
        unlock_guard=ShareUnlockGuard(counters),
    )
    if surface == "share":
        if enqueue is not None or queue is not None:
            raise ValueError("the share surface runs no jobs: pass no queue or enqueue")
        return ShareContainer(config, clock, blob_store, media_urls, visitor)

    queue = queue or build_queue(config)
    enqueue = enqueue or processing_enqueuer(queue)
    assets_repo = AssetRepository(session)
    sessions_repo = AuthSessionRepository(session)
    users_repo = UserRepository(session)
    users = UserService(
        session,
        users_repo,
        sessions_repo,
        hasher,
        clock,
        allow_registration=config.allow_registration,
        login_guard=login_guard(config, counters),
    )
    uploads = UploadService(
        session,
        assets_repo,
        blob_store,
        enqueue,
        clock,
        max_upload_size_bytes=config.max_upload_size_bytes,
        multipart_threshold_bytes=config.multipart_threshold_bytes,
        url_ttl_seconds=config.signed_url_ttl_seconds,
        upload_expiry_hours=config.upload_expiry_hours,
    )
    return Container(
        config=config,
        clock=clock,
        blob_store=blob_store,
        media_urls=media_urls,
        public_shares=visitor,
        users=users,
        auth=AuthService(session, sessions_repo, clock, config.jwt_refresh_ttl_seconds),
        health=HealthService(HealthRepository(session)),
        desktop_sign_in=DesktopSignInService(users_repo, clock),
        uploads=uploads,
        upload_put_guard=UploadPutGuard(assets_repo),
        imports=ImportService(session, assets_repo, blob_store, uploads),
        upload_cleanup=UploadCleanup(
            session,
            assets_repo,
            blob_store,
            clock,
            upload_expiry_hours=config.upload_expiry_hours,
        ),
        assets=AssetService(
            session,
            assets_repo,
            blob_store,
            media_urls,
            clock,
            trash_retention_days=config.trash_retention_days,
        ),
        albums=AlbumService(session, albums_repo, clock),
        tags=TagService(session, TagRepository(session), albums_repo, clock),
        shares=ShareService(
            session,
            shares_repo,
            albums_repo,
            hasher,
            clock,
            public_base_url=config.public_share_url or config.public_base_url,
        ),
        processing=ProcessingService(
            session,
            ProcessingRepository(session),
            blob_store,
            clock,
            enqueue,
            work_dir=config.data_dir / "tmp" / "processing",
            lease_seconds=config.processing_lease_seconds,
            queued_jobs=queue.pending_count,
            decoder=decoder if decoder is not None else default_decoder(config),
            heartbeat_seconds=max(1, config.processing_lease_seconds / 6),
        ),
        timeline=TimelineService(assets_repo, TimelineRepository(session), media_urls),
        household=HouseholdService(session, users_repo, sessions_repo, users, clock),
        stats=StatsService(StatsRepository(session)),
        zips=ZipService(session, assets_repo, zip_tickets),
        queue=queue,
        enqueue_processing=enqueue,
    )


def login_guard(config: Config, counters: StorageCounters) -> FailureBackoff:
    """Per-account back-off on wrong passwords: `LOGIN_ACCOUNT_RATE_LIMIT` failures are free."""
    limit = parse_limit(config.login_account_rate_limit)
    policy = BackoffPolicy(
        free_failures=max(0, limit.amount - 1), window_seconds=max(60, limit.get_expiry())
    )
    return FailureBackoff(counters, policy, namespace="login")


def default_decoder(config: Config) -> DecoderPool | None:
    """Media decoding in child processes unless `ISOLATE_DECODING` is off."""
    return DecoderPool(workers=config.decoder_processes) if config.isolate_decoding else None
