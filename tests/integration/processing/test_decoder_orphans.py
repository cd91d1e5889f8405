"""A decoder child does not outlive its parent: a launcher killed with SIGKILL (or a crash)
leaves no `--multiprocessing-fork` process behind (issue 13: closing or killing the app frees
everything it started)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

PARENT = """
import sys, time
from pathlib import Path
from mediabox.infra.media.isolation import DecoderPool

def render(kind, source, thumb, preview, poster):
    return kind

if __name__ == "__main__":
    pool = DecoderPool(render=render)
    out = Path(sys.argv[1])
    assert pool.decode("photo", out, out, None, None) == "photo"
    print(" ".join(str(pid) for pid in pool._executor._processes), flush=True)
    time.sleep(600)
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split(") ", 1)[1].startswith("Z"))


def test_the_decoder_child_exits_when_its_parent_is_killed(tmp_path):
    script = tmp_path / "parent.py"
    script.write_text(PARENT)
    parent = subprocess.Popen(
        [sys.executable, str(script), str(tmp_path / "x")],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[3],
    )
    try:
        children = [int(pid) for pid in parent.stdout.readline().split()]
        assert children and all(_alive(pid) for pid in children)
        parent.send_signal(signal.SIGKILL)
        parent.wait(10)
        deadline = time.monotonic() + 10
        while any(_alive(pid) for pid in children):
            assert time.monotonic() < deadline, f"decoder children {children} outlived the parent"
            time.sleep(0.1)
    finally:
        parent.kill()
