"""HMAC-signed, expiring blob URLs for the local store."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import datetime
from urllib.parse import quote, urlencode

from mediabox.domain.errors import Forbidden

URL_PREFIX = "/api/v1/blobs/"

_QUERY_NAMES = {
    "expires": "exp",
    "content_type": "ct",
    "max_bytes": "max",
    "upload_id": "upload",
    "part_number": "part",
    "disposition": "cd",
}
_INT_FIELDS = {"expires", "max_bytes", "part_number"}


@dataclass(frozen=True)
class BlobGrant:
    """What a signed URL allows: one method on one key until ``expires``, within limits."""

    method: str
    key: str
    expires: int
    content_type: str | None = None
    max_bytes: int | None = None
    upload_id: str | None = None
    part_number: int | None = None
    disposition: str | None = None

    def query(self) -> dict[str, str]:
        """The grant's fields as URL query parameters (without the signature)."""
        values = {attr: getattr(self, attr) for attr in _QUERY_NAMES}  # not asdict: no deepcopy
        return {
            name: str(values[attr])
            for attr, name in _QUERY_NAMES.items()
            if values[attr] is not None
        }

    def canonical(self) -> bytes:
        """An unambiguous byte string covering every field."""
        values = [getattr(self, f.name) for f in fields(self)]
        return json.dumps(values, separators=(",", ":"), ensure_ascii=True).encode()


class UrlSigner:
    """Signs and verifies blob grants with HMAC-SHA256 over a secret key."""

    def __init__(self, secret: bytes):
        if len(secret) < 32:
            raise ValueError("The blob URL signing key must be at least 32 bytes.")
        self._secret = secret

    def signature(self, grant: BlobGrant) -> str:
        digest = hmac.new(self._secret, grant.canonical(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")

    def url(self, grant: BlobGrant) -> str:
        """The relative URL for ``grant``: ``/api/v1/blobs/<key>?exp=...&sig=...``."""
        query = {**grant.query(), "sig": self.signature(grant)}
        return f"{URL_PREFIX}{quote(grant.key)}?{urlencode(query, quote_via=quote)}"

    def stable_get_urls(self, keys: Sequence[str], expires: int, content_type: str) -> list[str]:
        """`url(BlobGrant("GET", key, expires, content_type=...))` for many validated keys at
        once: the same URLs, built without a grant object per key (a month of thumbnails)."""
        tail = urlencode({"exp": str(expires), "ct": content_type}, quote_via=quote)
        prefix = '["GET",'
        suffix = f",{expires},{json.dumps(content_type)},null,null,null,null]"
        secret, urls = self._secret, []
        for key in keys:
            canonical = (prefix + json.dumps(key) + suffix).encode()
            digest = hmac.digest(secret, canonical, "sha256")
            signature = base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")
            urls.append(f"{URL_PREFIX}{quote(key)}?{tail}&sig={signature}")
        return urls

    def verify(self, method: str, key: str, args: Mapping[str, str], now: datetime) -> BlobGrant:
        """Rebuild the grant from a request and check signature and expiry, else Forbidden."""
        grant = _grant_from_query("GET" if method == "HEAD" else method, key, args)
        given = args.get("sig", "")
        if not hmac.compare_digest(given.encode(), self.signature(grant).encode()):
            raise Forbidden("Invalid blob URL signature.")
        if now.timestamp() >= grant.expires:
            raise Forbidden("This blob URL has expired.")
        return grant


def _grant_from_query(method: str, key: str, args: Mapping[str, str]) -> BlobGrant:
    values: dict[str, object] = {}
    for attr, name in _QUERY_NAMES.items():
        raw = args.get(name)
        if raw is None:
            continue
        if attr in _INT_FIELDS:
            if not raw.isascii() or not raw.isdigit() or len(raw) > 16:
                raise Forbidden("Invalid blob URL.")
            values[attr] = int(raw)
        else:
            values[attr] = raw
    if "expires" not in values:
        raise Forbidden("Invalid blob URL.")
    return BlobGrant(method=method, key=key, **values)
