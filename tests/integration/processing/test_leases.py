"""Leases are renewed while a job runs, and a dead predecessor's work resumes at once
(issue 9, crash recovery)."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from datetime import UTC, datetime

from sqlalchemy import create_engine, text

from mediabox.app import job_runner
from mediabox.container import container_of
from mediabox.infra.instance_lock import ConsumerPresence
from mediabox.infra.media.isolation import DecoderPool
from mediabox.jobs import take_over_if_alone
from tests.fixtures.storage import EnqueueRecorder
from tests.integration.processing.helpers import create_owner, load_asset, small_jpeg, store_asset
from tests.support.decoders import slow_render


def test_the_lease_is_renewed_while_a_long_decode_runs(make_app, config, database_url):
    pool = DecoderPool(render=slow_render, heartbeat_seconds=0.3)
    app = make_app(config.with_overrides(processing_lease_seconds=6), decoder=pool)
    owner = create_owner(app)
    asset_id = store_asset(app, owner, small_jpeg(1), "slow.jpg")
    seen: set = set()
    done = threading.Event()
    engine = create_engine(database_url)

    def watch():
        query = text("SELECT processing_started_at FROM assets WHERE id = :id")
        key = asset_id.hex if engine.dialect.name == "sqlite" else asset_id
        while not done.is_set():
            with engine.connect() as conn:
                value = conn.execute(query, {"id": key}).scalar()
            if value is not None:
                seen.add(value)
            time.sleep(0.1)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        with app.app_context():
            assert container_of(app).processing.process(asset_id) == "done"
    finally:
        done.set()
        watcher.join()
        engine.dispose()
        pool.close()
    assert len(seen) >= 3, f"the lease moved {len(seen)} time(s) during a 2 s decode"


def _running_with_a_fresh_lease(app, owner, seed):
    asset_id = store_asset(app, owner, small_jpeg(seed), f"r{seed}.jpg", state="running")
    with app.app_context():
        from mediabox.domain.models import Asset
        from mediabox.infra.db import db

        db.session.get(Asset, asset_id).processing_started_at = datetime.now(UTC)
        db.session.commit()
    return asset_id


def test_a_consumer_alone_on_the_data_dir_takes_over_running_work_at_once(make_app, config):
    recorder = EnqueueRecorder()
    app = make_app(config, enqueue=recorder)
    owner = create_owner(app)
    asset_id = _running_with_a_fresh_lease(app, owner, 1)
    presence, took_over = take_over_if_alone(container_of(app).queue, config, job_runner(app))
    presence.leave()
    assert took_over is True
    assert load_asset(app, asset_id).processing_state == "pending"
    assert asset_id in recorder.calls


def test_no_takeover_while_another_consumer_is_alive(make_app, config):
    recorder = EnqueueRecorder()
    app = make_app(config, enqueue=recorder)
    owner = create_owner(app)
    asset_id = _running_with_a_fresh_lease(app, owner, 2)
    other = ConsumerPresence(config.data_dir).enter()
    try:
        presence, took_over = take_over_if_alone(container_of(app).queue, config, job_runner(app))
        presence.leave()
        assert took_over is False
    finally:
        other.leave()
    assert load_asset(app, asset_id).processing_state == "running"
    assert asset_id not in recorder.calls


def test_a_killed_consumer_leaves_the_next_one_alone(tmp_path):
    code = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from mediabox.infra.instance_lock import ConsumerPresence\n"
        "ConsumerPresence(Path(sys.argv[1])).enter()\n"
        "print('ready', flush=True)\n"
        "time.sleep(60)\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", code, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout.readline().strip() == "ready"
        while_alive = ConsumerPresence(tmp_path).enter()
        while_alive.leave()
        assert while_alive.alone is False
        child.kill()
        child.wait(timeout=10)
        after = ConsumerPresence(tmp_path).enter()
        after.leave()
        assert after.alone is True
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
