"""POST /uploads/check: which of a batch of SHA-256 digests the caller already has (SPEC §4b)."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

import pytest

from tests.factories import assert_error, csrf_headers, make_asset, sign_up

CHECK = "/api/v1/uploads/check"


def digest(seed: str) -> str:
    return hashlib.sha256(seed.encode()).hexdigest()


def check(library, hashes, **kwargs):
    return library.api("POST", "/uploads/check", json={"sha256s": hashes}, **kwargs)


def owner_id(library) -> str:
    return library.account.user["id"]


def test_reports_only_the_hashes_the_caller_has_with_their_status(local_library):
    lib = local_library
    ready = make_asset(lib.app, owner_id(lib), sha256=digest("ready"))
    failed = make_asset(lib.app, owner_id(lib), sha256=digest("failed"), status="failed")
    trashed = make_asset(
        lib.app, owner_id(lib), sha256=digest("trashed"), deleted_at=datetime.now(UTC)
    )
    uploading = make_asset(lib.app, owner_id(lib), sha256=digest("uploading"), status="uploading")
    asked = [digest(s) for s in ("unknown", "trashed", "ready", "uploading", "failed", "other")]

    response = check(lib, asked)

    assert response.status_code == 200, response.get_json()
    assert response.json == {
        "known": [
            {"sha256": digest("trashed"), "asset_id": str(trashed), "status": "deleted"},
            {"sha256": digest("ready"), "asset_id": str(ready), "status": "ready"},
            {"sha256": digest("uploading"), "asset_id": str(uploading), "status": "uploading"},
            {"sha256": digest("failed"), "asset_id": str(failed), "status": "failed"},
        ]
    }


def test_the_answer_agrees_with_create(local_library):
    """Every status but `uploading` is a duplicate at create; `uploading` is resumed there."""
    lib = local_library
    for seed, fields in {
        "ready": {},
        "failed": {"status": "failed"},
        "trashed": {"deleted_at": datetime.now(UTC)},
        "uploading": {"status": "uploading", "created_at": datetime.now(UTC)},
    }.items():
        make_asset(lib.app, owner_id(lib), sha256=digest(seed), size_bytes=1234, **fields)
    known = check(lib, [digest(s) for s in ("ready", "failed", "trashed", "uploading")]).json

    for item in known["known"]:
        created = lib.api(
            "POST",
            "/uploads/create",
            json={
                "filename": "a.jpg",
                "content_type": "image/jpeg",
                "size_bytes": 1234,
                "sha256": item["sha256"],
            },
        )
        assert created.json["asset_id"] == item["asset_id"]
        assert created.json["duplicate"] is (item["status"] != "uploading"), item


def test_another_users_hashes_are_never_reported(local_library):
    lib = local_library
    other = sign_up(lib.client, "other@example.com")
    theirs = make_asset(lib.app, other.user["id"], sha256=digest("theirs"))
    shared_other = make_asset(lib.app, other.user["id"], sha256=digest("both"))
    shared_mine = make_asset(lib.app, owner_id(lib), sha256=digest("both"))

    mine = check(lib, [digest("theirs"), digest("both")])
    assert mine.status_code == 200
    assert mine.json["known"] == [
        {"sha256": digest("both"), "asset_id": str(shared_mine), "status": "ready"}
    ]

    as_other = check(lib, [digest("theirs"), digest("both")], headers=other.bearer)
    assert [k["asset_id"] for k in as_other.json["known"]] == [str(theirs), str(shared_other)]


def test_hashes_match_in_any_case_and_answer_in_lower_case(local_library):
    lib = local_library
    asset = make_asset(lib.app, owner_id(lib), sha256=digest("photo"))
    response = check(lib, [digest("photo").upper()])
    assert response.json["known"] == [
        {"sha256": digest("photo"), "asset_id": str(asset), "status": "ready"}
    ]


def test_repeated_hashes_are_answered_once(local_library):
    lib = local_library
    make_asset(lib.app, owner_id(lib), sha256=digest("photo"))
    hashes = [digest("photo"), digest("nope"), digest("photo").upper(), digest("photo")]
    response = check(lib, hashes)
    assert [k["sha256"] for k in response.json["known"]] == [digest("photo")]


def test_a_thousand_hashes_are_answered_and_one_more_is_refused(local_library):
    lib = local_library
    asset = make_asset(lib.app, owner_id(lib), sha256=digest("999"))
    hashes = [digest(str(n)) for n in range(1000)]

    response = check(lib, hashes)
    assert response.status_code == 200
    assert response.json["known"] == [
        {"sha256": digest("999"), "asset_id": str(asset), "status": "ready"}
    ]

    error = assert_error(check(lib, [*hashes, digest("1000")]), 400, "validation_error")
    assert error["details"][0]["field"] == "sha256s"


@pytest.mark.parametrize(
    "body",
    [
        {"sha256s": ["g" * 64]},
        {"sha256s": ["a" * 63]},
        {"sha256s": ["a" * 65]},
        {"sha256s": [" " + "a" * 63]},
        {"sha256s": ["a" * 64 + "\n"]},
        {"sha256s": [123]},
        {"sha256s": []},
        {"sha256s": "a" * 64},
        {},
        {"sha256s": ["a" * 64], "extra": True},
    ],
    ids=[
        "not-hex",
        "short",
        "long",
        "space",
        "newline",
        "number",
        "empty",
        "not-a-list",
        "missing",
        "extra-field",
    ],
)
def test_malformed_lists_are_refused(local_library, body):
    assert_error(local_library.api("POST", "/uploads/check", json=body), 400, "validation_error")


def test_malformed_json_is_refused(local_library):
    response = local_library.api(
        "POST",
        "/uploads/check",
        data=b'{"sha256s": [',
        headers={"Content-Type": "application/json"},
    )
    assert_error(response, 400, "invalid_json")


def test_unauthenticated_is_401(client):
    assert_error(client.post(CHECK, json={"sha256s": [digest("x")]}), 401)


def test_cookie_auth_needs_the_csrf_header(local_library):
    """The library's test client holds the owner's session cookies from signing in."""
    lib = local_library
    make_asset(lib.app, owner_id(lib), sha256=digest("photo"))
    body = {"sha256s": [digest("photo")]}

    assert_error(lib.client.post(CHECK, json=body), 403, "csrf_failed")
    allowed = lib.client.post(CHECK, json=body, headers=csrf_headers(lib.client))
    assert allowed.status_code == 200
    assert [k["sha256"] for k in allowed.json["known"]] == [digest("photo")]
