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


def make_asset(app, owner_id, **fields):
    """Insert a ready photo of `owner_id` straight through the ORM; returns its id (a UUID)."""
    import uuid
    from datetime import UTC, datetime

    from mediabox.domain.models import Asset
    from mediabox.infra.db import db

    owner = uuid.UUID(str(owner_id))
    asset_id = fields.pop("id", None) or uuid.uuid4()
    captured = fields.pop("captured_at", None) or datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
    month = captured.strftime("%Y/%m")
    values = dict(
        id=asset_id,
        owner_id=owner,
        type="photo",
        status="ready",
        original_filename=f"{asset_id.hex[:8]}.jpg",
        content_type="image/jpeg",
        size_bytes=1234,
        sha256=uuid.uuid4().hex * 2,
        captured_at=captured,
        storage_key_original=f"u/{owner}/o/{month}/{asset_id}.jpg",
        storage_key_thumb=f"u/{owner}/t/{month}/{asset_id}.jpg",
        storage_key_preview=f"u/{owner}/v/{month}/{asset_id}.jpg",
        processing_state="done",
    )
    values.update(fields)
    with app.app_context():
        db.session.add(Asset(**values))
        db.session.commit()
        db.session.remove()
    return asset_id


def update_asset(app, asset_id, **fields):
    """Change columns of an asset row directly (e.g. `deleted_at` to trash it)."""
    from mediabox.domain.models import Asset
    from mediabox.infra.db import db

    with app.app_context():
        asset = db.session.get(Asset, asset_id)
        for name, value in fields.items():
            setattr(asset, name, value)
        db.session.commit()
        db.session.remove()


class MovableClock:
    """A clock tests can move: `clock.advance(seconds=...)`."""

    def __init__(self, start=None):
        from datetime import UTC, datetime

        self.now = start or datetime.now(UTC).replace(microsecond=0)

    def __call__(self):
        return self.now

    def advance(self, **delta):
        from datetime import timedelta

        self.now = self.now + timedelta(**delta)


def make_share(client, account, **body):
    """Create a share link as `account`; returns the JSON of the link."""
    body = {k: (str(v) if k in {"asset_id", "album_id"} else v) for k, v in body.items()}
    response = client.post("/api/v1/shares", json=body, headers=account.bearer)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def make_album(client, account, asset_ids=(), title="Album"):
    """Create an album holding `asset_ids`; returns its id (a string)."""
    response = client.post("/api/v1/albums", json={"title": title}, headers=account.bearer)
    assert response.status_code == 201, response.get_json()
    album_id = response.get_json()["id"]
    if asset_ids:
        added = client.post(
            f"/api/v1/albums/{album_id}/assets",
            json={"asset_ids": [str(i) for i in asset_ids]},
            headers=account.bearer,
        )
        assert added.status_code == 200, added.get_json()
    return album_id


def upload_photo(library, seed: int) -> str:
    """Upload a small generated JPEG through `library` (a fixtures.storage Library); its id."""
    from tests.integration.processing.helpers import small_jpeg

    return library.upload(small_jpeg(seed), f"photo-{seed}.jpg")["asset"]["id"]


def share_token(library, **body) -> str:
    """Create a share link through `library`'s API; its token."""
    response = library.api("POST", "/shares", json=body)
    assert response.status_code == 201, response.get_json()
    return response.json["token"]


def owner_file_url(library, asset_id: str, kind: str = "original") -> str:
    """A signed URL of one of the owner's files, as the library hands it out."""
    response = library.api("GET", f"/assets/{asset_id}/download-url?kind={kind}")
    assert response.status_code == 200, response.get_json()
    return response.json["url"]
