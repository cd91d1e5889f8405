"""Login rate limits kept in Redis are shared by every web process."""

from __future__ import annotations

import redis

from tests.factories import assert_error, login


def test_two_app_processes_share_the_login_limit_through_redis(
    make_app, config, redis_url, redis_namespace
):
    limited = config.with_overrides(
        redis_url=redis_url,
        login_rate_limit="3 per minute",
        login_account_rate_limit="100 per minute",
        rate_limit_key_prefix=redis_namespace,
    )
    first, second = make_app(limited), make_app(limited)
    a, b = first.test_client(), second.test_client()
    assert login(a, "x@example.com", "wrong password!").status_code == 401
    assert login(b, "x@example.com", "wrong password!").status_code == 401
    assert login(a, "x@example.com", "wrong password!").status_code == 401
    assert_error(login(b, "x@example.com", "wrong password!"), 429, "rate_limited")
    keys = list(redis.Redis.from_url(redis_url).scan_iter(match=f"*{redis_namespace}*"))
    assert keys, "the limiter did not store its counters in Redis"
