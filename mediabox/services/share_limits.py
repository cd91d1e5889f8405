"""A per-link cap on wrong share passwords across every client, with back-off.

Per client bucket the API keeps its own limit (`SHARE_PASSWORD_RATE_LIMIT`). Across all
clients, a link tolerates 10 wrong passwords in 15 minutes; each further one locks its unlock
for 5 s, 10 s, 20 s, 40 s, then 60 s at most (see `FailureBackoff` for how a friend still gets
in while an attacker keeps guessing).
"""

from __future__ import annotations

from mediabox.infra.counters import Counters
from mediabox.services.backoff import BackoffPolicy, FailureBackoff

__all__ = ["BackoffPolicy", "ShareUnlockGuard"]


class ShareUnlockGuard(FailureBackoff):
    """`FailureBackoff` on share tokens, answering 429 `share_locked`."""

    def __init__(self, counters: Counters, policy: BackoffPolicy | None = None):
        super().__init__(
            counters,
            policy,
            namespace="share",
            code="share_locked",
            message="Too many wrong passwords for this link; try again shortly.",
        )
