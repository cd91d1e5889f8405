"""GET /api/v1/jobs: processing counts of the caller's own assets."""

from __future__ import annotations

from datetime import UTC, datetime

from mediabox.domain.models import Asset, User
from mediabox.infra.db import db
from tests.factories import assert_error, sign_up
from tests.integration.processing.helpers import small_jpeg, store_asset


def _owner(app, account) -> User:
    with app.app_context():
        user = db.session.scalar(db.select(User).where(User.email == account.email))
        db.session.expunge(user)
        return user


def test_jobs_counts_only_my_finalized_assets(app, client):
    me = sign_up(client, "me@example.com")
    other = sign_up(client, "other@example.com")
    mine, theirs = _owner(app, me), _owner(app, other)
    n = 0

    def add(owner, **kwargs):
        nonlocal n
        n += 1
        return store_asset(app, owner, small_jpeg(n), f"{n}.jpg", **kwargs)

    add(mine), add(mine), add(mine, state="running"), add(mine, state="failed")
    add(mine, state="done"), add(mine, status="uploading")
    add(mine, status="failed", state="failed")
    trashed = add(mine, state="failed")
    with app.app_context():
        db.session.get(Asset, trashed).deleted_at = datetime.now(UTC)
        db.session.commit()
    add(theirs), add(theirs, state="failed")

    response = client.get("/api/v1/jobs", headers=me.bearer)
    assert response.status_code == 200
    assert response.json == {"pending": 2, "running": 1, "failed": 2}
    assert client.get("/api/v1/jobs", headers=other.bearer).json == {
        "pending": 1,
        "running": 0,
        "failed": 1,
    }


def test_jobs_needs_a_signed_in_user(client):
    assert_error(client.get("/api/v1/jobs"), 401)


def test_jobs_is_documented(client):
    spec = client.get("/api/v1/openapi.json").json
    operation = spec["paths"]["/api/v1/jobs"]["get"]
    assert operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "/JobsOut"
    )
