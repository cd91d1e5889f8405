"""The desktop's server in a process of its own (`mediabox.launch.desktop_process`): it serves
the app, mints the window's one-time sign-in URL, asks the window to come forward for a second
launch, imports files dropped on the window by path, and stops within 5 s with the port free;
it exits when the window's process is killed; and the window's process never loads the app."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests

from mediabox.launch.desktop_process import ServerFailed, ServerProcess
from mediabox.launch.instance import FOCUS_HEADER
from tests.factories import register

FOCUS_TOKEN = "f" * 43
# The window's side of a launch without the window: the server process started as the
# launcher starts it; prints what it loaded, then waits to be killed.
PARENT_SCRIPT = """
import json, sys, time
import mediabox.cli
from mediabox.infra.config import Config
from mediabox.launch.desktop import Desktop
from mediabox.launch.desktop_process import ServerFailed, ServerProcess

config = Config.from_env()
server = ServerProcess(config, focus_token="f" * 43, preferred_port=int(sys.argv[1])).start()
server.wait_ready(120)
server.sign_in_url()
loaded = sorted(
    {m.split(".")[0] for m in sys.modules} & {"flask", "sqlalchemy", "waitress", "huey", "werkzeug"}
)
print(json.dumps({"child": server.process.pid, "port": server.port, "loaded": loaded}), flush=True)
time.sleep(600)
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _port_is_free(port: int) -> bool:
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as a server binds it
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    status = Path(f"/proc/{pid}/stat")
    return status.exists() and status.read_text().rsplit(")", 1)[1].split()[0] == "Z"


def test_the_server_process_serves_signs_in_focuses_imports_drops_and_stops_in_time(
    config, make_app, testdata, tmp_path
):
    focused = threading.Event()
    published = []
    server = ServerProcess(
        config.with_overrides(run_consumer=True, isolate_decoding=False),
        focus_token=FOCUS_TOKEN,
        preferred_port=_free_port(),
        on_ready=published.append,
        on_focus=focused.set,
    ).start()
    try:
        base = server.wait_ready(120)
        assert published == [server.port] and base == f"http://127.0.0.1:{server.port}/"
        web = requests.Session()
        assert register(_Client(web, base), "owner@example.com").status_code == 201

        signed_in = web.get(server.sign_in_url(), timeout=10, allow_redirects=False)
        assert signed_in.status_code == 303 and signed_in.headers["Location"] == "/"
        me = web.get(f"{base}api/v1/auth/me", timeout=10)
        assert me.ok and me.json()["email"] == "owner@example.com"

        assert not focused.is_set()
        answer = requests.post(
            f"{base}desktop/focus", headers={FOCUS_HEADER: FOCUS_TOKEN}, timeout=10
        )
        assert answer.status_code == 204 and focused.wait(5)

        photo = tmp_path / "dropped photo.jpg"
        photo.write_bytes((testdata / "camera" / "DSCN0010.jpg").read_bytes())
        files = [{"name": photo.name, "pywebviewFullPath": str(photo)}]
        server.drop({"type": "drop", "dataTransfer": {"files": files}})
        deadline, state = time.monotonic() + 60, {}
        while time.monotonic() < deadline and not state.get("imported"):
            time.sleep(0.2)
            state = web.get(f"{base}desktop/imports", timeout=10).json()
        assert state["imported"] == 1 and state["failed"] == 0, state
    finally:
        started = time.monotonic()
        server.stop()
        seconds = time.monotonic() - started
    assert seconds < 5, f"the server process took {seconds:.1f} s to stop"
    assert server.process.exitcode == 0
    assert _port_is_free(server.port)


def test_a_server_that_cannot_start_reports_why(config, make_app, tmp_path):
    (tmp_path / "a file").write_text("not a folder")
    bad = config.with_overrides(data_dir=tmp_path / "a file" / "data")
    server = ServerProcess(bad, focus_token=FOCUS_TOKEN, preferred_port=_free_port()).start()
    try:
        with pytest.raises(ServerFailed, match="the server could not start"):
            server.wait_ready(120)
    finally:
        server.stop()
    assert server.process.exitcode is not None


def test_the_server_process_exits_when_the_window_process_is_killed(config, make_app):
    env = {
        **os.environ,
        "MEDIABOX_DATA_DIR": str(config.data_dir),
        "DATABASE_URL": config.database_url,
        "RUN_CONSUMER": "false",
    }
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT_SCRIPT, str(_free_port())],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        line = parent.stdout.readline()
        assert line, "the launcher side did not start its server"
        state = json.loads(line)
        assert state["loaded"] == [], "the window's process loaded the app's modules"
        assert requests.get(f"http://127.0.0.1:{state['port']}/api/v1/health", timeout=10).ok
        parent.send_signal(signal.SIGKILL)
        parent.wait(10)
        deadline = time.monotonic() + 5
        while not _gone(state["child"]) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _gone(state["child"]), "the server process outlived its killed parent"
        assert _port_is_free(state["port"])
    finally:
        if parent.poll() is None:
            parent.kill()
            parent.wait(10)


class _Client:
    """`tests.factories.register` over HTTP: a `post(path, json=…)` on the live server."""

    def __init__(self, session: requests.Session, base: str):
        self.session, self.base = session, base

    def post(self, path: str, json: dict):
        return self.session.post(self.base + path.lstrip("/"), json=json, timeout=30)


def test_without_redis_the_server_process_never_imports_its_client():
    probe = (
        "import sys\n"
        "from mediabox.launch.desktop_process import without_redis\n"
        "without_redis()\n"
        "import huey, limits, mediabox.app, mediabox.jobs\n"
        "from huey import SqliteHuey\n"
        "SqliteHuey(filename=':memory:')\n"
        "try:\n"
        "    import redis\n"
        "except ImportError:\n"
        "    print('redis absent')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "redis absent"
