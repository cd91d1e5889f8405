"""The per-link back-off on wrong share passwords (issue 9, item 3), with a fake clock."""

from __future__ import annotations

import math

import pytest

from mediabox.domain.errors import RateLimited
from mediabox.infra.client_address import client_bucket
from mediabox.services.share_limits import BackoffPolicy, ShareUnlockGuard


class ClockCounters:
    """`Counters` in a dict, expiring against a clock the test moves."""

    def __init__(self):
        self.now = 1_000.0
        self.values: dict[str, tuple[int, float]] = {}

    def _live(self, key):
        value = self.values.get(key)
        if value is None or value[1] <= self.now:
            self.values.pop(key, None)
            return None
        return value

    def incr(self, key, expiry):
        value = self._live(key)
        count, until = value if value else (0, self.now + expiry)
        self.values[key] = (count + 1, until)
        return count + 1

    def get(self, key):
        value = self._live(key)
        return value[0] if value else 0

    def seconds_left(self, key):
        value = self._live(key)
        return math.ceil(value[1] - self.now) if value else 0


@pytest.fixture
def counters():
    return ClockCounters()


@pytest.fixture
def guard(counters):
    return ShareUnlockGuard(counters, BackoffPolicy(free_failures=10, first_delay=2, max_delay=60))


def _attempt(guard, bucket, *, right=False):
    """One unlock attempt as the service makes it: True if the password was checked."""
    try:
        guard.check("tok", bucket)
    except RateLimited:
        return False
    if not right:
        guard.failed("tok", bucket)
    return True


def test_delays_double_up_to_the_cap():
    policy = BackoffPolicy(free_failures=10, first_delay=2, max_delay=60)
    assert [policy.delay_after(n) for n in (9, 10, 11, 12, 13, 15, 40)] == [0, 0, 2, 4, 8, 32, 60]


def test_failures_across_many_clients_lock_the_link(guard, counters):
    for i in range(11):
        assert _attempt(guard, f"10.0.0.{i}")
    with pytest.raises(RateLimited) as refused:
        guard.check("tok", "10.0.0.1")
    assert refused.value.code == "share_locked"
    assert refused.value.details == {"retry_after": 2}
    counters.now += 2
    assert _attempt(guard, "10.0.0.1"), "the lock ends after its delay"
    with pytest.raises(RateLimited) as longer:
        guard.check("tok", "10.0.0.1")
    assert longer.value.details == {"retry_after": 4}
    guard.check("other-link", "10.0.0.1")


def test_one_attacker_cannot_keep_a_friend_out_beyond_the_cap(guard, counters):
    """An attacker retrying every second for ten minutes; the friend tries every second too."""
    for _ in range(30):
        _attempt(guard, "2001:db8:1::/64")
    waited = 0
    friend_checked = False
    while waited <= 60 and not friend_checked:
        _attempt(guard, "2001:db8:1::/64")
        friend_checked = _attempt(guard, "192.0.2.7", right=True)
        counters.now += 1
        waited += 1
    assert friend_checked, "the friend's right password was checked within the longest lock"


def test_a_clean_client_gets_one_check_per_lock_period(guard, counters):
    for i in range(20):
        _attempt(guard, f"10.0.1.{i}")
    assert sum(_attempt(guard, f"10.0.2.{i}") for i in range(50)) == 0, "the slot is taken"
    counters.now += 2  # the slot has expired, the lock (4 s) has not
    assert _attempt(guard, "198.51.100.1")  # takes the slot, fails, extends the lock
    assert not _attempt(guard, "198.51.100.2"), "one fresh client per lock period"
    assert not _attempt(guard, "198.51.100.1"), "a client that failed waits for the lock"


@pytest.mark.parametrize(
    ("address", "bucket"),
    [
        ("203.0.113.9", "203.0.113.9"),
        ("2001:db8:aa:bb:1:2:3:4", "2001:db8:aa:bb::/64"),
        ("2001:db8:aa:bb:ffff::1", "2001:db8:aa:bb::/64"),
        ("::ffff:203.0.113.9", "203.0.113.9"),
    ],
)
def test_ipv6_clients_are_bucketed_by_64(address, bucket):
    assert client_bucket(address) == bucket
