"""Media decoding runs in child processes: a crashing decoder fails one asset, the server keeps
answering, children are recycled (issue 9, processing isolation)."""

from __future__ import annotations

import pytest

from mediabox.container import container_of
from mediabox.infra.media.isolation import CRASH_REASON, DecoderPool
from tests.integration.processing.helpers import create_owner, load_asset, small_jpeg, store_asset
from tests.support.decoders import abort_on_crash_files, render_and_record_pid


@pytest.fixture
def pools():
    made: list[DecoderPool] = []

    def build(**options) -> DecoderPool:
        pool = DecoderPool(heartbeat_seconds=0.5, **options)
        made.append(pool)
        return pool

    yield build
    for pool in made:
        pool.close()


def _process(app, asset_id):
    with app.app_context():
        return container_of(app).processing.process(asset_id)


def test_a_decoder_that_aborts_fails_its_asset_and_the_server_keeps_answering(
    make_app, config, pools
):
    app = make_app(config, decoder=pools(render=abort_on_crash_files))
    owner = create_owner(app)
    hostile = store_asset(app, owner, small_jpeg(1) + b"crash", "hostile.jpg")
    fine = store_asset(app, owner, small_jpeg(2), "fine.jpg")
    assert _process(app, hostile) == "failed"
    failed = load_asset(app, hostile)
    assert failed.processing_state == "failed" and failed.processing_error == CRASH_REASON
    assert failed.status == "ready", "the original stays downloadable"
    assert app.test_client().get("/api/v1/health").status_code == 200
    assert _process(app, fine) == "done"
    assert load_asset(app, fine).storage_key_thumb


def test_children_are_recycled_after_n_jobs(make_app, config, pools, tmp_path):
    app = make_app(config, decoder=pools(render=render_and_record_pid, max_jobs_per_child=2))
    owner = create_owner(app)
    ids = [store_asset(app, owner, small_jpeg(10 + n), f"p{n}.jpg") for n in range(4)]
    assert [_process(app, asset_id) for asset_id in ids] == ["done"] * 4
    pids = (config.data_dir / "tmp" / "pids.txt").read_text().split()
    assert len(pids) == 4 and len(set(pids)) == 2, pids


def test_decoding_happens_outside_the_server_process(make_app, config, pools):
    app = make_app(config, decoder=pools(render=render_and_record_pid))
    owner = create_owner(app)
    assert _process(app, store_asset(app, owner, small_jpeg(20), "a.jpg")) == "done"
    pids = (config.data_dir / "tmp" / "pids.txt").read_text().split()
    assert pids and str(__import__("os").getpid()) not in pids
