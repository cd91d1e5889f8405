"""Fixtures: both blob stores behind one HTTP helper, the moto server, a minimal blob app."""

from __future__ import annotations

import types
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import boto3
import pytest
import requests
from flask import Flask
from requests.structures import CaseInsensitiveDict

from mediabox.api.blobs import blobs_bp
from mediabox.api.errors import render as render_error
from mediabox.container import install_container
from mediabox.domain.errors import DomainError
from mediabox.infra.blobstore import LocalBlobStore, S3BlobStore, UrlSigner
from tests.support.moto_server import ACCESS_KEY_ID, REGION, SECRET_ACCESS_KEY, moto_server

BUCKET = "mediabox-test"
SIGNING_KEY = b"0123456789abcdef0123456789abcdef"


class FakeClock:
    """A settable clock; starts at the real current time so S3 signatures stay plausible."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@dataclass
class HttpResult:
    """Status, headers (case-insensitive) and body of one response."""

    status: int
    headers: CaseInsensitiveDict
    body: bytes


class FlaskHttp:
    """Sends requests to relative local-store URLs through the Flask test client."""

    def __init__(self, client) -> None:
        self._client = client

    def request(self, method: str, url: str, headers=None, body: bytes = b"") -> HttpResult:
        response = self._client.open(url, method=method, headers=headers or {}, data=body)
        return HttpResult(
            response.status_code, CaseInsensitiveDict(response.headers), response.get_data()
        )


class RequestsHttp:
    """Sends requests to absolute pre-signed S3 URLs over real HTTP."""

    def request(self, method: str, url: str, headers=None, body: bytes = b"") -> HttpResult:
        response = requests.request(method, url, headers=headers or {}, data=body, timeout=30)
        return HttpResult(response.status_code, response.headers, response.content)


@dataclass
class BlobEnv:
    """A store under test, the HTTP transport for its URLs, and its clock."""

    name: str
    store: object
    http: object
    clock: FakeClock

    def upload(self, key: str, body: bytes, content_type: str = "image/jpeg") -> HttpResult:
        presigned = self.store.presign_put(key, content_type, max_bytes=len(body), expires_in=600)
        return self.http.request(presigned.method, presigned.url, presigned.headers, body)


def make_key(kind: str = "o", ext: str = ".jpg") -> str:
    """A fresh, valid key for the given kind (o, t, v or p)."""
    suffix = ext if kind == "o" else ".jpg"
    return f"u/{uuid.uuid4()}/{kind}/2024/05/{uuid.uuid4()}{suffix}"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def local_store(tmp_path, clock) -> LocalBlobStore:
    return LocalBlobStore(tmp_path / "blobs", UrlSigner(SIGNING_KEY), clock=clock)


@pytest.fixture
def blob_app(local_store) -> Flask:
    app = Flask(__name__)
    # The store alone: every PUT grant is let through (`UploadPutGuard` is tested in tests/api).
    open_guard = types.SimpleNamespace(check=lambda key: None)
    install_container(
        app, types.SimpleNamespace(blob_store=local_store, upload_put_guard=open_guard)
    )
    app.register_blueprint(blobs_bp)
    app.register_error_handler(DomainError, render_error)
    return app


@pytest.fixture
def blob_client(blob_app):
    with blob_app.test_client() as client:
        yield client


@pytest.fixture(scope="session")
def moto_endpoint():
    with moto_server() as server:
        yield server.endpoint_url


@pytest.fixture(scope="session")
def s3_bucket(moto_endpoint) -> str:
    client = boto3.client(
        "s3",
        endpoint_url=moto_endpoint,
        region_name=REGION,
        aws_access_key_id=ACCESS_KEY_ID,
        aws_secret_access_key=SECRET_ACCESS_KEY,
    )
    client.create_bucket(Bucket=BUCKET)
    return BUCKET


@pytest.fixture
def s3_store(moto_endpoint, s3_bucket, clock) -> S3BlobStore:
    return S3BlobStore(
        s3_bucket,
        region=REGION,
        endpoint_url=moto_endpoint,
        access_key_id=ACCESS_KEY_ID,
        secret_access_key=SECRET_ACCESS_KEY,
        clock=clock,
    )


@pytest.fixture(params=["local", "s3"])
def env(request, clock) -> BlobEnv:
    if request.param == "local":
        store = request.getfixturevalue("local_store")
        http = FlaskHttp(request.getfixturevalue("blob_client"))
    else:
        store = request.getfixturevalue("s3_store")
        http = RequestsHttp()
    return BlobEnv(request.param, store, http, clock)
