"""Fixtures of the browser upload tests (registered by `tests/e2e/conftest.py`).

- `upload_server` (session): a `mediabox serve` of its own (SQLite + the local store) with a
  first account, so the upload tests never collide with the owner's imported library.
- `uploader`: a fresh member account on that server and a desktop page signed in as it; every
  test uploads into an empty library of its own.
- `media_120` (session): the shared test media plus generated images, 120 files.
- `open_uploader(server)`: the same as `uploader` for any server with an admin (e.g. S3).
"""

from __future__ import annotations

import itertools
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from .conftest import DESKTOP, Account, LiveServer, api_login, start_server, stop_server
from .upload_media import MediaSet, media_set

ADMIN_EMAIL = "upload-admin@example.com"
ADMIN_PASSWORD = "upload-admin-password"
_members = itertools.count(1)


@dataclass
class UploadHost:
    """A running server and a session of its admin, who adds the member accounts."""

    server: LiveServer
    admin: requests.Session

    def add_member(self, label: str) -> Account:
        email = f"{label}-{next(_members)}@example.com"
        password = f"{label}-password-123"
        response = self.admin.post(
            self.server.url("/api/v1/users"),
            json={"email": email, "password": password, "display_name": label},
            timeout=30,
        )
        assert response.status_code == 201, response.text
        return Account(email, password, label)


def start_upload_host(data_dir: Path, extra_env: dict[str, str] | None = None) -> UploadHost:
    """`mediabox serve` with one processing thread (the browser needs the other core) and
    its first (admin) account."""
    server = start_server(data_dir, {"WORKER_THREADS": "1", **(extra_env or {})})
    response = requests.post(
        server.url("/api/v1/auth/register"),
        json={"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD},
        timeout=30,
    )
    if response.status_code != 201:
        stop_server(server)
        pytest.fail(f"registering the admin failed: {response.status_code} {response.text}")
    return UploadHost(server, api_login(server, ADMIN_EMAIL, ADMIN_PASSWORD))


@pytest.fixture(scope="session")
def upload_server():
    with tempfile.TemporaryDirectory(prefix="mediabox-e2e-upload-") as tmp:
        host = start_upload_host(Path(tmp))
        try:
            yield host
        finally:
            stop_server(host.server)


@dataclass
class Uploader:
    """A member's page and API session on an upload host."""

    host: UploadHost
    account: Account
    page: object
    api: requests.Session

    @property
    def base_url(self) -> str:
        return self.host.server.base_url


@pytest.fixture
def open_uploader(open_page, request):
    """`open_uploader(host, label=None, account=None, viewport=DESKTOP)`: a signed-in page and
    API session of `account`, or of a fresh member of `host`."""

    def open_(
        host: UploadHost,
        label: str | None = None,
        account: Account | None = None,
        viewport: dict = DESKTOP,
    ):
        if account is None:
            name = label or request.node.name.split("[")[0].replace("_", "-")[:40]
            account = host.add_member(name)
        page = open_page(host.server, viewport, account)
        api = api_login(host.server, account.email, account.password)
        return Uploader(host, account, page, api)

    return open_


@pytest.fixture
def uploader(open_uploader, upload_server) -> Uploader:
    return open_uploader(upload_server)


@pytest.fixture(scope="session")
def media_120(tmp_path_factory) -> MediaSet:
    return media_set(tmp_path_factory.mktemp("media-120"), 120)
