"""Request bodies are bounded by the server before they are spooled (issue 9, item 1)."""

from __future__ import annotations

import json
import os
import select
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from waitress import wasyncore

from mediabox.infra.config import Config
from mediabox.infra.http_limits import BodyLimits, create_bounded_server

TEN_GB = 10 * 1024**3
CHUNK = 256 * 1024
BUDGET = 8 * 1024 * 1024
BLOB_PATH = (
    "/api/v1/blobs/u/00000000-0000-0000-0000-000000000001/o/2024/05/"
    "00000000-0000-0000-0000-000000000002.jpg"
)


def send_huge_body(port: int, method: str, path: str) -> tuple[bytes, int]:
    """Declare 10 GB and stream zeros; return what the server answered and the bytes sent."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    sent = 0
    answer = b""
    try:
        sock.sendall(
            f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {TEN_GB}\r\n\r\n".encode()
        )
        while sent < BUDGET:
            readable, _, _ = select.select([sock], [], [], 0.05)
            if readable:
                answer = sock.recv(65536)
                break
            try:
                sock.sendall(b"\0" * CHUNK)
            except (BrokenPipeError, ConnectionResetError):
                break
            sent += CHUNK
        if not answer:
            readable, _, _ = select.select([sock], [], [], 2)
            if readable:
                try:
                    answer = sock.recv(65536)
                except ConnectionResetError:
                    answer = b""
    finally:
        sock.close()
    return answer, sent


def assert_refused_early(answer: bytes, sent: int) -> None:
    assert sent < BUDGET, f"the server let {sent} bytes in without answering"
    assert answer == b"" or answer.startswith(b"HTTP/1.1 413"), answer[:200]


@pytest.fixture
def bounded_server():
    """A bounded waitress server in this process around a WSGI app that records its calls."""
    calls: list[str] = []

    def app(environ, start_response):
        calls.append(environ["PATH_INFO"])
        body = environ["wsgi.input"].read()
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [str(len(body)).encode()]

    config = Config(data_dir=Path("/nonexistent"), multipart_threshold_bytes=2 * 1024 * 1024)
    limits = BodyLimits.from_config(config)
    server = create_bounded_server(
        app, limits=limits, connection_limit=7, host="127.0.0.1", port=0, threads=2
    )
    stop = threading.Event()

    def serve_until_stopped():
        while not stop.is_set():
            wasyncore.loop(timeout=0.05, map=server._map, count=1)
        server.close()
        server.task_dispatcher.shutdown()

    thread = threading.Thread(target=serve_until_stopped, daemon=True)
    thread.start()
    yield server, calls, limits
    stop.set()
    thread.join(timeout=5)


def test_a_declared_10_gb_body_is_refused_before_any_spooling(bounded_server, monkeypatch):
    from waitress.buffers import TempfileBasedBuffer

    server, calls, _limits = bounded_server
    spooled = []
    original_newfile = TempfileBasedBuffer.newfile
    monkeypatch.setattr(
        TempfileBasedBuffer, "newfile", lambda self: spooled.append(1) or original_newfile(self)
    )
    for method, path in (("POST", "/api/v1/auth/login"), ("PUT", BLOB_PATH)):
        answer, sent = send_huge_body(server.effective_port, method, path)
        assert_refused_early(answer, sent)
    assert calls == []
    assert spooled == []
    assert server.adj.connection_limit == 7


def test_bodies_within_the_route_limits_still_reach_the_app(bounded_server):
    server, calls, limits = bounded_server
    url = f"http://127.0.0.1:{server.effective_port}"
    put = urllib.request.Request(url + BLOB_PATH, data=b"x" * (3 * 1024 * 1024), method="PUT")
    with urllib.request.urlopen(put, timeout=10) as response:
        assert response.read() == str(3 * 1024 * 1024).encode()
    # declared one byte over the JSON limit: answered 413 from the headers alone (sending the
    # body as well would race the server closing the connection)
    sock = socket.create_connection(("127.0.0.1", server.effective_port), timeout=10)
    try:
        sock.sendall(
            b"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + f"Content-Length: {limits.json_bytes + 1}\r\n\r\n".encode()
        )
        answer = sock.recv(65536)
    finally:
        sock.close()
    assert answer.startswith(b"HTTP/1.1 413"), answer[:120]
    assert calls == [BLOB_PATH]


def test_chunked_bodies_are_cut_off_at_the_route_limit(bounded_server):
    server, calls, limits = bounded_server
    sock = socket.create_connection(("127.0.0.1", server.effective_port), timeout=10)
    sock.sendall(
        b"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
    )
    chunk = b"%x\r\n" % CHUNK + b"\0" * CHUNK + b"\r\n"
    answer = b""
    try:
        for _ in range(limits.json_bytes // CHUNK + 8):
            sock.sendall(chunk)
            if select.select([sock], [], [], 0.02)[0]:
                answer = sock.recv(65536)
                break
    except (BrokenPipeError, ConnectionResetError):
        pass
    finally:
        sock.close()
    assert answer.startswith(b"HTTP/1.1 413") or answer == b""
    assert calls == []


def test_blob_put_limit_is_the_largest_single_put_or_planned_part():
    limits = BodyLimits.for_uploads(
        json_bytes=1024 * 1024,
        multipart_threshold_bytes=32 * 1024 * 1024,
        max_upload_size_bytes=50 * 1024**3,
    )
    assert 32 * 1024 * 1024 < limits.blob_put_bytes <= 33 * 1024 * 1024
    assert limits.for_request("PUT", BLOB_PATH) == limits.blob_put_bytes
    assert limits.for_request("POST", BLOB_PATH) == 1024 * 1024
    assert limits.for_request("PUT", "/api/v1/assets/x") == 1024 * 1024
    huge = BodyLimits.for_uploads(
        json_bytes=1, multipart_threshold_bytes=1, max_upload_size_bytes=1024**4
    )
    assert huge.blob_put_bytes >= 1024**4 // 10_000


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_mediabox_serve_answers_413_to_a_10_gb_declaration(
    monkeypatch, database_url, tmp_path, make_app, config
):
    make_app(config)  # registers the database clean-up
    port = _free_port()
    env = {
        **os.environ,
        "MEDIABOX_DATA_DIR": str(tmp_path / "serve-data"),
        "DATABASE_URL": database_url,
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "mediabox.cli", "serve", "--port", str(port), "--no-worker"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        cwd=tmp_path,
    )
    try:
        for _ in range(150):
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/api/v1/health", timeout=2
                ) as response:
                    assert json.load(response)["status"] == "ok"
                    break
            except OSError:
                assert proc.poll() is None, proc.stdout.read()
                time.sleep(0.2)
        for method, path in (("POST", "/api/v1/auth/register"), ("PUT", BLOB_PATH)):
            answer, sent = send_huge_body(port, method, path)
            assert_refused_early(answer, sent)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
