"""The real Huey consumer (threads) on SqliteHuey and on RedisHuey."""

from __future__ import annotations

from mediabox.container import container_of
from mediabox.jobs import PROCESS_ASSET, start_consumer
from tests.integration.processing.helpers import (
    create_owner,
    load_asset,
    small_jpeg,
    states,
    store_asset,
    wait_for,
)
from tests.manifest import (
    MEDIA_DIR,
)
from tests.manifest import (
    load_manifest as manifest,
)


def _consume_until(app, ids, workers=3):
    """Run a real consumer until every asset is finished and the queue is drained."""
    queue = container_of(app).queue

    def finished():
        counts = states(app, ids)
        return counts.get("done", 0) + counts.get("failed", 0) == len(ids)

    consumer = start_consumer(queue, container_of(app).config, workers=workers, embedded=True)
    try:
        wait_for(lambda: finished() and queue.pending_count() == 0)
    finally:
        consumer.stop(graceful=True)


def test_fifty_assets_are_all_processed_once(queue_app):
    app = queue_app
    owner = create_owner(app)
    ids = [store_asset(app, owner, small_jpeg(n), f"img_{n:02d}.jpg") for n in range(50)]
    container = container_of(app)
    for asset_id in ids + ids:
        container.enqueue_processing(asset_id)
    assert container.queue.pending_count() == 100
    _consume_until(app, ids)
    assert states(app, ids) == {"done": 50}
    for asset_id in ids:
        asset = load_asset(app, asset_id)
        assert asset.processing_attempts == 1, asset_id
        assert asset.width == 96 and asset.captured_at_source == "metadata"
        assert container.blob_store.head(asset.storage_key_thumb) is not None
    assert container.queue.pending_count() == 0


def test_broken_inputs_fail_and_the_worker_keeps_going(queue_app):
    app = queue_app
    owner = create_owner(app)
    broken = [r for r in manifest() if r["decode_result"] != "ok"]
    ids = []
    for n, row in enumerate(broken):
        ids.append(store_asset(app, owner, MEDIA_DIR / row["path"], row["path"].split("/")[-1]))
        ids.append(store_asset(app, owner, small_jpeg(100 + n), f"good_{n}.jpg"))
    for asset_id in ids:
        container_of(app).enqueue_processing(asset_id)
    _consume_until(app, ids, workers=2)
    assert states(app, ids) == {"failed": len(broken), "done": len(broken)}
    for asset_id in ids[::2]:
        assert load_asset(app, asset_id).processing_error


def test_web_and_worker_processes_agree_on_task_names(make_app, config):
    web, worker = make_app(config), make_app(config)
    web_names = set(container_of(web).queue.huey._registry._registry)
    assert web_names == set(container_of(worker).queue.huey._registry._registry)
    assert f"mediabox.jobs.{PROCESS_ASSET}" in web_names
    owner = create_owner(web)
    asset_id = store_asset(web, owner, small_jpeg(1), "a.jpg")
    container_of(web).enqueue_processing(asset_id)
    assert container_of(worker).queue.run_pending() == 1
    assert load_asset(web, asset_id).processing_state == "done"
