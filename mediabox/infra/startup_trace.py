"""Timestamps of a cold start, for profiling it (`scripts/bench/bench_desktop_start.py`): with
`MEDIABOX_STARTUP_TRACE=1` in the environment, `mark("phase")` writes one line to stderr,

    startup: PHASE t=SECONDS cpu=SECONDS at=EPOCH

with the seconds since the process started (on Linux; else since this module loaded), the
process's CPU seconds so far and the wall-clock time. Without the variable it does nothing,
so normal runs stay quiet. Standard library only: it is imported before anything heavy."""

from __future__ import annotations

import os
import sys
import time

ENABLED = bool(os.environ.get("MEDIABOX_STARTUP_TRACE"))


def _process_started() -> float:
    """The process's start on the monotonic clock (Linux's boot-time clock, which is the one
    /proc counts in), or now when that cannot be read."""
    try:
        with open("/proc/self/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return int(fields[19]) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, AttributeError):
        return _clock()


def _clock() -> float:
    boottime = getattr(time, "CLOCK_BOOTTIME", None)
    return time.clock_gettime(boottime) if boottime is not None else time.monotonic()


STARTED = _process_started() if ENABLED else 0.0


def mark(phase: str) -> None:
    """Record that the start reached `phase` (only when tracing is on)."""
    if not ENABLED:
        return
    line = (
        f"startup: {phase} t={_clock() - STARTED:.3f} cpu={time.process_time():.3f} "
        f"at={time.time():.3f}\n"
    )
    sys.stderr.write(line)
    sys.stderr.flush()
