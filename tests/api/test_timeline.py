"""GET /timeline/buckets and /timeline/buckets/{month}: local months, columns, filters, owners."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from tests.factories import assert_error, make_album, make_asset, sign_up, update_asset
from tests.fixtures.storage import insert_assets

COLUMNS = {
    "month", "ids", "ratios", "local_dates", "types", "duration_ms", "is_favorite",
    "thumbhash", "thumb_urls", "processing",
}  # fmt: skip


def _owner(library) -> uuid.UUID:
    return uuid.UUID(library.account.user["id"])


def _at(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_buckets_count_local_months_newest_first(local_library):
    owner = _owner(local_library)
    insert_assets(local_library.app, owner, 3, captured_at=_at(2024, 3, 10))
    insert_assets(local_library.app, owner, 2, captured_at=_at(2023, 12, 31, 12))
    insert_assets(local_library.app, owner, 1, captured_at=_at(2024, 11, 2))
    response = local_library.api("GET", "/timeline/buckets")
    assert response.status_code == 200, response.json
    assert response.json == {
        "buckets": [
            {"month": "2024-11", "count": 1},
            {"month": "2024-03", "count": 3},
            {"month": "2023-12", "count": 2},
        ],
        "total": 6,
    }


def test_months_follow_the_cameras_local_date_not_utc(local_library):
    owner = _owner(local_library)
    # 23:30 UTC on 31 May is already 1 June in UTC+2; 02:00 UTC on 1 June is 31 May in UTC-5.
    east = make_asset(local_library.app, owner, captured_at=_at(2024, 5, 31, 23, 30),
                      captured_offset_minutes=120)  # fmt: skip
    west = make_asset(local_library.app, owner, captured_at=_at(2024, 6, 1, 2),
                      captured_offset_minutes=-300)  # fmt: skip
    unknown = make_asset(local_library.app, owner, captured_at=_at(2024, 6, 1, 1))
    buckets = local_library.api("GET", "/timeline/buckets").json["buckets"]
    assert buckets == [{"month": "2024-06", "count": 2}, {"month": "2024-05", "count": 1}]
    june = local_library.api("GET", "/timeline/buckets/2024-06").json
    assert june["ids"] == [str(unknown), str(east)]  # newest captured first
    assert june["local_dates"] == ["2024-06-01", "2024-06-01"]
    may = local_library.api("GET", "/timeline/buckets/2024-05").json
    assert may["ids"] == [str(west)] and may["local_dates"] == ["2024-05-31"]
    one = local_library.api("GET", f"/assets/{east}").json
    assert one["local_date"] == "2024-06-01" and one["thumbhash"] is None


def test_month_columns_in_timeline_order(local_library):
    owner = _owner(local_library)
    base = _at(2024, 7, 1)
    ids = insert_assets(local_library.app, owner, 6, captured_at=lambda i: base + timedelta(days=i))
    update_asset(local_library.app, ids[0], width=4000, height=3000, is_favorite=True,
                 thumbhash="HhgKLZpwdndwd3d3h2iHd6CRCveH",
                 storage_key_thumb=f"u/{owner}/t/2024/07/{ids[0]}.jpg")  # fmt: skip
    update_asset(local_library.app, ids[1], type="video", width=1080, height=1920,
                 duration_ms=12_345, processing_state="pending")  # fmt: skip
    update_asset(local_library.app, ids[2], processing_state="failed",
                 processing_error="bad file")  # fmt: skip
    update_asset(local_library.app, ids[3], processing_state="running")
    month = local_library.api("GET", "/timeline/buckets/2024-07").json
    assert set(month) == COLUMNS
    assert month["month"] == "2024-07"
    assert month["ids"] == [str(i) for i in reversed(ids)]
    assert all(len(month[name]) == 6 for name in COLUMNS - {"month"})
    by_id = {
        name: dict(zip(month["ids"], month[name], strict=True)) for name in COLUMNS - {"month"}
    }
    first, video = str(ids[0]), str(ids[1])
    assert by_id["ratios"][first] == 1.3333 and by_id["ratios"][video] == 0.5625
    assert by_id["ratios"][str(ids[5])] == 1  # dimensions unknown
    assert by_id["types"][video] == "video" and by_id["duration_ms"][video] == 12_345
    assert by_id["is_favorite"][first] is True and by_id["is_favorite"][video] is False
    assert by_id["thumbhash"][first] == "HhgKLZpwdndwd3d3h2iHd6CRCveH"
    assert by_id["thumb_urls"][first].startswith("/api/v1/blobs/")
    assert by_id["thumb_urls"][video] is None
    states = [by_id["processing"][str(i)] for i in ids[:4]]
    assert states == ["done", "pending", "failed", "pending"]
    assert month["local_dates"] == [f"2024-07-0{6 - i}" for i in range(6)]
    again = local_library.api("GET", "/timeline/buckets/2024-07").json
    assert again["thumb_urls"] == month["thumb_urls"]  # stable within the URL window


def test_a_local_day_stays_together_when_time_zones_interleave(local_library):
    owner = _owner(local_library)
    # 00:30 on 2 June in UTC+2 was captured before 23:00 on 1 June in UTC, yet its day is later.
    tokyo_like = make_asset(local_library.app, owner, captured_at=_at(2024, 6, 1, 22, 30),
                            captured_offset_minutes=120)  # fmt: skip
    london = make_asset(local_library.app, owner, captured_at=_at(2024, 6, 1, 23),
                        captured_offset_minutes=0)  # fmt: skip
    june = local_library.api("GET", "/timeline/buckets/2024-06").json
    assert june["ids"] == [str(tokyo_like), str(london)]
    assert june["local_dates"] == ["2024-06-02", "2024-06-01"]


def test_month_order_matches_the_library_pages(local_library):
    owner = _owner(local_library)
    insert_assets(local_library.app, owner, 12, captured_at=_at(2024, 2, 2))
    insert_assets(local_library.app, owner, 5, captured_at=lambda i: _at(2024, 2, 3 + i))
    month = local_library.api("GET", "/timeline/buckets/2024-02").json
    page = local_library.api("GET", "/assets?limit=100").json
    assert month["ids"] == [item["id"] for item in page["items"]]


def test_trash_uploading_and_other_users_are_left_out(local_library, client):
    owner = _owner(local_library)
    kept = make_asset(local_library.app, owner, captured_at=_at(2024, 4, 1))
    trashed = make_asset(local_library.app, owner, captured_at=_at(2024, 4, 2))
    update_asset(local_library.app, trashed, deleted_at=_at(2024, 5, 1))
    make_asset(local_library.app, owner, captured_at=_at(2024, 4, 3), status="uploading")
    other = sign_up(client, "other@example.com")
    make_asset(local_library.app, other.user["id"], captured_at=_at(2024, 4, 4))
    make_asset(local_library.app, other.user["id"], captured_at=_at(2019, 1, 4))
    assert local_library.api("GET", "/timeline/buckets").json == {
        "buckets": [{"month": "2024-04", "count": 1}],
        "total": 1,
    }
    assert local_library.api("GET", "/timeline/buckets/2024-04").json["ids"] == [str(kept)]
    empty = local_library.api("GET", "/timeline/buckets/2019-01").json
    assert empty["ids"] == [] and all(empty[name] == [] for name in COLUMNS - {"month"})


def test_filters_are_those_of_the_library(local_library):
    owner = _owner(local_library)
    photo = make_asset(local_library.app, owner, captured_at=_at(2024, 8, 1),
                       original_filename="Beach.JPG", is_favorite=True)  # fmt: skip
    video = make_asset(local_library.app, owner, captured_at=_at(2024, 8, 2), type="video",
                       original_filename="clip.mov")  # fmt: skip
    older = make_asset(local_library.app, owner, captured_at=_at(2023, 8, 3))
    album = make_album(local_library.client, local_library.account, [video, older])
    local_library.api("POST", "/tags/attach", json={"asset_ids": [str(photo)], "names": ["Sea"]})

    def ids(query: str) -> list[str]:
        response = local_library.api("GET", f"/timeline/buckets/2024-08?{query}")
        assert response.status_code == 200, response.json
        return response.json["ids"]

    def total(query: str) -> int:
        return local_library.api("GET", f"/timeline/buckets?{query}").json["total"]

    assert ids("type=video") == [str(video)] and total("type=video") == 1
    assert ids("favorite=true") == [str(photo)]
    assert ids(f"album_id={album}") == [str(video)] and total(f"album_id={album}") == 2
    assert ids("tag=sea") == [str(photo)] and total("tag=SEA") == 1
    assert ids("q=beach") == [str(photo)]
    assert ids("date_from=2024-08-02") == [str(video)]
    assert total("date_to=2023-12-31") == 1


def test_errors_use_the_common_shape(local_library, client):
    for bad in ("2024-13", "2024-1", "abcd-ef", "0000-01", "2024-06-01"):
        response = local_library.api("GET", f"/timeline/buckets/{bad}")
        assert_error(response, 400, "invalid_month")
    assert_error(local_library.api("GET", "/timeline/buckets?type=gif"), 400, "validation_error")
    assert_error(local_library.api("GET", "/timeline/buckets?limit=5"), 400, "validation_error")
    missing = f"/timeline/buckets/2024-01?album_id={uuid.uuid4()}"
    assert_error(local_library.api("GET", missing), 404, "album_not_found")
    client.delete_cookie("access_token_cookie")
    assert_error(client.get("/api/v1/timeline/buckets"), 401)
    assert_error(client.get("/api/v1/timeline/buckets/2024-01"), 401)


def test_captured_at_override_moves_the_asset_to_its_local_month(local_library):
    owner = _owner(local_library)
    asset = make_asset(local_library.app, owner, captured_at=_at(2024, 1, 31, 23),
                       captured_offset_minutes=120)  # fmt: skip
    assert local_library.api("GET", f"/assets/{asset}").json["local_date"] == "2024-02-01"
    patched = local_library.api(
        "PATCH", f"/assets/{asset}", json={"captured_at": "2022-03-04T10:00:00Z"}
    )
    assert patched.status_code == 200, patched.json
    assert patched.json["local_date"] == "2022-03-04"
    months = [b["month"] for b in local_library.api("GET", "/timeline/buckets").json["buckets"]]
    assert months == ["2022-03"]
