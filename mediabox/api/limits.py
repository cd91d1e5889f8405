"""The rate limiter (flask-limiter): memory by default, Redis when REDIS_URL is set."""

from __future__ import annotations

from flask import current_app, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

limiter = Limiter(key_func=get_remote_address, default_limits=[], headers_enabled=True)


def login_ip_limit() -> str:
    return current_app.config["MEDIABOX"].login_rate_limit


def login_account_limit() -> str:
    return current_app.config["MEDIABOX"].login_account_rate_limit


def login_account_key() -> str:
    data = request.get_json(silent=True)
    email = data.get("email") if isinstance(data, dict) else None
    if not isinstance(email, str):
        return "login-account:" + get_remote_address()
    return "login-account:" + email.strip().lower()[:320]
