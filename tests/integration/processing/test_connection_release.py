"""A processing job holds no database connection while it decodes: with one worker thread per
core and the request threads beside them, jobs that kept theirs through a slow decode would
drain the pool (and, on PostgreSQL, sit idle in a transaction)."""

from __future__ import annotations

from mediabox.container import container_of
from mediabox.infra.db import db
from mediabox.infra.media import process_photo
from tests.integration.processing.helpers import create_owner, load_asset, small_jpeg, store_asset


class PoolWatchingDecoder:
    """Decodes in-process like the real pool, noting the connections checked out meanwhile."""

    def __init__(self):
        self.checked_out: list[int] = []

    def decode(self, kind, source, thumb, preview, poster, *, heartbeat=lambda: None):
        assert kind == "photo"
        self.checked_out.append(db.engine.pool.checkedout())
        heartbeat()  # a lease renewal commits at once, so it gives the connection back too
        self.checked_out.append(db.engine.pool.checkedout())
        return process_photo(source, thumb_path=thumb, preview_path=preview)


def test_no_connection_is_held_while_decoding(make_app, config):
    decoder = PoolWatchingDecoder()
    app = make_app(config, decoder=decoder)
    owner = create_owner(app)
    asset_id = store_asset(app, owner, small_jpeg(7), "a.jpg")
    with app.app_context():
        assert container_of(app).processing.process(asset_id) == "done"
        assert db.engine.pool.checkedout() == 0
    assert decoder.checked_out == [0, 0]
    assert load_asset(app, asset_id).processing_state == "done"
