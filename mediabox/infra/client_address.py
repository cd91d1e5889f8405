"""Client buckets for rate limits: one per IPv4 address, one per IPv6 /64.

An IPv6 host usually holds a whole /64, so counting per address would give an attacker
endless fresh identities; IPv4-mapped IPv6 addresses count as the IPv4 address.
"""

from __future__ import annotations

import ipaddress


def client_bucket(address: str | None) -> str:
    """The rate-limit identity of a remote address."""
    try:
        ip = ipaddress.ip_address((address or "").strip())
    except ValueError:
        return f"raw:{(address or '')[:64]}"
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network(f"{ip}/64", strict=False))
    return str(ip)
