"""A Host allow-list against DNS rebinding.

A web page on a rebinding domain (`evil.example` resolving first to the attacker, then to
127.0.0.1 or a LAN address) can reach this server from the victim's browser as a same-origin
request: its `Host` header still names the attacker's domain. So every request must name a
host this server is known by: an IP literal (a rebinding attack needs a name; an address
reached by IP is its own origin), `localhost`, this machine's name and its `.local` name, the
hosts of `PUBLIC_BASE_URL` and `PUBLIC_SHARE_URL`, and `ALLOWED_HOSTS`. Anything else is 400.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from flask import Flask, request

from mediabox.api.errors import error_response
from mediabox.infra.config import Config


def allowed_host_names(config: Config) -> frozenset[str]:
    """The host names (lower case, without port) this server answers to."""
    names = {"localhost"}
    machine = socket.gethostname().strip().lower().rstrip(".")
    if machine:
        short = machine.split(".", 1)[0]
        names.update({machine, short, f"{short}.local"})
    for url in (config.public_base_url, getattr(config, "public_share_url", "")):
        host = urlsplit(url).hostname if url else None
        if host:
            names.add(host.lower())
    names.update(host.strip().lower() for host in config.allowed_hosts if host.strip())
    return frozenset(names)


def host_name(host_header: str) -> str | None:
    """The host part of a Host header (IPv6 brackets kept), or None when malformed."""
    value = host_header.strip().lower()
    if not value:
        return None
    if value.startswith("["):
        end = value.find("]")
        return value[: end + 1] if end > 0 else None
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def is_ip_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def install_host_guard(app: Flask, config: Config) -> None:
    """Answer 400 to requests whose Host is not one of this server's names."""
    names = allowed_host_names(config)

    @app.before_request
    def _check_host():
        host = host_name(request.host or "")
        if host is not None and (host in names or is_ip_literal(host)):
            return None
        return error_response(400, "unknown_host", "This server does not answer to that host name.")
