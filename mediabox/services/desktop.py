"""Desktop sign-in (SPEC §4b): one-time launch tokens that the desktop launcher mints in this
process and the window exchanges, once, for the owner's session."""

from __future__ import annotations

import hashlib
import secrets
import threading
from datetime import datetime, timedelta

from mediabox.domain.clock import Clock
from mediabox.domain.errors import Unauthorized
from mediabox.domain.models import User
from mediabox.repositories.users import UserRepository

LAUNCH_TOKEN_BYTES = 32
LAUNCH_TOKEN_TTL = timedelta(seconds=60)


class DesktopSignInService:
    """Mints and consumes launch tokens; they live only in this process's memory.

    There is no HTTP way to mint one: only code running in the server's own process (the
    desktop launcher) can. A token is random (32 bytes), expires after 60 s and works once;
    only its sha256 is kept.
    """

    def __init__(self, users: UserRepository, clock: Clock, ttl: timedelta = LAUNCH_TOKEN_TTL):
        self.users = users
        self.clock = clock
        self.ttl = ttl
        self._pending: dict[str, datetime] = {}
        self._lock = threading.Lock()

    def mint(self) -> str:
        """A new launch token for the window to open `/desktop/login?t=…` with."""
        token = secrets.token_urlsafe(LAUNCH_TOKEN_BYTES)
        now = self.clock()
        with self._lock:
            self._pending = {k: v for k, v in self._pending.items() if v > now}
            self._pending[_digest(token)] = now + self.ttl
        return token

    def consume(self, token: str) -> User | None:
        """Spend `token`: the owner to sign in, or None while no account exists (first run).

        Unknown, reused and expired tokens raise Unauthorized.
        """
        with self._lock:
            expires_at = self._pending.pop(_digest(token or ""), None)
        if expires_at is None or expires_at <= self.clock():
            raise Unauthorized("This launch link is not valid.", code="launch_token_invalid")
        if self.users.count() == 0:
            return None
        owner = self.owner()
        if owner is None:
            raise Unauthorized("No active administrator to sign in.", code="launch_no_owner")
        return owner

    def owner(self) -> User | None:
        """The desktop's owner: the first active administrator (None before the first run)."""
        return self.users.first_active_admin()


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
