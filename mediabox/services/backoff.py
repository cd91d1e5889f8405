"""Back-off on wrong passwords for one subject (a share link, an account) across all clients.

A subject tolerates `free_failures` wrong passwords in `window_seconds`; each further one locks
it for a delay that doubles from `first_delay` up to `max_delay`. While locked, attempts are
refused unchecked, except one attempt per lock period from a client bucket (an IPv4 address or
an IPv6 /64) that has not failed on this subject in the window. So whatever one attacker (or a
few addresses) keeps sending, the rightful user is checked within `max_delay`; only an
attacker with ever-fresh addresses competes for that slot, at one guess per lock period.
Only failures count: a right password never moves the counters.
"""

from __future__ import annotations

from dataclasses import dataclass

from mediabox.domain.errors import RateLimited
from mediabox.infra.counters import Counters


@dataclass(frozen=True)
class BackoffPolicy:
    """How many wrong passwords a subject tolerates, and how long it then locks."""

    free_failures: int = 10
    window_seconds: int = 15 * 60
    first_delay: int = 5
    max_delay: int = 60

    def delay_after(self, failures: int) -> int:
        """The lock in seconds after `failures` wrong passwords in the window (0: none)."""
        extra = failures - self.free_failures
        if extra <= 0:
            return 0
        return min(self.max_delay, self.first_delay * 2 ** min(extra - 1, 20))


class FailureBackoff:
    """Checks and records password attempts on subjects of one kind (`namespace`)."""

    def __init__(
        self,
        counters: Counters,
        policy: BackoffPolicy | None = None,
        *,
        namespace: str,
        code: str = "rate_limited",
        message: str = "Too many wrong passwords; try again shortly.",
    ):
        self.counters = counters
        self.policy = policy or BackoffPolicy()
        self.namespace = namespace
        self.code = code
        self.message = message

    def check(self, subject: str, bucket: str) -> None:
        """Raise `RateLimited` (details: `retry_after`) when this attempt must not be checked."""
        prefix = f"{self.namespace}:{subject}"
        level = self.counters.get(f"{prefix}:failures")
        lock = f"{prefix}:lock:{level}"
        if not self.counters.get(lock):
            return
        retry_after = max(1, self.counters.seconds_left(lock))
        clean = not self.counters.get(f"{prefix}:bucket:{bucket}")
        if clean and self.counters.incr(f"{prefix}:slot", retry_after) == 1:
            return
        raise RateLimited(self.message, code=self.code, details={"retry_after": retry_after})

    def failed(self, subject: str, bucket: str) -> None:
        """Record a wrong password from `bucket`; lock the subject once past the free failures."""
        prefix = f"{self.namespace}:{subject}"
        window = self.policy.window_seconds
        self.counters.incr(f"{prefix}:bucket:{bucket}", window)
        failures = self.counters.incr(f"{prefix}:failures", window)
        delay = self.policy.delay_after(failures)
        if delay:
            self.counters.incr(f"{prefix}:lock:{failures}", delay)
