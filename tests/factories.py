"""Helpers shared by the API tests: accounts, sign-in and CSRF headers."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_PASSWORD = "correct horse battery staple"


@dataclass
class Account:
    """A registered and signed-in user as the tests see it."""

    email: str
    password: str
    user: dict
    access_token: str
    refresh_token: str

    @property
    def bearer(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.access_token}"}


def register(client, email: str, password: str = DEFAULT_PASSWORD, **extra):
    return client.post(
        "/api/v1/auth/register", json={"email": email, "password": password, **extra}
    )


def login(client, email: str, password: str = DEFAULT_PASSWORD):
    return client.post("/api/v1/auth/login", json={"email": email, "password": password})


def sign_up(client, email: str = "owner@example.com", password: str = DEFAULT_PASSWORD) -> Account:
    response = register(client, email, password)
    assert response.status_code == 201, response.json
    response = login(client, email, password)
    assert response.status_code == 200, response.json
    body = response.json
    return Account(email, password, body["user"], body["access_token"], body["refresh_token"])


def cookie(client, name: str, path: str = "/") -> str | None:
    found = client.get_cookie(name, path=path)
    return found.value if found else None


def csrf_headers(client, kind: str = "access") -> dict[str, str]:
    return {"X-CSRF-TOKEN": cookie(client, f"csrf_{kind}_token") or ""}


def assert_error(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, (response.status_code, response.get_data(as_text=True))
    body = response.get_json()
    assert set(body) == {"error"}, body
    assert set(body["error"]) == {"code", "message", "details"}, body
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    if code is not None:
        assert body["error"]["code"] == code, body
    return body["error"]
