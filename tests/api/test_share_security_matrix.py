"""The security matrix of share links: every public endpoint against every way of reaching
something the link does not name. Each cell must be refused, and must not leak the target."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest

from tests.factories import (
    MovableClock,
    assert_error,
    make_album,
    make_asset,
    make_share,
    sign_up,
)

PASSWORD = "shared secret"
ENDPOINTS = ["open", "assets", "download-original", "download-thumb", "unlock"]


@dataclass
class World:
    app: object
    clock: MovableClock
    owner: object
    token: str
    credential: str
    inside: str
    outside: str
    other_token: str
    other_credential: str
    other_asset: str
    owner_client: object


@pytest.fixture
def world(make_app, config) -> World:
    clock = MovableClock()
    app = make_app(config, clock=clock)
    client = app.test_client()
    owner = sign_up(client, "owner@example.com")
    inside = make_asset(app, owner.user["id"], original_filename="inside.jpg")
    outside = make_asset(app, owner.user["id"], original_filename="outside.jpg")
    album = make_album(client, owner, [inside], title="Shared album")
    share = make_share(
        client,
        owner,
        album_id=album,
        password=PASSWORD,
        expires_at=(clock() + timedelta(days=1)).isoformat(),
    )
    stranger_client = app.test_client()
    stranger = sign_up(stranger_client, "stranger@example.com")
    other_asset = make_asset(app, stranger.user["id"], original_filename="theirs.jpg")
    other = make_share(stranger_client, stranger, asset_id=other_asset, password=PASSWORD)
    visitor = app.test_client()
    credential = _unlock(visitor, share["token"], PASSWORD).json["credential"]
    other_credential = _unlock(visitor, other["token"], PASSWORD).json["credential"]
    return World(
        app, clock, owner, share["token"], credential, str(inside), str(outside),
        other["token"], other_credential, str(other_asset), client,
    )  # fmt: skip


def _unlock(client, token, password=None, headers=None):
    body = {} if password is None else {"password": password}
    return client.post(f"/api/v1/shares/{token}/unlock", json=body, headers=headers or {})


def _call(world: World, endpoint: str, *, credential=None, asset_id=None, password=None):
    client = world.app.test_client()
    headers = {"X-Share-Credential": credential} if credential is not None else {}
    base = f"/api/v1/shares/{world.token}"
    if endpoint == "open":
        return client.get(base, headers=headers)
    if endpoint == "assets":
        return client.get(base + "/assets", headers=headers)
    if endpoint.startswith("download-"):
        kind = endpoint.split("-", 1)[1]
        query = {"asset_id": asset_id or world.inside, "kind": kind}
        return client.get(base + "/download-url", query_string=query, headers=headers)
    return _unlock(client, world.token, password, headers)


def _tamper(value: str) -> str:
    i = len(value) // 2
    return value[:i] + ("A" if value[i] != "A" else "B") + value[i + 1 :]


def _revoke(world: World):
    world.owner_client.post(f"/api/v1/shares/{world.token}/revoke", headers=world.owner.bearer)


SCENARIOS = {
    # name: (applies to, setup, call kwargs, expected status, expected code)
    "revoked": (ENDPOINTS, _revoke, lambda w: {"credential": w.credential, "password": PASSWORD},
                410, "share_revoked"),
    "expired": (ENDPOINTS, lambda w: w.clock.advance(days=1, seconds=1),
                lambda w: {"credential": w.credential, "password": PASSWORD}, 410, "share_expired"),
    "wrong_password": (ENDPOINTS, None, lambda w: {"password": "not the secret"}, 401, None),
    "missing_password": (ENDPOINTS, None, lambda w: {}, None, None),
    "tampered_credential": (ENDPOINTS, None,
                            lambda w: {"credential": _tamper(w.credential), "password": "x"},
                            401, None),
    "other_links_credential": (ENDPOINTS, None,
                               lambda w: {"credential": w.other_credential, "password": "x"},
                               401, None),
    "other_shares_asset": (["download-original", "download-thumb"], None,
                           lambda w: {"credential": w.credential, "asset_id": w.other_asset},
                           404, "asset_not_found"),
    "same_owner_asset_outside_album": (["download-original", "download-thumb"], None,
                                       lambda w: {"credential": w.credential,
                                                  "asset_id": w.outside},
                                       404, "asset_not_found"),
}  # fmt: skip

CELLS = [
    pytest.param(endpoint, scenario, id=f"{endpoint}-{scenario}")
    for scenario, (endpoints, *_rest) in SCENARIOS.items()
    for endpoint in endpoints
]


@pytest.mark.parametrize(("endpoint", "scenario"), CELLS)
def test_public_endpoint_refuses(world, endpoint, scenario):
    _endpoints, setup, kwargs, status, code = SCENARIOS[scenario]
    if setup is not None:
        setup(world)
    response = _call(world, endpoint, **kwargs(world))
    if status is None:  # missing password: 400 for the unlock body, 401 elsewhere
        status, code = (400, None) if endpoint == "unlock" else (401, "password_required")
    assert_error(response, status, code)
    text = response.get_data(as_text=True)
    for secret in ("Shared album", "inside.jpg", "outside.jpg", "theirs.jpg", "/blobs/"):
        assert secret not in text, (secret, text)
    assert "credential" not in (response.get_json() or {}), "no credential is handed out"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("endpoint", ["open", "assets", "download-original", "download-thumb"])
def test_the_valid_credential_is_what_opens_each_endpoint(world, endpoint):
    """The control row of the matrix: the same calls succeed with the right credential."""
    response = _call(world, endpoint, credential=world.credential)
    assert response.status_code == 200, response.get_json()


@pytest.mark.parametrize(
    ("path", "how"),
    [
        ("/api/v1/assets", "bearer"),
        ("/api/v1/assets", "access_cookie"),
        ("/api/v1/auth/me", "bearer"),
        ("/api/v1/auth/me", "access_cookie"),
        ("/api/v1/albums", "bearer"),
        ("/api/v1/shares", "bearer"),
        ("/api/v1/assets", "share_header"),
        ("/api/v1/auth/me", "share_header"),
    ],
)
def test_share_credential_is_never_a_user_session(world, path, how):
    client = world.app.test_client()
    headers = {}
    if how == "bearer":
        headers["Authorization"] = f"Bearer {world.credential}"
    elif how == "share_header":
        headers["X-Share-Credential"] = world.credential
    else:
        client.set_cookie("access_token_cookie", world.credential)
    assert_error(client.get(path, headers=headers), 401)
    cookie_client = world.app.test_client()
    cookie_client.set_cookie("share_credential", world.credential)
    assert_error(cookie_client.get(path), 401)
