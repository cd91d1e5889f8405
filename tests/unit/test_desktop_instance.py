"""The desktop instance lock and port choice: one instance per data dir, a killed one's lock
gone with it, the port kept per data dir and never one Chromium refuses."""

from __future__ import annotations

import json
import socket
import subprocess
import sys

from mediabox.launch.instance import (
    CHROMIUM_UNSAFE_PORTS,
    PREFERRED_PORT,
    InstanceLock,
    choose_port,
)


def test_choose_port_skips_taken_and_chromium_unsafe_ports():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert choose_port(port) > port
    assert 6000 in CHROMIUM_UNSAFE_PORTS and 6665 in CHROMIUM_UNSAFE_PORTS
    assert choose_port(6665) not in CHROMIUM_UNSAFE_PORTS
    assert choose_port(6665) >= 6670


def test_one_lock_per_data_dir_and_the_state_file(tmp_path):
    first, second = InstanceLock(tmp_path), InstanceLock(tmp_path)
    assert first.remembered_port() == PREFERRED_PORT
    assert first.acquire()
    assert not second.acquire()
    first.publish(9123)
    running = second.running()
    assert running is not None and running.port == 9123
    assert running.focus_token == first.focus_token and len(first.focus_token) >= 43
    assert (tmp_path / "desktop.json").stat().st_mode & 0o077 == 0
    first.withdraw()
    first.release()
    assert json.loads((tmp_path / "desktop.json").read_text()) == {"port": 9123}
    assert second.running() is None and second.remembered_port() == 9123
    assert second.acquire()
    second.release()


def test_the_lock_of_a_killed_process_is_recovered(tmp_path):
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path;"
            "from mediabox.launch.instance import InstanceLock;"
            "lock = InstanceLock(Path(sys.argv[1])); assert lock.acquire(); lock.publish(9124);"
            "print('held', flush=True); time.sleep(60)",
            str(tmp_path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        assert not InstanceLock(tmp_path).acquire()
    finally:
        holder.kill()
        holder.wait(10)
    survivor = InstanceLock(tmp_path)
    assert survivor.acquire(), "a killed process's lock does not block the next launch"
    assert survivor.remembered_port() == 9124
    survivor.release()
