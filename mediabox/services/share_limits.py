"""A per-link cap on wrong share passwords across every client, with back-off.

Per client bucket (an IPv4 address or an IPv6 /64) the API keeps its own limit
(`SHARE_PASSWORD_RATE_LIMIT`). Across all clients, a link tolerates `free_failures` wrong
passwords in `window_seconds`; each further one locks the link's unlock for a delay that
doubles from `first_delay` up to `max_delay`. While locked, attempts are refused unchecked,
except one attempt per lock period from a client bucket that has not failed on this link in
the window: so a friend never waits more than `max_delay` for a check, whatever a single
attacker (or a few) keeps sending; only fresh buckets compete for that slot.
"""

from __future__ import annotations

from dataclasses import dataclass

from mediabox.domain.errors import RateLimited
from mediabox.infra.counters import Counters


@dataclass(frozen=True)
class BackoffPolicy:
    """How many wrong passwords a link tolerates, and how long it then locks."""

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


class ShareUnlockGuard:
    """Checks and records share-password attempts against shared expiring counters."""

    def __init__(self, counters: Counters, policy: BackoffPolicy | None = None):
        self.counters = counters
        self.policy = policy or BackoffPolicy()

    def check(self, token: str, bucket: str) -> None:
        """Raise `RateLimited` (with `retry_after`) when this attempt must not be checked."""
        level = self.counters.get(f"share:{token}:failures")
        lock = f"share:{token}:lock:{level}"
        if not self.counters.get(lock):
            return
        retry_after = max(1, self.counters.seconds_left(lock))
        clean = not self.counters.get(f"share:{token}:bucket:{bucket}")
        if clean and self.counters.incr(f"share:{token}:slot", retry_after) == 1:
            return
        raise RateLimited(
            "Too many wrong passwords for this link; try again shortly.",
            code="share_locked",
            details={"retry_after": retry_after},
        )

    def failed(self, token: str, bucket: str) -> None:
        """Record a wrong password from `bucket`; lock the link once past the free failures."""
        window = self.policy.window_seconds
        self.counters.incr(f"share:{token}:bucket:{bucket}", window)
        failures = self.counters.incr(f"share:{token}:failures", window)
        delay = self.policy.delay_after(failures)
        if delay:
            self.counters.incr(f"share:{token}:lock:{failures}", delay)
