"""Background jobs: thin task bodies (ids in, an app context, one service call; idempotent).

`register_jobs(app, queue)` binds the tasks to one app under fixed names, so the web process
that enqueues and the worker that runs them agree. `start_consumer` runs them on threads.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING

from huey import crontab

from mediabox.infra.queue import JobQueue, worker_count

if TYPE_CHECKING:
    from flask import Flask
    from huey.consumer import Consumer

    from mediabox.container import Container

log = logging.getLogger(__name__)

PROCESS_ASSET = "process_asset"
RECOVER_STALLED = "recover_stalled"
CLEANUP_UPLOADS = "cleanup_stale_uploads"
PURGE_TRASH = "purge_expired_trash"


def register_jobs(app: Flask, queue: JobQueue) -> None:
    """Register every task of Mediabox on `queue`, running inside `app` (once per queue)."""
    if queue.has_task(PROCESS_ASSET):
        return

    def in_app(call: Callable[[Container], object]) -> None:
        with app.app_context():
            call(app.extensions["mediabox"])

    @queue.task(PROCESS_ASSET)
    def process_asset(asset_id: str) -> None:
        in_app(lambda c: c.processing.process(uuid.UUID(asset_id)))

    @queue.periodic(RECOVER_STALLED, crontab(minute="*"))
    def recover_stalled() -> None:
        in_app(lambda c: c.processing.recover_stalled())

    @queue.periodic(CLEANUP_UPLOADS, crontab(minute="7"))
    def cleanup_stale_uploads() -> None:
        in_app(lambda c: c.uploads.cleanup_stale())

    @queue.periodic(PURGE_TRASH, crontab(hour="3", minute="17"))
    def purge_expired_trash() -> None:
        in_app(lambda c: c.assets.purge_expired_trash())


def processing_enqueuer(queue: JobQueue) -> Callable[[uuid.UUID], None]:
    """The callable services use to ask for an asset to be processed."""

    def enqueue(asset_id: uuid.UUID) -> None:
        queue.enqueue(PROCESS_ASSET, str(asset_id))

    return enqueue


def start_consumer(app: Flask, *, workers: int | None = None, embedded: bool = True) -> Consumer:
    """Start a thread consumer for `app`'s queue; stalled work is looked for at once.

    Embedded consumers (inside `serve`) are started and returned; the caller stops them with
    `consumer.stop(graceful=True)`. A standalone one (`mediabox worker`) is returned unstarted
    for `consumer.run()`, which handles signals.
    """
    container = app.extensions["mediabox"]
    queue: JobQueue = container.queue
    register_jobs(app, queue)
    count = workers or worker_count(container.config)
    consumer = queue.consumer(count, embedded=embedded)
    take_over_if_alone(app, container)
    queue.enqueue(RECOVER_STALLED)
    log.info("job consumer: %d thread(s) on the %s queue", count, queue.backend)
    if embedded:
        consumer.start()
    return consumer


def take_over_if_alone(app: Flask, container: Container) -> bool:
    """Resume at once what a dead predecessor left running, when this consumer is provably
    the only one: the SQLite queue (one machine) and no other consumer on the data dir."""
    from mediabox.infra.instance_lock import ConsumerPresence

    presence = ConsumerPresence(container.config.data_dir).enter()
    app.extensions["mediabox_consumer_presence"] = presence
    if not presence.alone or container.queue.backend != "sqlite":
        return False
    with app.app_context():
        container.processing.take_over_dead_leases()
    return True
