"""One desktop instance per data directory: a file lock held while the window is open, and a
small state file that remembers the port (kept for the next launch) and holds the secret a
second launch uses to ask the first to come forward. The lock is the operating system's, so
a killed process leaves nothing to clean up: its lock is gone with it."""

from __future__ import annotations

import json
import os
import secrets
import socket
import urllib.request
from dataclasses import dataclass
from pathlib import Path

# Ports Chromium (and so QtWebEngine and WebView2) refuses to load (net/base/port_util.cc).
CHROMIUM_UNSAFE_PORTS = frozenset(
    {1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101}
    | {102, 103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179}
    | {389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587}
    | {601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061}
    | {6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080}
)
PREFERRED_PORT = 8765
FOCUS_HEADER = "X-Mediabox-Focus"


def port_is_free(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def choose_port(preferred: int = PREFERRED_PORT, host: str = "127.0.0.1", tries: int = 200) -> int:
    """The first free port from `preferred` up that Chromium agrees to load."""
    for port in range(preferred, min(preferred + tries, 65536)):
        if port not in CHROMIUM_UNSAFE_PORTS and port_is_free(port, host):
            return port
    raise OSError(f"no free port in {preferred}–{preferred + tries - 1}")


@dataclass
class RunningInstance:
    """What a second launch learns about the first from the state file."""

    port: int
    focus_token: str

    def bring_forward(self, timeout: float = 3.0) -> bool:
        """Ask the running window to come to the front; False when it does not answer."""
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}/desktop/focus",
            method="POST",
            headers={FOCUS_HEADER: self.focus_token},
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
                return response.status == 204
        except OSError:
            return False


class InstanceLock:
    """The lock and state file of the desktop window for one data directory."""

    def __init__(self, data_dir: Path):
        from filelock import FileLock, Timeout

        data_dir.mkdir(parents=True, exist_ok=True)
        self.state_path = data_dir / "desktop.json"
        self._lock = FileLock(str(data_dir / "desktop.lock"))
        self._timeout = Timeout
        self.focus_token = secrets.token_urlsafe(32)

    def acquire(self) -> bool:
        """Take the lock; False when another live process holds it."""
        try:
            self._lock.acquire(timeout=0)
        except self._timeout:
            return False
        return True

    def release(self) -> None:
        self._lock.release()

    def remembered_port(self) -> int:
        return int(self._read().get("port") or PREFERRED_PORT)

    def running(self) -> RunningInstance | None:
        state = self._read()
        if state.get("port") and state.get("focus_token"):
            return RunningInstance(int(state["port"]), str(state["focus_token"]))
        return None

    def publish(self, port: int) -> None:
        """Record the port (kept for next time) and this instance's focus secret (0600)."""
        state = {"port": port, "pid": os.getpid(), "focus_token": self.focus_token}
        partial = self.state_path.with_suffix(".tmp")
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as handle:
            json.dump(state, handle)
        os.replace(partial, self.state_path)

    def withdraw(self) -> None:
        """On a clean exit: keep the port for the next launch, drop the focus secret."""
        state = self._read()
        if state.get("pid") == os.getpid():
            self.state_path.write_text(json.dumps({"port": state.get("port")}))

    def _read(self) -> dict:
        try:
            state = json.loads(self.state_path.read_text())
        except (OSError, ValueError):
            return {}
        return state if isinstance(state, dict) else {}
