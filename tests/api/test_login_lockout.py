"""Login and registration resist abuse without locking the owner out (issue 9, item 10)."""

from __future__ import annotations

from tests.factories import DEFAULT_PASSWORD, assert_error, register, sign_up


def _login(app, email, password, address):
    return app.test_client().post(
        "/api/v1/auth/login",
        json={"email": email, "password": password},
        environ_base={"REMOTE_ADDR": address},
    )


def test_right_passwords_never_count_against_the_account(make_app, config):
    app = make_app(config.with_overrides(login_account_rate_limit="3 per minute"))
    sign_up(app.test_client())
    for _ in range(8):
        assert _login(app, "owner@example.com", DEFAULT_PASSWORD, "10.0.0.1").status_code == 200


def test_an_attacker_cannot_keep_the_owner_out(make_app, config):
    app = make_app(
        config.with_overrides(
            login_account_rate_limit="3 per minute", login_rate_limit="1000 per minute"
        )
    )
    sign_up(app.test_client())
    for _ in range(3):
        assert _login(app, "owner@example.com", "guess guess", "203.0.113.5").status_code == 401
    refused = [_login(app, "owner@example.com", "guess guess", "203.0.113.5") for _ in range(5)]
    for response in refused:
        error = assert_error(response, 429, "rate_limited")
        assert 1 <= error["details"]["retry_after"] <= 60
    owner = _login(app, "owner@example.com", DEFAULT_PASSWORD, "192.0.2.10")
    assert owner.status_code == 200, "a client that never failed is still checked"
    assert _login(app, "other@example.com", "guess guess", "203.0.113.5").status_code == 401


def test_unknown_accounts_back_off_like_real_ones(make_app, config):
    app = make_app(config.with_overrides(login_account_rate_limit="3 per minute"))
    sign_up(app.test_client())
    for email in ("owner@example.com", "nobody@example.com"):
        for _ in range(3):
            assert_error(_login(app, email, "guess guess", "203.0.113.7"), 401)
        assert_error(_login(app, email, "guess guess", "203.0.113.7"), 429, "rate_limited")


def test_registration_is_rate_limited_per_client(make_app, config):
    app = make_app(config.with_overrides(register_rate_limit="3 per hour"))
    client = app.test_client()
    for n in range(3):
        assert register(client, f"user{n}@example.com").status_code == 201
    assert_error(register(client, "user9@example.com"), 429, "rate_limited")
    elsewhere = app.test_client().post(
        "/api/v1/auth/register",
        json={"email": "user9@example.com", "password": DEFAULT_PASSWORD},
        environ_base={"REMOTE_ADDR": "192.0.2.99"},
    )
    assert elsewhere.status_code == 201


def test_public_registration_answers_a_taken_email_like_a_new_one(app, client):
    owner = sign_up(client, "owner@example.com")
    taken = register(app.test_client(), "Owner@Example.com", "a different password")
    fresh = register(app.test_client(), "new@example.com", "a different password")
    assert taken.status_code == fresh.status_code == 201
    assert set(taken.json["user"]) == set(fresh.json["user"])
    assert taken.json["user"]["id"] != owner.user["id"]
    assert taken.json["user"]["is_admin"] is False
    assert _login(app, "owner@example.com", "a different password", "10.0.0.2").status_code == 401
    assert _login(app, "owner@example.com", DEFAULT_PASSWORD, "10.0.0.3").status_code == 200
    assert _login(app, "new@example.com", "a different password", "10.0.0.4").status_code == 200
