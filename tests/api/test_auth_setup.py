"""GET /auth/setup: the first-run state the web app uses to choose /setup or /login."""

from __future__ import annotations

from tests.factories import register


def test_setup_required_until_the_first_account_exists(make_app, config):
    client = make_app(config.with_overrides(allow_registration=False)).test_client()
    before = client.get("/api/v1/auth/setup")
    assert before.status_code == 200
    assert before.json == {"setup_required": True, "registration_open": True}
    assert register(client, "owner@example.com").status_code == 201
    after = client.get("/api/v1/auth/setup")
    assert after.json == {"setup_required": False, "registration_open": False}


def test_registration_open_when_configured(make_app, config):
    client = make_app(config.with_overrides(allow_registration=True)).test_client()
    assert register(client, "owner@example.com").status_code == 201
    assert client.get("/api/v1/auth/setup").json == {
        "setup_required": False,
        "registration_open": True,
    }


def test_setup_state_needs_no_session_and_is_documented(client):
    response = client.get("/api/v1/auth/setup", headers={"Authorization": "Bearer nonsense"})
    assert response.status_code == 200
    operation = client.get("/api/v1/openapi.json").json["paths"]["/api/v1/auth/setup"]["get"]
    schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert schema["$ref"].endswith("/SetupOut")
