"""Originals with a location leave through a link only when it shows locations (issue 9, item 8)."""

from __future__ import annotations

import pytest

from tests.factories import assert_error, make_asset, make_share, sign_up

GPS = {"gps_lat": 59.9386, "gps_lon": 30.3141}


@pytest.fixture
def owner(client):
    return sign_up(client, "owner@example.com")


def _original(app, token, asset):
    return app.test_client().get(
        f"/api/v1/shares/{token}/download-url",
        query_string={"asset_id": str(asset), "kind": "original"},
    )


def test_a_located_original_is_withheld_and_the_preview_offered(app, client, owner):
    asset = make_asset(app, owner.user["id"], **GPS)
    share = make_share(client, owner, asset_id=asset)
    assert share["allow_download"] is True and share["show_location"] is False
    error = assert_error(_original(app, share["token"], asset), 403, "original_has_location")
    assert error["details"] == {"alternative": "preview"}
    preview = app.test_client().get(
        f"/api/v1/shares/{share['token']}/download-url",
        query_string={"asset_id": str(asset), "kind": "preview"},
    )
    assert preview.status_code == 200


def test_showing_the_location_hands_out_the_original(app, client, owner):
    asset = make_asset(app, owner.user["id"], **GPS)
    share = make_share(client, owner, asset_id=asset, show_location=True)
    assert share["original_contains_location"] is True
    assert _original(app, share["token"], asset).status_code == 200


def test_an_original_without_location_is_handed_out(app, client, owner):
    asset = make_asset(app, owner.user["id"])
    share = make_share(client, owner, asset_id=asset)
    assert _original(app, share["token"], asset).status_code == 200


@pytest.mark.parametrize("state", ["pending", "running", "failed"])
def test_an_original_whose_metadata_is_unread_is_withheld(app, client, owner, state):
    asset = make_asset(app, owner.user["id"], processing_state=state)
    share = make_share(client, owner, asset_id=asset)
    assert_error(_original(app, share["token"], asset), 403, "original_has_location")
