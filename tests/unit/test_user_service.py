"""UserService with fakes: no database, no Flask."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest

from mediabox.domain.errors import Conflict, Forbidden, Unauthorized, ValidationFailed
from mediabox.services.users import UserService
from tests.unit.fakes import FakeSession


class FakeUsers:
    def __init__(self):
        self.rows = {}

    def get_by_email(self, email):
        return self.rows.get(email)

    def get_by_id(self, user_id):
        return next((u for u in self.rows.values() if u.id == user_id), None)

    def count(self):
        return len(self.rows)

    def add(self, user):
        user.id = uuid.uuid4()
        self.rows[user.email] = user
        return user


class FakeSessions:
    def __init__(self):
        self.revoked = []

    def revoke_all_for_user(self, user_id, when, reason):
        self.revoked.append((user_id, reason))


class RecordingHasher:
    def __init__(self):
        self.calls = []

    def hash(self, password):
        return "h:" + password

    def verify(self, password_hash, password):
        self.calls.append("verify")
        return password_hash == "h:" + password

    def needs_rehash(self, password_hash):
        return False

    def burn(self, password):
        self.calls.append("burn")


@pytest.fixture
def service():
    return UserService(
        FakeSession(),
        FakeUsers(),
        FakeSessions(),
        RecordingHasher(),
        lambda: datetime(2026, 1, 1, tzinfo=UTC),
        allow_registration=False,
    )


def test_first_is_admin_then_registration_closes(service):
    assert service.register(" Me@Example.com", "password1").is_admin is True
    with pytest.raises(Forbidden):
        service.register("you@example.com", "password1")


def test_unknown_email_spends_a_verification(service):
    service.register("me@example.com", "password1")
    with pytest.raises(Unauthorized) as unknown:
        service.authenticate("ghost@example.com", "password1")
    with pytest.raises(Unauthorized) as wrong:
        service.authenticate("me@example.com", "wrong-password")
    assert service.hasher.calls == ["burn", "verify"]
    assert unknown.value.message == wrong.value.message


def test_duplicate_and_weak_password(service):
    service.create_user("me@example.com", "password1")
    with pytest.raises(Conflict):
        service.create_user("ME@example.com", "password1")
    with pytest.raises(ValidationFailed):
        service.create_user("new@example.com", "short")


def test_disable_revokes_sessions(service):
    user = service.create_user("me@example.com", "password1")
    service.set_active("me@example.com", False)
    assert service.auth_sessions.revoked == [(user.id, "disabled")]
    with pytest.raises(Unauthorized):
        service.authenticate("me@example.com", "password1")


def test_setup_state_follows_the_first_account(service):
    state = service.setup_state()
    assert (state.setup_required, state.registration_open) == (True, True)
    service.register("me@example.com", "password1")
    state = service.setup_state()
    assert (state.setup_required, state.registration_open) == (False, False)
    service.allow_registration = True
    assert service.setup_state().registration_open is True
