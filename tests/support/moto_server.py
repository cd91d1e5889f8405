"""Start moto's standalone S3-compatible server as a subprocess for integration tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

ACCESS_KEY_ID = "testing"
SECRET_ACCESS_KEY = "testing"
REGION = "us-east-1"


@dataclass(frozen=True)
class MotoServer:
    """A running moto server: its endpoint URL and a function that stops it."""

    endpoint_url: str
    stop: Callable[[], None]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_up(url: str, process: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"moto server exited early with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/moto-api/", timeout=1):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.1)
    raise RuntimeError(f"moto server did not answer at {url} within {timeout} s")


def start_moto_server(timeout: float = 30.0) -> MotoServer:
    """Start ``python -m moto.server`` on a free local port and wait until it answers."""
    port = _free_port()
    env = {
        **os.environ,
        "AWS_ACCESS_KEY_ID": ACCESS_KEY_ID,
        "AWS_SECRET_ACCESS_KEY": SECRET_ACCESS_KEY,
        "AWS_DEFAULT_REGION": REGION,
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )

    def stop() -> None:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    endpoint_url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(endpoint_url, process, timeout)
    except BaseException:
        stop()
        raise
    return MotoServer(endpoint_url=endpoint_url, stop=stop)


@contextmanager
def moto_server() -> Iterator[MotoServer]:
    """Context manager form of :func:`start_moto_server` that always stops the process."""
    server = start_moto_server()
    try:
        yield server
    finally:
        server.stop()
