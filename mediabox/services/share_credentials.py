"""Share credentials: short-lived signed proofs that a visitor may open one share link.

A credential is an itsdangerous timed signature whose salt names the share token, so it
verifies for that link only; its payload carries the share id and a fingerprint of the
link's password hash, so changing or removing the password ends every credential. It is not a
JWT and is signed under a different derived key, so it is never accepted as a user session.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from itsdangerous import BadSignature, TimestampSigner, URLSafeTimedSerializer

from mediabox.domain.clock import Clock
from mediabox.domain.models import Share

DEFAULT_TTL_SECONDS = 3600
MAX_CREDENTIAL_LENGTH = 512


@dataclass(frozen=True)
class IssuedCredential:
    """A credential and the instant it stops working."""

    value: str
    expires_at: datetime


def password_fingerprint(share: Share) -> str:
    return hashlib.sha256((share.password_hash or "").encode()).hexdigest()[:32]


class ShareCredentials:
    """Issues and checks share credentials against the service clock."""

    def __init__(self, secret: str, clock: Clock, ttl_seconds: int = DEFAULT_TTL_SECONDS):
        self.clock = clock
        self.ttl = ttl_seconds
        key = hmac.new(secret.encode(), b"mediabox share credential", hashlib.sha256).digest()
        clock_ref = clock

        class _ClockSigner(TimestampSigner):
            def get_timestamp(self) -> int:
                return int(clock_ref().timestamp())

        self._key = key
        self._signer = _ClockSigner

    def _serializer(self, share: Share) -> URLSafeTimedSerializer:
        return URLSafeTimedSerializer(self._key, salt=f"share:{share.token}", signer=self._signer)

    def issue(self, share: Share) -> IssuedCredential:
        """A credential for `share`, valid for the TTL."""
        value = self._serializer(share).dumps(
            {"sid": str(share.id), "fp": password_fingerprint(share)}
        )
        expires_at = (self.clock() + timedelta(seconds=self.ttl)).replace(microsecond=0)
        return IssuedCredential(value, expires_at.astimezone(UTC))

    def is_valid(self, share: Share, value: str | None) -> bool:
        """True if `value` was issued for this share, with its current password, within the TTL."""
        if not value or len(value) > MAX_CREDENTIAL_LENGTH:
            return False
        try:
            payload = self._serializer(share).loads(value, max_age=self.ttl)
        except (BadSignature, ValueError, TypeError):
            return False
        if not isinstance(payload, dict):
            return False
        return hmac.compare_digest(
            str(payload.get("sid", "")), str(share.id)
        ) and hmac.compare_digest(str(payload.get("fp", "")), password_fingerprint(share))
