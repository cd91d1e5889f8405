"""Background jobs: thin task bodies (ids in, an app context, one service call; idempotent).

`register_jobs(queue, run)` binds the tasks under fixed names, so the web process that
enqueues and the worker that runs them agree; `run` opens the app context and hands the task
the app's services (the app factory provides it, so this module knows nothing of the
container). `start_consumer` runs the tasks on threads.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from huey import crontab

from mediabox.infra.config import Config
from mediabox.infra.instance_lock import ConsumerPresence
from mediabox.infra.queue import JobQueue, worker_count

if TYPE_CHECKING:
    from huey.consumer import Consumer

    from mediabox.services.assets import AssetService
    from mediabox.services.processing import ProcessingService
    from mediabox.services.upload_cleanup import UploadCleanup

log = logging.getLogger(__name__)

PROCESS_ASSET = "process_asset"
RECOVER_STALLED = "recover_stalled"
CLEANUP_UPLOADS = "cleanup_stale_uploads"
PURGE_TRASH = "purge_expired_trash"


class JobServices(Protocol):
    """The services task bodies call (the app's container has them)."""

    processing: ProcessingService
    upload_cleanup: UploadCleanup
    assets: AssetService


RunInApp = Callable[[Callable[[JobServices], object]], None]


def register_jobs(queue: JobQueue, run: RunInApp) -> None:
    """Register every task of Mediabox on `queue` (once per queue); `run` calls into the app."""
    if queue.has_task(PROCESS_ASSET):
        return

    @queue.task(PROCESS_ASSET)
    def process_asset(asset_id: str) -> None:
        run(lambda s: s.processing.process(uuid.UUID(asset_id)))

    @queue.periodic(RECOVER_STALLED, crontab(minute="*"))
    def recover_stalled() -> None:
        run(lambda s: s.processing.recover_stalled())

    @queue.periodic(CLEANUP_UPLOADS, crontab(minute="7"))
    def cleanup_stale_uploads() -> None:
        run(lambda s: s.upload_cleanup.cleanup_stale())

    @queue.periodic(PURGE_TRASH, crontab(hour="3", minute="17"))
    def purge_expired_trash() -> None:
        run(lambda s: s.assets.purge_expired_trash())


def processing_enqueuer(queue: JobQueue) -> Callable[[uuid.UUID], None]:
    """The callable services use to ask for an asset to be processed."""

    def enqueue(asset_id: uuid.UUID) -> None:
        queue.enqueue(PROCESS_ASSET, str(asset_id))

    return enqueue


def start_consumer(
    queue: JobQueue,
    config: Config,
    *,
    run: RunInApp | None = None,
    workers: int | None = None,
    embedded: bool = True,
) -> Consumer:
    """Start a thread consumer for `queue` (its tasks registered); stalled work is looked for
    at once. With `run` (the app's job runner), work a dead predecessor left running on this
    data directory is resumed at once (`take_over_if_alone`).

    Embedded consumers (inside `serve`) are started and returned; the caller stops them with
    `consumer.stop(graceful=True)`. A standalone one (`mediabox worker`) is returned unstarted
    for `consumer.run()`, which handles signals.
    """
    if not queue.has_task(PROCESS_ASSET):
        raise RuntimeError("register the jobs on this queue first (the app factory does)")
    count = workers or worker_count(config)
    consumer = queue.consumer(count, embedded=embedded)
    if run is not None:
        consumer.mediabox_presence, _ = take_over_if_alone(queue, config, run)
    queue.enqueue(RECOVER_STALLED)
    log.info("job consumer: %d thread(s) on the %s queue", count, queue.backend)
    if embedded:
        consumer.start()
    return consumer


def take_over_if_alone(
    queue: JobQueue, config: Config, run: RunInApp
) -> tuple[ConsumerPresence, bool]:
    """Resume at once what a dead predecessor left running, when this consumer is provably
    the only one: the SQLite queue (one machine) and no other consumer on the data dir.

    Returns the presence (held while this consumer lives) and whether work was taken over.
    """
    presence = ConsumerPresence(config.data_dir).enter()
    if not presence.alone or queue.backend != "sqlite":
        return presence, False
    run(lambda services: services.processing.take_over_dead_leases())
    return presence, True
