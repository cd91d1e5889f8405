"""Whether this job consumer is the only one alive on this data directory.

Every consumer holds a shared `flock` on `<data_dir>/consumers.lock` for its life. A new
consumer first tries to take it exclusively: if it can, every consumer that ran before it on
this data directory has exited (the kernel drops a dead process's locks), so whatever they
left `running` can be taken over at once instead of waiting for their leases to expire.
"""

from __future__ import annotations

import os
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no takeover at start; leases expire as usual
    fcntl = None


class ConsumerPresence:
    """The shared lock a consumer holds while it runs; `alone` says if it was the first."""

    def __init__(self, data_dir: Path):
        self.path = data_dir / "consumers.lock"
        self.alone = False
        self._fd: int | None = None

    def enter(self) -> ConsumerPresence:
        """Register this consumer; sets `alone` when no other consumer holds the lock."""
        if fcntl is None:
            return self
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            self.alone = True
        except OSError:
            self.alone = False
        fcntl.flock(self._fd, fcntl.LOCK_SH)
        return self

    def leave(self) -> None:
        """Release the lock (also released by the kernel when the process dies)."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
