"""Decoders the isolation tests hand to `DecoderPool` (top-level, so child processes import
them): one that aborts the process on request, one that is slow, one that reports its pid."""

from __future__ import annotations

import os
import time
from pathlib import Path

from mediabox.infra.media.isolation import render_files


def abort_on_crash_files(kind, source: Path, thumb, preview, poster):
    """The test hook: a native crash (SIGABRT) for any original whose name has `crash`."""
    if "crash" in Path(source).read_bytes()[-64:].decode("latin-1"):
        os.abort()
    return render_files(kind, source, thumb, preview, poster)


def slow_render(kind, source: Path, thumb, preview, poster):
    """A decoder that takes two seconds."""
    time.sleep(2.0)
    return render_files(kind, source, thumb, preview, poster)


def render_and_record_pid(kind, source: Path, thumb, preview, poster):
    """Render, and append this process's id to `pids.txt` beside the work folder."""
    with open(Path(source).parents[2] / "pids.txt", "a") as out:
        out.write(f"{os.getpid()}\n")
    return render_files(kind, source, thumb, preview, poster)
