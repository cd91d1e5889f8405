"""Shared helpers of the benchmarks: a real `mediabox serve` on 127.0.0.1 and percentiles."""

from __future__ import annotations

import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
RUNNER = Path(__file__).resolve().parent / "_wsgi_runner.py"
WSGI_SERVERS = ("waitress", "cheroot", "granian")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """`python -m mediabox.cli serve` (waitress) in a subprocess on a free 127.0.0.1 port, or
    the same app under cheroot or granian (`_wsgi_runner.py`) for the comparison."""

    def __init__(
        self,
        data_dir: Path,
        env: dict[str, str] | None = None,
        threads: int = 8,
        wsgi: str = "waitress",
    ):
        self.wsgi = wsgi
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        full_env = {
            **os.environ,
            "MEDIABOX_DATA_DIR": str(data_dir),
            "ALLOW_REGISTRATION": "true",
            "LOGIN_RATE_LIMIT": "1000 per minute",
            "LOGIN_ACCOUNT_RATE_LIMIT": "1000 per minute",
            **(env or {}),
        }
        if wsgi == "waitress":
            command = [
                sys.executable,
                "-m",
                "mediabox.cli",
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--threads",
                str(threads),
                "--no-worker",
            ]
        else:
            command = [sys.executable, str(RUNNER), wsgi, str(self.port), str(threads)]
        self.process = subprocess.Popen(
            command,
            env=full_env,
            cwd=str(data_dir),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("the server exited early")
            try:
                if requests.get(f"{self.base}/api/v1/health", timeout=1).ok:
                    return
            except requests.ConnectionError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("the server did not start")

    def peak_rss_mb(self) -> float:
        """Peak resident set size (VmHWM) of the server process and its children (granian's
        worker is one), added up."""
        return sum(_vm_hwm_kib(pid) for pid in _tree(self.process.pid)) / 1024

    def cpu_seconds(self) -> float:
        """User + system CPU seconds used so far by the server process and its children."""
        return sum(_cpu_seconds(pid) for pid in _tree(self.process.pid))

    def login(self, email: str, password: str = "benchmark passphrase") -> dict[str, str]:  # noqa: S107
        requests.post(
            f"{self.base}/api/v1/auth/register",
            json={"email": email, "password": password},
            timeout=30,
        )
        response = requests.post(
            f"{self.base}/api/v1/auth/login",
            json={"email": email, "password": password},
            timeout=30,
        )
        response.raise_for_status()
        return {"Authorization": f"Bearer {response.json()['access_token']}"}

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT if self.wsgi == "granian" else signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _tree(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            todo += [int(child) for child in task.read_text().split()]
    return found


def _cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _vm_hwm_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def percentiles(samples_ms: list[float]) -> dict[str, float]:
    ordered = sorted(samples_ms)
    cuts = statistics.quantiles(ordered, n=100, method="inclusive")
    return {"p50": cuts[49], "p95": cuts[94], "p99": cuts[98]}


def fmt(stats: dict[str, float]) -> str:
    return "  ".join(f"{k}={v:7.2f} ms" for k, v in stats.items())
