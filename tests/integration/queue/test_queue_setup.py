"""Building the queue from the config, and the periodic jobs."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime

from huey import RedisHuey, SqliteHuey

from mediabox.container import container_of
from mediabox.infra.queue import QUEUE_FILENAME, build_queue, worker_count
from mediabox.jobs import CLEANUP_UPLOADS, PURGE_TRASH, RECOVER_STALLED


def test_sqlite_queue_lives_in_the_data_directory(config):
    queue = build_queue(config)
    assert isinstance(queue.huey, SqliteHuey) and queue.backend == "sqlite"
    assert (config.data_dir / QUEUE_FILENAME).is_file()
    assert queue.huey.name == "mediabox"
    assert build_queue(config.with_overrides(queue_name="other")).huey.name == "other"


def test_redis_queue_when_redis_url_is_set(config, redis_url):
    queue = build_queue(config.with_overrides(redis_url=redis_url), name="mediabox-test-build")
    assert isinstance(queue.huey, RedisHuey) and queue.backend == "redis"
    assert queue.pending_count() == 0
    queue.flush()


def test_worker_threads_default_to_the_cpu_count(config):
    import os

    assert worker_count(config) == (os.cpu_count() or 1)
    assert worker_count(config.with_overrides(worker_threads=3)) == 3


def test_importing_builds_no_queue(tmp_path):
    code = (
        "import mediabox.jobs, mediabox.infra.queue, mediabox.container, mediabox.app\n"
        "import mediabox.launch.server, mediabox.launch.worker, mediabox.cli\n"
        "import gc, huey\n"
        "assert not [o for o in gc.get_objects() if isinstance(o, huey.Huey)]\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr


def test_periodic_jobs_are_scheduled_and_call_their_services(app):
    container = container_of(app)
    periodic = {type(t).__name__: t for t in container.queue.huey._registry.periodic_tasks}
    assert {CLEANUP_UPLOADS, PURGE_TRASH, RECOVER_STALLED} <= set(periodic)
    hourly = [
        h
        for h in range(24)
        if periodic[CLEANUP_UPLOADS].validate_datetime(datetime(2026, 1, 1, h, 7))
    ]
    assert hourly == list(range(24))
    daily = [
        (h, m)
        for h in range(24)
        for m in range(60)
        if periodic[PURGE_TRASH].validate_datetime(datetime(2026, 1, 1, h, m))
    ]
    assert len(daily) == 1

    calls = []
    container.upload_cleanup.cleanup_stale = lambda: calls.append("cleanup")
    container.assets.purge_expired_trash = lambda: calls.append("purge")
    container.queue.enqueue(CLEANUP_UPLOADS)
    container.queue.enqueue(PURGE_TRASH)
    assert container.queue.run_pending() == 2
    assert calls == ["cleanup", "purge"]
