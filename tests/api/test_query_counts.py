"""A 10,000-file drop must not slow the hot paths: the SQL statements of finalize, the timeline
and the batch dedupe check do not grow with the number of assets (no N+1)."""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, datetime, timedelta

from tests.fixtures.storage import insert_assets
from tests.support.sql_counter import app_engine, sql_statements

SMALL, LARGE = 10, 300


def _owner(library) -> uuid.UUID:
    return uuid.UUID(library.account.user["id"])


def _spread(start: datetime):
    """Capture times a few days apart, over many months (so buckets and days multiply)."""
    return lambda index: start - timedelta(days=3 * index, hours=index % 24)


def _statements(library, method: str, path: str, **kwargs) -> list[str]:
    with sql_statements(app_engine(library.app)) as sent:
        response = library.api(method, path, **kwargs)
    assert response.status_code == 200, response.get_json()
    return [statement for statement, _ in sent]


def _insert_with_hashes(app, owner: uuid.UUID, hashes: list[str]) -> None:
    """Ready assets of `owner`, one per sha256, in one transaction."""
    from mediabox.domain.models import Asset
    from mediabox.infra.db import db

    with app.app_context():
        for sha in hashes:
            asset_id = uuid.uuid4()
            db.session.add(
                Asset(
                    id=asset_id,
                    owner_id=owner,
                    type="photo",
                    status="ready",
                    original_filename=f"{sha[:8]}.jpg",
                    content_type="image/jpeg",
                    size_bytes=1000,
                    sha256=sha,
                    captured_at=datetime(2024, 1, 1, tzinfo=UTC),
                    storage_key_original=f"u/{owner}/o/2024/01/{asset_id}.jpg",
                    processing_state="done",
                )
            )
        db.session.commit()
        db.session.remove()


def _asset_selects(statements: list[str]) -> list[str]:
    return [s for s in statements if s.lstrip().upper().startswith("SELECT") and "assets" in s]


def _finalize_statements(library, seed: int) -> list[str]:
    data = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + hashlib.sha256(str(seed).encode()).digest() * 64
    created = library.create(data, f"new-{seed}.jpg").json
    assert library.put_single(created["upload"], data) == 200
    return _statements(library, "POST", f"/uploads/{created['asset_id']}/finalize")


def test_finalize_costs_the_same_with_ten_or_three_hundred_assets(local_library):
    lib = local_library
    insert_assets(
        lib.app, _owner(lib), SMALL, captured_at=_spread(datetime(2024, 6, 1, tzinfo=UTC))
    )
    few = _finalize_statements(lib, 1)
    insert_assets(
        lib.app, _owner(lib), LARGE - SMALL, captured_at=_spread(datetime(2023, 6, 1, tzinfo=UTC))
    )
    many = _finalize_statements(lib, 2)
    assert len(few) == len(many), (few, many)
    assert len(many) <= 3, many  # the session and user, the asset, its update


def test_timeline_buckets_cost_the_same_with_ten_or_three_hundred_assets(local_library):
    lib = local_library
    insert_assets(
        lib.app, _owner(lib), SMALL, captured_at=_spread(datetime(2024, 6, 1, tzinfo=UTC))
    )
    few = _statements(lib, "GET", "/timeline/buckets")
    insert_assets(
        lib.app, _owner(lib), LARGE - SMALL, captured_at=_spread(datetime(2023, 6, 1, tzinfo=UTC))
    )
    many = _statements(lib, "GET", "/timeline/buckets")
    months = lib.api("GET", "/timeline/buckets").json["buckets"]
    assert len(months) > 20  # the 300 assets really span many months
    assert len(few) == len(many), (few, many)
    assert len(_asset_selects(many)) == 1, many


def test_a_timeline_month_costs_the_same_with_ten_or_three_hundred_assets(local_library):
    lib = local_library
    in_may = lambda index: datetime(2024, 5, 1 + index % 31, index % 24, tzinfo=UTC)  # noqa: E731
    thumb = f"u/{_owner(lib)}/t/2024/05/{uuid.uuid4()}.jpg"
    insert_assets(lib.app, _owner(lib), SMALL, captured_at=in_may, storage_key_thumb=thumb)
    few = _statements(lib, "GET", "/timeline/buckets/2024-05")
    insert_assets(lib.app, _owner(lib), LARGE - SMALL, captured_at=in_may, storage_key_thumb=thumb)
    many = _statements(lib, "GET", "/timeline/buckets/2024-05")
    assert len(lib.api("GET", "/timeline/buckets/2024-05").json["ids"]) == LARGE
    assert len(few) == len(many), (few, many)
    assert len(_asset_selects(many)) == 1, many


def test_the_dedupe_check_is_one_query_for_ten_or_three_hundred_hashes(local_library):
    lib = local_library
    hashes = [hashlib.sha256(str(n).encode()).hexdigest() for n in range(LARGE)]
    _insert_with_hashes(lib.app, _owner(lib), hashes)
    few = _statements(lib, "POST", "/uploads/check", json={"sha256s": hashes[:SMALL]})
    many = _statements(lib, "POST", "/uploads/check", json={"sha256s": hashes})
    assert len(lib.api("POST", "/uploads/check", json={"sha256s": hashes}).json["known"]) == LARGE
    assert len(few) == len(many), (few, many)
    assert len(_asset_selects(many)) == 1, many


def test_create_costs_the_same_with_ten_or_three_hundred_assets(local_library):
    lib = local_library
    hashes = [hashlib.sha256(str(n).encode()).hexdigest() for n in range(LARGE)]
    _insert_with_hashes(lib.app, _owner(lib), hashes[:SMALL])

    def create(seed: str) -> list[str]:
        body = {"filename": "a.jpg", "content_type": "image/jpeg", "size_bytes": 5000}
        body["sha256"] = hashlib.sha256(seed.encode()).hexdigest()
        with sql_statements(app_engine(lib.app)) as sent:
            response = lib.api("POST", "/uploads/create", json=body)
        assert response.status_code == 201, response.get_json()
        return [statement for statement, _ in sent]

    few = create("new one")
    _insert_with_hashes(lib.app, _owner(lib), hashes[SMALL:])
    many = create("another new one")
    assert len(few) == len(many), (few, many)
    assert len(many) <= 3, many  # the session and user, the sha256 lookup, the insert


def test_job_counts_cost_the_same_with_ten_or_three_hundred_assets(local_library):
    """The web app polls GET /jobs while a drop is processed."""
    lib = local_library
    insert_assets(lib.app, _owner(lib), SMALL, processing_state="pending")
    few = _statements(lib, "GET", "/jobs")
    insert_assets(lib.app, _owner(lib), LARGE - SMALL, processing_state="running")
    many = _statements(lib, "GET", "/jobs")
    assert lib.api("GET", "/jobs").json["running"] == LARGE - SMALL
    assert len(few) == len(many), (few, many)
    assert len(_asset_selects(many)) == 1, many
