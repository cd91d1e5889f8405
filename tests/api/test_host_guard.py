"""Only the server's own host names are answered: no DNS rebinding (issue 9, item 11)."""

from __future__ import annotations

import socket

import pytest

from tests.factories import assert_error


@pytest.mark.parametrize(
    "host",
    ["evil.example", "evil.example:8765", "127.0.0.1.nip.io", "localhost.evil.example", "x:y:z"],
)
def test_unknown_hosts_are_refused_before_anything_runs(client, host):
    error = assert_error(client.get("/api/v1/health", headers={"Host": host}), 400, "unknown_host")
    assert "evil" not in error["message"]
    register = client.post(
        "/api/v1/auth/register",
        json={"email": "a@example.com", "password": "a long password"},
        headers={"Host": host},
    )
    assert_error(register, 400, "unknown_host")


@pytest.mark.parametrize(
    "host",
    [
        "localhost",
        "localhost:8765",
        "127.0.0.1:8765",
        "192.168.1.20:8765",
        "[::1]:8765",
        "[fe80::1]",
        "LOCALHOST",
        f"{socket.gethostname().split('.')[0]}.local:8765",
    ],
)
def test_own_names_and_addresses_are_answered(client, host):
    assert client.get("/api/v1/health", headers={"Host": host}).status_code == 200


def test_configured_public_and_extra_hosts_are_answered(make_app, config):
    app = make_app(
        config.with_overrides(
            public_base_url="https://photos.example.net", allowed_hosts=["nas.home.arpa"]
        )
    )
    client = app.test_client()
    for host in ("photos.example.net", "nas.home.arpa:8765"):
        assert client.get("/api/v1/health", headers={"Host": host}).status_code == 200
    assert_error(client.get("/api/v1/health", headers={"Host": "other.example.net"}), 400)
