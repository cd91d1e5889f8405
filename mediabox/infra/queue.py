"""The job queue: Huey built from the config, and its consumer (threads).

`SqliteHuey` in the data directory by default, `RedisHuey` when `REDIS_URL` is set. Nothing
happens at import: `build_queue(config)` builds the Huey instance, `mediabox.jobs` registers
the tasks on it under fixed names, so a web process and a separate worker agree on them.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from typing import Any

from huey import Huey, RedisHuey, SqliteHuey
from huey.consumer import Consumer

from mediabox.infra.config import Config

log = logging.getLogger(__name__)

QUEUE_NAME = "mediabox"
QUEUE_FILENAME = "queue.sqlite3"


class EmbeddedConsumer(Consumer):
    """A consumer started beside another server: threads only, no signal handlers."""

    def _set_signal_handlers(self) -> None:
        return None


class JobQueue:
    """A Huey instance and the tasks registered on it, enqueued by name."""

    def __init__(self, huey: Huey):
        self.huey = huey
        self._tasks: dict[str, Any] = {}

    @property
    def backend(self) -> str:
        return "redis" if isinstance(self.huey, RedisHuey) else "sqlite"

    def task(self, name: str, **options) -> Callable:
        """Register a task under `name` (the same name in every process)."""

        def decorate(func: Callable) -> Callable:
            wrapper = self.huey.task(name=name, **options)(func)
            self._tasks[name] = wrapper
            return wrapper

        return decorate

    def periodic(self, name: str, schedule: Callable, **options) -> Callable:
        """Register a periodic task (a huey `crontab`) that can also be enqueued by name."""

        def decorate(func: Callable) -> Callable:
            wrapper = self.huey.periodic_task(schedule, name=name, **options)(func)
            self._tasks[name] = wrapper
            return wrapper

        return decorate

    def has_task(self, name: str) -> bool:
        return name in self._tasks

    def enqueue(self, name: str, *args) -> None:
        """Put one call of the task `name` on the queue."""
        try:
            task = self._tasks[name]
        except KeyError:
            raise RuntimeError(f"job {name!r} is not registered on this queue") from None
        task(*args)

    def pending_count(self) -> int:
        """Messages waiting in the queue (not those already taken by a worker)."""
        return self.huey.pending_count()

    def run_pending(self, limit: int | None = None) -> int:
        """Run queued tasks in this thread until the queue is empty; returns how many ran."""
        ran = 0
        while limit is None or ran < limit:
            task = self.huey.dequeue()
            if task is None:
                break
            self.huey.execute(task)
            ran += 1
        return ran

    def consumer(self, workers: int, *, embedded: bool, periodic: bool = True) -> Consumer:
        """A thread consumer: `embedded` ones leave signal handling to the host server."""
        cls = EmbeddedConsumer if embedded else Consumer
        return cls(
            self.huey,
            workers=max(1, workers),
            worker_type="thread",
            periodic=periodic,
            initial_delay=0.05,
            backoff=1.15,
            max_delay=1.0,
            check_worker_health=True,
        )

    def flush(self) -> None:
        """Drop every message, schedule entry and result of this queue (its name only)."""
        self.huey.flush()


def worker_count(config: Config) -> int:
    """`WORKER_THREADS`, or the number of CPUs."""
    return config.worker_threads if config.worker_threads > 0 else (os.cpu_count() or 1)


def build_huey(config: Config, *, name: str | None = None) -> Huey:
    """RedisHuey when `REDIS_URL` is set, else SqliteHuey in the data directory.

    `name` (default `QUEUE_NAME` from the config) separates installations sharing one Redis.
    """
    name = name or config.queue_name or QUEUE_NAME
    if config.redis_url:
        return RedisHuey(name=name, url=config.redis_url, results=False, utc=True)
    config.data_dir.mkdir(parents=True, exist_ok=True)
    return SqliteHuey(
        name=name,
        filename=str(config.data_dir / QUEUE_FILENAME),
        results=False,
        utc=True,
        timeout=30,
    )


def build_queue(config: Config, *, name: str | None = None) -> JobQueue:
    """The queue of this process (tasks are registered by `mediabox.jobs.register_jobs`)."""
    return JobQueue(build_huey(config, name=name))
