"""Blob PUT bodies are spooled by the server into the local store's temp directory and
renamed (single PUT) or copied in-kernel (planned part) into place, without losing any check:
signature, size limits, and nothing left behind by a refused or cut-off body."""

from __future__ import annotations

import hashlib
import os
import socket
import threading
import time
from pathlib import Path

import pytest
import requests
from waitress import wasyncore

from mediabox.infra.blobstore.local import tmp_dir_of
from mediabox.infra.body_spool import SPOOL_PREFIX, SpooledBody
from mediabox.infra.http_limits import BodyLimits, create_bounded_server

MiB = 1024 * 1024
JPEG_HEAD = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"


def fake_jpeg(size: int, seed: bytes = b"") -> bytes:
    block = hashlib.sha256(seed or b"spool").digest() * 4096
    body = JPEG_HEAD + (block * (size // len(block) + 1))
    return body[:size]


class LiveServer:
    """The full app behind the bounded waitress server, on a free 127.0.0.1 port."""

    def __init__(self, app, config):
        self.config = config
        self.server = create_bounded_server(
            app,
            limits=BodyLimits.from_config(config),
            connection_limit=20,
            host="127.0.0.1",
            port=0,
            threads=4,
        )
        self.base = f"http://127.0.0.1:{self.server.effective_port}"
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()
        self.headers = self._sign_in()

    def _serve(self) -> None:
        while not self._stop.is_set():
            wasyncore.loop(timeout=0.05, map=self.server._map, count=1)
        self.server.close()
        self.server.task_dispatcher.shutdown()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _sign_in(self) -> dict[str, str]:
        account = {"email": "spool@example.com", "password": "a long test passphrase"}
        requests.post(f"{self.base}/api/v1/auth/register", json=account, timeout=30)
        token = requests.post(f"{self.base}/api/v1/auth/login", json=account, timeout=30)
        token.raise_for_status()
        return {"Authorization": f"Bearer {token.json()['access_token']}"}

    def api(self, method: str, path: str, **kwargs) -> requests.Response:
        return requests.request(
            method, f"{self.base}/api/v1{path}", headers=self.headers, timeout=60, **kwargs
        )

    def create(self, size: int, name: str = "photo.jpg") -> dict:
        body = {"filename": name, "content_type": "image/jpeg", "size_bytes": size}
        created = self.api("POST", "/uploads/create", json=body)
        assert created.status_code == 201, created.text
        return created.json()

    @property
    def spool_dir(self) -> Path:
        return tmp_dir_of(self.config.blob_root)

    def spooled_files(self) -> list[str]:
        return [p.name for p in self.spool_dir.iterdir() if p.name.startswith(SPOOL_PREFIX)]

    def spooled_files_after_requests_close(self) -> list[str]:
        """The spool files left once the server has closed the requests (it answers first,
        then closes the request's buffer)."""
        deadline = time.monotonic() + 10
        while self.spooled_files() and time.monotonic() < deadline:
            time.sleep(0.02)
        return self.spooled_files()


@pytest.fixture
def live(make_app, config):
    config = config.with_overrides(multipart_threshold_bytes=4 * MiB)
    server = LiveServer(make_app(config), config)
    yield server
    server.stop()


@pytest.fixture
def spools(monkeypatch):
    """The inode of every body spooled while the test runs."""
    inodes: list[int] = []
    original = SpooledBody.__init__

    def record(self, directory):
        original(self, directory)
        inodes.append(os.fstat(self.fileno()).st_ino)

    monkeypatch.setattr(SpooledBody, "__init__", record)
    return inodes


def _object_path(live: LiveServer, asset_id: str) -> Path:
    found = live.config.blob_root.glob(f"u/*/o/*/*/{asset_id}.*")
    matches = [path for path in found if not path.name.endswith(".meta.json")]
    assert len(matches) == 1, matches
    return matches[0]


def test_a_single_put_body_is_the_stored_file(live, spools):
    data = fake_jpeg(3 * MiB)
    created = live.create(len(data))
    plan = created["upload"]
    put = requests.put(live.base + plan["url"], data=data, headers=plan["headers"], timeout=60)

    assert put.status_code == 200, put.text
    assert put.headers["ETag"] == f'"{hashlib.sha256(data).hexdigest()[:32]}"'
    stored = _object_path(live, created["asset_id"])
    assert stored.read_bytes() == data
    assert spools == [stored.stat().st_ino]  # renamed into place, not copied
    assert live.spooled_files_after_requests_close() == []
    final = live.api("POST", f"/uploads/{created['asset_id']}/finalize")
    assert final.status_code == 200, final.text
    assert final.json()["asset"]["content_type"] == "image/jpeg"


def test_refused_puts_leave_nothing_behind(live, spools):
    data = fake_jpeg(2 * MiB)
    created = live.create(len(data) - 1)
    plan = created["upload"]
    forged = live.base + plan["url"].replace("sig=", "sig=x")
    assert requests.put(forged, data=data, headers=plan["headers"], timeout=60).status_code == 403
    too_big = requests.put(live.base + plan["url"], data=data, headers=plan["headers"], timeout=60)
    assert too_big.status_code == 413
    wrong_type = requests.put(
        live.base + plan["url"], data=data[:-1], headers={"Content-Type": "image/png"}, timeout=60
    )
    assert wrong_type.status_code == 403

    assert len(spools) == 3  # each body was spooled, and each spool is gone again
    assert live.spooled_files_after_requests_close() == []
    assert list(live.config.blob_root.glob("u/*/o/*/*/*")) == []


def test_a_body_cut_off_midway_leaves_no_spool(live):
    created = live.create(2 * MiB)
    url = created["upload"]["url"]
    sock = socket.create_connection(("127.0.0.1", live.server.effective_port), timeout=10)
    try:
        sock.sendall(
            f"PUT {url} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: image/jpeg\r\n"
            f"Content-Length: {2 * MiB}\r\n\r\n".encode()
            + b"\xff" * MiB
        )
        deadline = time.monotonic() + 10
        while not live.spooled_files() and time.monotonic() < deadline:
            time.sleep(0.02)
        assert live.spooled_files(), "the body was not spooled into the store's temp directory"
    finally:
        sock.close()
    assert live.spooled_files_after_requests_close() == []
    assert list(live.config.blob_root.glob("u/*/o/*/*/*")) == []


def test_planned_parts_are_copied_from_the_spool_into_place(live, spools):
    data = fake_jpeg(17 * MiB, seed=b"parts")
    created = live.create(len(data), "big.jpg")
    asset_id, plan = created["asset_id"], created["upload"]
    assert plan == {"type": "multipart", "part_size": 8 * MiB, "part_count": 3}
    urls = live.api("POST", f"/uploads/{asset_id}/parts", json={"part_numbers": [3, 1, 2]})
    parts = []
    for part in urls.json()["parts"]:
        number = part["part_number"]
        body = data[(number - 1) * 8 * MiB : number * 8 * MiB]
        put = requests.put(live.base + part["url"], data=body, timeout=60)
        assert put.status_code == 200, put.text
        assert put.headers["ETag"] == f'"{hashlib.sha256(body).hexdigest()[:32]}"'
        parts.append({"part_number": number, "etag": put.headers["ETag"].strip('"')})

    assert len(spools) == 3
    assert live.spooled_files_after_requests_close() == []
    final = live.api("POST", f"/uploads/{asset_id}/finalize", json={"parts": parts})
    assert final.status_code == 200, final.text
    assert _object_path(live, asset_id).read_bytes() == data
