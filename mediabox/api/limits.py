"""Rate limits (flask-limiter): memory by default, Redis when REDIS_URL is set.

Views declare their limits at import with `limiter.limit(...)`; each app applies them with a
Limiter of its own (its own storage and key prefix), so two apps in one process never share
counters by accident.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

from mediabox.api.deps import config
from mediabox.infra.client_address import client_bucket
from mediabox.infra.config import Config

LIMITS_ATTR = "_mediabox_limits"


class EndpointLimits:
    """Records limits on view functions; `install_limiter` turns them into real ones."""

    def limit(
        self,
        value: str | Callable[[], str],
        key_func: Callable[[], str] | None = None,
        **options,
    ):
        """Declare a limit; `options` go to flask-limiter (e.g. `deduct_when`)."""

        def mark(view):
            view.__dict__.setdefault(LIMITS_ATTR, []).append((value, key_func, options))
            return view

        return mark


limiter = EndpointLimits()


def install_limiter(app: Flask, config: Config) -> Limiter:
    """Create this app's Limiter and apply every declared endpoint limit."""
    real = Limiter(
        key_func=get_remote_address,
        app=app,
        storage_uri=config.redis_url or "memory://",
        key_prefix=config.rate_limit_key_prefix,
        strategy="moving-window",
        headers_enabled=True,
        default_limits=[],
    )
    for endpoint, view in list(app.view_functions.items()):
        for value, key_func, options in getattr(view, LIMITS_ATTR, []):
            view = real.limit(value, key_func=key_func, **options)(view)
        app.view_functions[endpoint] = view
    return real


def login_ip_limit() -> str:
    return config().login_rate_limit


def register_limit() -> str:
    return config().register_rate_limit


def client_key() -> str:
    """The caller's rate-limit bucket: its IPv4 address or its IPv6 /64."""
    return client_bucket(get_remote_address())
