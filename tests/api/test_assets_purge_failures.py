"""A store failure during purge leaves a retryable row, never an orphan or a dangling row."""

from __future__ import annotations

from mediabox.container import container_of
from mediabox.domain.errors import StorageUnavailable
from mediabox.infra.db import db
from tests.api.test_uploads import fake_jpeg
from tests.factories import assert_error, sign_up
from tests.fixtures.storage import EnqueueRecorder, Library


class FlakyStore:
    """Wraps a real store; deletes fail while `broken` is set."""

    def __init__(self, inner):
        self.inner = inner
        self.broken = False

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def delete_many(self, keys):
        if self.broken:
            raise StorageUnavailable("store is down")
        return self.inner.delete_many(keys)


def test_failed_purge_is_retried_by_the_retention_job(make_app, config):
    from mediabox.container import build_blob_store

    store = FlakyStore(build_blob_store(config))
    app = make_app(config, blob_store=store, enqueue=EnqueueRecorder())
    client = app.test_client()
    library = Library("local", app, client, sign_up(client), EnqueueRecorder())
    asset = library.upload(fake_jpeg(2048))["asset"]
    key = None
    with app.app_context():
        key = (
            container_of(app)
            .assets.assets.get(__import__("uuid").UUID(asset["id"]))
            .storage_key_original
        )
    store.broken = True
    assert_error(library.api("DELETE", f"/assets/{asset['id']}/purge"), 503)
    trashed = library.api("GET", f"/assets/{asset['id']}").json
    assert trashed["status"] == "deleted"
    assert library.api("POST", f"/assets/{asset['id']}/restore").json["status"] == "deleted"
    assert store.head(key) is not None

    store.broken = False
    with app.app_context():
        assert container_of(app).assets.purge_expired_trash() == 1
        db.session.remove()
    assert store.head(key) is None
    assert_error(library.api("GET", f"/assets/{asset['id']}"), 404)
