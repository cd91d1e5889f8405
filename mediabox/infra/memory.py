"""Keep a long-running server's resident memory close to what it actually uses (glibc only).

glibc raises its mmap threshold after the first large free, so later large buffers (argon2's
19 MiB per sign-in) come from per-thread heaps and stay resident after use. A fixed threshold
of 8 MiB sends such buffers back to the system when they are freed, while the 1 MiB chunks of
uploads stay on the heap (mapping and zeroing them on every read halves upload throughput).
Capping the arena count is possible but cost a quarter of upload throughput here, so it is off.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import logging
from collections.abc import Iterator
from contextlib import contextmanager

log = logging.getLogger(__name__)

M_MMAP_THRESHOLD = -3
M_ARENA_MAX = -8


def tune_allocator(*, mmap_threshold: int = 8 << 20, arena_max: int = 0) -> bool:
    """Apply the settings when the C library is glibc; elsewhere do nothing. True if applied."""
    name = ctypes.util.find_library("c")
    if not name:
        return False
    try:
        libc = ctypes.CDLL(name)
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    applied = mallopt(M_MMAP_THRESHOLD, mmap_threshold) == 1
    if arena_max:
        applied = mallopt(M_ARENA_MAX, arena_max) == 1 and applied
    if not applied:
        log.debug("mallopt refused the memory settings")
    return applied


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Hold off the cyclic garbage collector while building large acyclic results.

    Building 30,000 rows of tuples and strings otherwise triggers full collections that scan
    the whole heap, about as much CPU as the query itself. Reference counting still frees
    everything; cycles made meanwhile are collected after. Overlapping users may re-enable
    it early, which costs only speed.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
