"""argon2id password hashing with rehash detection and a constant-cost dummy check."""

from __future__ import annotations

from argon2 import PasswordHasher as _Argon2
from argon2 import Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError


class PasswordHasher:
    """Hashes and verifies passwords with argon2id; parameters are explicit and tunable.

    The defaults are OWASP's first argon2id setting (19 MiB, 2 passes, 1 lane): strong, and
    small enough that a home server answers concurrent sign-ins without a memory spike.
    """

    def __init__(self, *, time_cost: int = 2, memory_cost: int = 19456, parallelism: int = 1):
        self._hasher = _Argon2(
            time_cost=time_cost, memory_cost=memory_cost, parallelism=parallelism, type=Type.ID
        )
        self._dummy_hash = self._hasher.hash("mediabox-dummy-password")

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    def verify(self, password_hash: str, password: str) -> bool:
        try:
            return self._hasher.verify(password_hash, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, password_hash: str) -> bool:
        return self._hasher.check_needs_rehash(password_hash)

    def burn(self, password: str) -> None:
        """Spend the same time as a real verification (for unknown accounts)."""
        self.verify(self._dummy_hash, password)
