"""AssetRepository against the real database: keyset order, ties, filters, clean-up queries."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from mediabox.domain.models import Asset, AssetTag, Tag, User
from mediabox.infra.db import db
from mediabox.repositories.assets import AssetQuery, AssetRepository
from tests.support.sql_counter import sql_statements

T0 = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def repo(app):
    with app.app_context():
        yield AssetRepository(db.session)
        db.session.rollback()


def _user(email: str) -> User:
    user = User(email=email, password_hash="x", display_name="x")
    db.session.add(user)
    db.session.flush()
    return user


def _asset(owner: User, captured_at: datetime, **fields) -> Asset:
    asset_id = uuid.uuid4()
    values = {
        "type": "photo",
        "status": "ready",
        "original_filename": "a.jpg",
        "content_type": "image/jpeg",
        "size_bytes": 1,
        "storage_key_original": f"u/{owner.id}/o/2024/06/{asset_id}.jpg",
        **fields,
    }
    asset = Asset(id=asset_id, owner_id=owner.id, captured_at=captured_at, **values)
    db.session.add(asset)
    return asset


def test_keyset_walks_ties_in_id_order_without_gaps(repo):
    owner = _user("a@example.com")
    assets = [_asset(owner, T0) for _ in range(9)] + [_asset(owner, T0 + timedelta(seconds=1))]
    _asset(_user("b@example.com"), T0 + timedelta(days=1))
    _asset(owner, T0, status="uploading")
    db.session.flush()
    walked, after = [], None
    while True:
        page = repo.list_page(AssetQuery(owner_id=owner.id, after=after), 4)
        if not page:
            break
        walked += page
        after = (page[-1].captured_at, page[-1].id)
    expected = [assets[-1], *sorted(assets[:-1], key=lambda a: a.id, reverse=True)]
    assert [a.id for a in walked] == [a.id for a in expected]


def test_tag_filter_is_case_insensitive_and_owner_scoped(repo):
    owner, other = _user("a@example.com"), _user("b@example.com")
    mine = _asset(owner, T0)
    theirs = _asset(other, T0)
    db.session.flush()
    for user, asset in ((owner, mine), (other, theirs)):
        tag = Tag(owner_id=user.id, name="Straße", name_key="Straße".casefold())
        db.session.add(tag)
        db.session.flush()
        db.session.add(AssetTag(asset_id=asset.id, tag_id=tag.id))
    db.session.flush()
    found = repo.list_page(AssetQuery(owner_id=owner.id, tag_key="STRASSE".casefold()), 10)
    assert [a.id for a in found] == [mine.id]


def test_trash_retention_and_stale_upload_queries(repo):
    owner = _user("a@example.com")
    old = _asset(owner, T0, deleted_at=T0 - timedelta(days=40))
    failed_purge = _asset(owner, T0, deleted_at=T0, purge_requested_at=T0)
    _asset(owner, T0, deleted_at=T0)
    stale = _asset(owner, T0, status="uploading", created_at=T0 - timedelta(days=2))
    _asset(owner, T0, status="uploading", created_at=T0)
    db.session.flush()
    assert set(repo.expired_trash_ids(T0 - timedelta(days=30), 10)) == {old.id, failed_purge.id}
    assert repo.stale_upload_ids(T0 - timedelta(days=1), 10) == [stale.id]


def _plan(statement: str, parameters) -> str:
    """The query plan of one statement as the driver sent it (sequential scans discouraged on
    PostgreSQL, whose planner prefers them on a tiny table even where an index serves)."""
    raw = db.session.connection().connection.dbapi_connection
    cursor = raw.cursor()
    if db.engine.dialect.name == "sqlite":
        cursor.execute("EXPLAIN QUERY PLAN " + statement, parameters)
    else:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("ANALYZE assets")
        cursor.execute("EXPLAIN " + statement, parameters)
    return " ".join(str(cell) for row in cursor.fetchall() for cell in row)


def test_dedupe_lookups_use_the_owner_sha256_index(repo):
    """Create's lookup and the batch check both search (owner_id, sha256), never scan."""
    owner = _user("a@example.com")
    for n in range(500):
        _asset(owner, T0 + timedelta(minutes=n), sha256=f"{n:064x}")
    db.session.flush()
    with sql_statements(db.engine) as sent:
        repo.find_by_sha256(owner.id, f"{3:064x}")
        known = repo.known_by_sha256(owner.id, [f"{n:064x}" for n in (1, 2, 999)])
    assert sorted(row.sha256 for row in known) == [f"{1:064x}", f"{2:064x}"]
    assert len(sent) == 2
    for statement, parameters in sent:
        plan = _plan(statement, parameters)
        assert "uq_assets_owner_sha256" in plan, plan
        assert "SCAN assets" not in plan and "Seq Scan" not in plan, plan
