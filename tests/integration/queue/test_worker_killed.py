"""A `mediabox worker` subprocess SIGKILLed mid-task leaves a retryable state; the next
consumer finishes the asset."""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys

import pytest

from mediabox.container import container_of
from mediabox.domain.models import Asset
from mediabox.infra.db import db
from tests.integration.processing.helpers import (
    create_owner,
    load_asset,
    small_jpeg,
    store_asset,
    wait_for,
)


@pytest.fixture(params=["sqlite", "redis"])
def queue_config(request, config):
    """The test config on each queue backend (a Redis queue gets its own name, flushed after)."""
    if request.param == "sqlite":
        yield config
        return
    named = config.with_overrides(
        redis_url=request.getfixturevalue("redis_url"),
        queue_name=f"mediabox-test-{secrets.token_hex(6)}",
    )
    yield named
    from mediabox.infra.queue import build_queue

    build_queue(named).flush()


def _worker(config, database_url, **env):
    environment = {
        **os.environ,
        "MEDIABOX_DATA_DIR": str(config.data_dir),
        "DATABASE_URL": database_url,
        "WORKER_THREADS": "1",
        "REDIS_URL": config.redis_url,
        "QUEUE_NAME": config.queue_name,
        **env,
    }
    return subprocess.Popen(
        [sys.executable, "-m", "mediabox.cli", "worker"],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def test_killed_worker_leaves_a_retryable_state(make_app, queue_config, database_url):
    config = queue_config
    app = make_app(config)
    owner = create_owner(app)
    content = small_jpeg(7)
    asset_id = store_asset(app, owner, content, "a.jpg", write_original=False)
    with app.app_context():
        key = db.session.get(Asset, asset_id).storage_key_original
    original = config.blob_root / key
    original.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(original)  # reading it blocks: the worker is stuck mid-task until killed
    container_of(app).enqueue_processing(asset_id)

    first = _worker(config, database_url)
    try:
        wait_for(lambda: load_asset(app, asset_id).processing_state == "running", timeout=90)
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
    stuck = load_asset(app, asset_id)
    assert stuck.processing_state == "running" and stuck.processing_attempts == 1
    assert stuck.processing_started_at is not None

    original.unlink()
    original.write_bytes(content)
    second = _worker(config, database_url, PROCESSING_LEASE_SECONDS="0")
    try:
        wait_for(lambda: load_asset(app, asset_id).processing_state == "done", timeout=90)
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(timeout=60)
    done = load_asset(app, asset_id)
    assert done.processing_attempts == 2 and done.storage_key_thumb
