"""Tags through the HTTP API: create on first use, case-insensitive names, counts, filters."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.factories import assert_error, make_asset, sign_up, update_asset


@pytest.fixture
def owner(client):
    return sign_up(client, "owner@example.com")


@pytest.fixture
def stranger(app):
    return sign_up(app.test_client(), "stranger@example.com")


def _attach(client, account, ids, names, action="attach"):
    return client.post(
        f"/api/v1/tags/{action}",
        json={"asset_ids": [str(i) for i in ids], "names": names},
        headers=account.bearer,
    )


def _tags(client, account):
    response = client.get("/api/v1/tags", headers=account.bearer)
    assert response.status_code == 200
    return {t["name"]: t["asset_count"] for t in response.json["items"]}


def test_attach_creates_on_first_use_and_is_case_insensitive(client, app, owner):
    a = make_asset(app, owner.user["id"])
    b = make_asset(app, owner.user["id"])
    first = _attach(client, owner, [a], ["  Отпуск ", "beach"])
    assert first.status_code == 200, first.json
    assert [t["name"] for t in first.json["items"]] == ["Отпуск", "beach"]
    second = _attach(client, owner, [a, b], ["ОТПУСК", "BEACH", "beach"])
    assert [t["name"] for t in second.json["items"]] == ["Отпуск", "beach"]
    assert _tags(client, owner) == {"beach": 2, "Отпуск": 2}
    again = _attach(client, owner, [a, b], ["отпуск"])
    assert again.json["items"][0]["asset_count"] == 2, "attaching twice is idempotent"


def test_library_filter_by_tag_is_case_insensitive(client, app, owner):
    a = make_asset(app, owner.user["id"])
    make_asset(app, owner.user["id"])
    _attach(client, owner, [a], ["Ёлка"])
    for query in ("Ёлка", "ёлка", "ЁЛКА"):
        response = client.get("/api/v1/assets", query_string={"tag": query}, headers=owner.bearer)
        assert response.status_code == 200, response.json
        assert [i["id"] for i in response.json["items"]] == [str(a)], query


def test_detach_leaves_the_tag_and_ignores_unknown_names(client, app, owner):
    a = make_asset(app, owner.user["id"])
    _attach(client, owner, [a], ["cats"])
    detached = _attach(client, owner, [a], ["CATS", "never-existed"], action="detach")
    assert detached.status_code == 200
    assert [t["asset_count"] for t in detached.json["items"]] == [0]
    assert _tags(client, owner) == {"cats": 0}


def test_rename_and_conflicts(client, app, owner):
    a = make_asset(app, owner.user["id"])
    tags = _attach(client, owner, [a], ["dogs", "cats"]).json["items"]
    dogs, cats = tags[0]["id"], tags[1]["id"]
    renamed = client.patch(f"/api/v1/tags/{dogs}", json={"name": "Dogs"}, headers=owner.bearer)
    assert renamed.status_code == 200 and renamed.json == {
        "id": dogs,
        "name": "Dogs",
        "asset_count": 1,
    }
    clash = client.patch(f"/api/v1/tags/{dogs}", json={"name": "CATS"}, headers=owner.bearer)
    assert_error(clash, 409, "tag_exists")
    created = client.post("/api/v1/tags", json={"name": "Birds"}, headers=owner.bearer)
    assert created.status_code == 201 and created.json["asset_count"] == 0
    dup = client.post("/api/v1/tags", json={"name": "bIRDS"}, headers=owner.bearer)
    assert_error(dup, 409, "tag_exists")
    assert client.delete(f"/api/v1/tags/{cats}", headers=owner.bearer).status_code == 204
    assert _tags(client, owner) == {"Birds": 0, "Dogs": 1}


def test_same_name_for_two_owners_is_fine(client, app, owner, stranger):
    mine = make_asset(app, owner.user["id"])
    theirs = make_asset(app, stranger.user["id"])
    assert _attach(client, owner, [mine], ["x"]).status_code == 200
    assert _attach(app.test_client(), stranger, [theirs], ["X"]).status_code == 200
    assert _tags(client, owner) == {"x": 1}


@pytest.mark.parametrize(
    "name",
    ["", "   ", "a" * 101, "ß" * 60, "bad\x00name", "tab\tname", "zero\u200bwidth"],
)
def test_bad_tag_names_are_400(client, app, owner, name):
    a = make_asset(app, owner.user["id"])
    assert_error(_attach(client, owner, [a], [name]), 400)
    assert _tags(client, owner) == {}


def test_longest_names_fit(client, app, owner):
    a = make_asset(app, owner.user["id"])
    name = "Ж" * 100
    response = _attach(client, owner, [a], [name])
    assert response.status_code == 200 and response.json["items"][0]["name"] == name


def test_another_users_asset_refuses_the_whole_attach(client, app, owner, stranger):
    mine = make_asset(app, owner.user["id"])
    theirs = make_asset(app, stranger.user["id"])
    assert_error(_attach(client, owner, [mine, theirs], ["t"]), 404, "asset_not_found")
    assert _tags(client, owner) == {}, "no tag is created when the request fails"
    assert_error(_attach(client, owner, [theirs], ["t"], action="detach"), 404)


def test_another_users_tag_is_404(client, app, owner, stranger):
    a = make_asset(app, owner.user["id"])
    tag = _attach(client, owner, [a], ["private"]).json["items"][0]["id"]
    other = app.test_client()
    assert_error(
        other.patch(f"/api/v1/tags/{tag}", json={"name": "mine"}, headers=stranger.bearer), 404
    )
    assert_error(other.delete(f"/api/v1/tags/{tag}", headers=stranger.bearer), 404)
    assert _tags(other, stranger) == {}
    assert _tags(client, owner) == {"private": 1}


def test_counts_skip_trashed_assets(client, app, owner):
    a = make_asset(app, owner.user["id"])
    b = make_asset(app, owner.user["id"])
    _attach(client, owner, [a, b], ["trip"])
    update_asset(app, a, deleted_at=datetime.now(UTC))
    assert _tags(client, owner) == {"trip": 1}
    assert_error(_attach(client, owner, [a], ["other"]), 404)
    update_asset(app, a, deleted_at=None)
    assert _tags(client, owner) == {"trip": 2}


def test_tags_need_a_session(client):
    assert_error(client.get("/api/v1/tags"), 401)
