"""What a server must have before it listens beyond this machine."""

from __future__ import annotations

import ipaddress

from mediabox.infra.config import MIN_SECRET_LENGTH, Config, ConfigError, is_weak_secret


def is_loopback_host(host: str) -> bool:
    """True for `localhost` and loopback addresses; `0.0.0.0`, `::` and LAN names are not."""
    value = host.strip().strip("[]").lower()
    if value == "localhost":
        return True
    try:
        return ipaddress.ip_address(value).is_loopback
    except ValueError:
        return False


def check_listen_secrets(config: Config, host: str) -> None:
    """Refuse a weak `JWT_SECRET` whenever the server listens beyond loopback (any APP_ENV)."""
    if not is_loopback_host(host) and is_weak_secret(config.jwt_secret):
        raise ConfigError(
            f"JWT_SECRET is too weak to listen on {host}: use at least {MIN_SECRET_LENGTH} "
            "random characters, or unset it so a secret is generated in the data directory"
        )
