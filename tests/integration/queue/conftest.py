"""Apps whose job queue is SqliteHuey (the data directory) or RedisHuey (the test Redis)."""

from __future__ import annotations

import secrets

import pytest

from mediabox.container import container_of
from mediabox.infra.queue import build_queue


@pytest.fixture(params=["sqlite", "redis"])
def queue_app(request, make_app, config):
    """An app with a real queue of each backend; a Redis queue gets its own name, flushed after."""
    if request.param == "redis":
        redis_url = request.getfixturevalue("redis_url")
        config = config.with_overrides(redis_url=redis_url)
        queue = build_queue(config, name=f"mediabox-test-{secrets.token_hex(6)}")
    else:
        queue = build_queue(config)
    app = make_app(config, queue=queue)
    assert container_of(app).queue.backend == request.param
    yield app
    queue.flush()
