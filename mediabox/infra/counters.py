"""Expiring counters shared by every process of an installation: Redis when configured,
else process memory. They hold the failure counts behind password back-offs."""

from __future__ import annotations

import math
import time
from typing import Protocol

from limits.storage import Storage, storage_from_string

from mediabox.infra.config import Config


class Counters(Protocol):
    """Integer counters that vanish `expiry` seconds after their first increment."""

    def incr(self, key: str, expiry: int) -> int:
        """Add one and return the new value; a new counter lives `expiry` seconds."""

    def get(self, key: str) -> int:
        """The current value (0 when absent or expired)."""

    def seconds_left(self, key: str) -> int:
        """Whole seconds until the counter expires (0 when absent)."""


class StorageCounters:
    """`Counters` over a `limits` storage (the one flask-limiter uses), keys prefixed."""

    def __init__(self, storage: Storage, prefix: str):
        self.storage = storage
        self.prefix = prefix

    @classmethod
    def from_config(cls, config: Config) -> StorageCounters:
        """Redis when `REDIS_URL` is set (shared by all processes), else this process's memory."""
        storage = storage_from_string(config.redis_url or "memory://")
        return cls(storage, f"{config.rate_limit_key_prefix}:counters")

    def incr(self, key: str, expiry: int) -> int:
        return int(self.storage.incr(f"{self.prefix}:{key}", max(1, int(expiry))))

    def get(self, key: str) -> int:
        return int(self.storage.get(f"{self.prefix}:{key}"))

    def seconds_left(self, key: str) -> int:
        if not self.get(key):
            return 0
        return max(0, math.ceil(self.storage.get_expiry(f"{self.prefix}:{key}") - time.time()))
