"""ShareService (the owner's side), PublicShareService (the visitor's) and ShareCredentials
with fakes: no app, no database."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest

from mediabox.domain.errors import (
    Conflict,
    Forbidden,
    Gone,
    NotFound,
    Unauthorized,
    ValidationFailed,
)
from mediabox.domain.models import Asset, Share, User
from mediabox.services.public_shares import PublicShareService
from mediabox.services.share_credentials import ShareCredentials
from mediabox.services.shares import ShareService
from tests.factories import MovableClock
from tests.unit.fakes import FakeSession


class FakeShares:
    def __init__(self, assets, users):
        self.rows: list[Share] = []
        self.assets = assets
        self.users = users

    def add(self, share):
        share.id = share.id or uuid.uuid4()
        self.rows.append(share)

    def get_by_token(self, token):
        return next((s for s in self.rows if s.token == token), None)

    def get_owned_by_token(self, owner_id, token):
        share = self.get_by_token(token)
        return share if share is not None and share.owner_id == owner_id else None

    def list_owned(self, owner_id):
        return [s for s in self.rows if s.owner_id == owner_id]

    def count_view(self, share_id):
        share = next(s for s in self.rows if s.id == share_id)
        if share.max_views is not None and share.view_count >= share.max_views:
            return False
        share.view_count += 1
        return True

    def get_asset(self, asset_id):
        return self.assets.get(asset_id)

    def get_owned_asset(self, owner_id, asset_id):
        asset = self.assets.get(asset_id)
        return asset if asset is not None and asset.owner_id == owner_id else None

    def get_user(self, user_id):
        return self.users.get(user_id)


class FakeAlbums:
    def get_owned(self, owner_id, album_id):
        return None


class FakeHasher:
    def hash(self, password):
        return f"hashed:{password}"

    def verify(self, password_hash, password):
        return password_hash == f"hashed:{password}"


class FakeMediaUrls:
    def signed(self, asset, kind, *, attachment=False):
        return SimpleNamespace(url=f"https://blobs/{asset.id}/{kind}", expires_at=None)


@pytest.fixture
def clock():
    return MovableClock(datetime(2026, 1, 1, 12, tzinfo=UTC))


@pytest.fixture
def owner():
    return User(id=uuid.uuid4(), email="o@example.com", display_name="Olga", is_active=True)


@pytest.fixture
def asset(owner):
    return Asset(
        id=uuid.uuid4(), owner_id=owner.id, status="ready", deleted_at=None,
        original_filename="a.jpg", gps_lat=None, description="",
    )  # fmt: skip


@pytest.fixture
def fake_shares(owner, asset):
    return FakeShares({asset.id: asset}, {owner.id: owner})


@pytest.fixture
def service(clock, fake_shares):
    return ShareService(
        FakeSession(), fake_shares, FakeAlbums(), FakeHasher(), clock,
        public_base_url="https://pub.example",
    )  # fmt: skip


@pytest.fixture
def visitor(clock, fake_shares):
    credentials = ShareCredentials("k" * 48, clock, ttl_seconds=600)
    return PublicShareService(
        FakeSession(), fake_shares, FakeAlbums(), FakeHasher(), FakeMediaUrls(), credentials, clock
    )


def test_token_is_long_random_and_url_safe(service, owner, asset):
    views = [service.create(owner, base_url="http://x", asset_id=asset.id) for _ in range(20)]
    tokens = {v.share.token for v in views}
    assert len(tokens) == 20
    for token in tokens:
        assert len(token) >= 43 and all(c.isalnum() or c in "-_" for c in token)
    assert views[0].url == f"https://pub.example/s/{views[0].share.token}"


def test_open_and_download_rules(service, owner, asset, visitor):
    share = service.create(owner, base_url="", asset_id=asset.id, allow_download=False).share
    view = visitor.open(share.token, None)
    assert view.title == "a.jpg" and view.owner_name == "Olga" and view.credential is None
    assert visitor.download_url(share.token, None, asset.id, "thumb").url.endswith("/thumb")
    with pytest.raises(Forbidden):
        visitor.download_url(share.token, None, asset.id, "original")
    with pytest.raises(NotFound):
        visitor.download_url(share.token, None, uuid.uuid4(), "thumb")


def test_password_and_credentials(service, owner, asset, clock, visitor):
    share = service.create(owner, base_url="", asset_id=asset.id, password="let me in now").share
    with pytest.raises(Unauthorized) as missing:
        visitor.open(share.token, None)
    assert missing.value.code == "password_required"
    with pytest.raises(Unauthorized):
        visitor.unlock(share.token, "nope")
    issued = visitor.unlock(share.token, "let me in now")
    assert visitor.open(share.token, issued.value).title == "a.jpg"
    assert issued.expires_at == clock() + timedelta(seconds=600)
    clock.advance(seconds=601)
    with pytest.raises(Unauthorized) as late:
        visitor.open(share.token, issued.value)
    assert late.value.code == "invalid_credential"


def test_credential_is_bound_to_token_and_password(service, owner, asset, visitor):
    one = service.create(owner, base_url="", asset_id=asset.id, password="same same").share
    two = service.create(owner, base_url="", asset_id=asset.id, password="same same").share
    credential = visitor.unlock(one.token, "same same").value
    assert not visitor.credentials.is_valid(two, credential)
    assert visitor.credentials.is_valid(one, credential)
    service.update(owner, one.token, {"password": "changed it"}, base_url="")
    assert not visitor.credentials.is_valid(one, credential)
    assert not visitor.credentials.is_valid(one, credential + "x")
    assert not visitor.credentials.is_valid(one, "")


def test_expiry_revocation_and_edits(service, owner, asset, clock, visitor):
    expires = clock() + timedelta(hours=1)
    share = service.create(owner, base_url="", asset_id=asset.id, expires_at=expires).share
    service.update(owner, share.token, {"allow_download": False}, base_url="")
    assert share.expires_at == expires
    with pytest.raises(ValidationFailed):
        service.update(owner, share.token, {"expires_at": clock()}, base_url="")
    clock.advance(hours=2)
    with pytest.raises(Gone) as expired:
        visitor.open(share.token, None)
    assert expired.value.code == "share_expired"
    assert service.list(owner, base_url="")[0].status == "expired"
    service.revoke(owner, share.token, base_url="")
    with pytest.raises(Conflict):
        service.update(owner, share.token, {"expires_at": None}, base_url="")
    with pytest.raises(Gone):
        visitor.unlock(share.token, "anything")


def test_trashed_asset_and_unknown_and_foreign(service, owner, asset, visitor):
    share = service.create(owner, base_url="", asset_id=asset.id).share
    asset.deleted_at = datetime.now(UTC)
    with pytest.raises(Gone):
        visitor.open(share.token, None)
    with pytest.raises(NotFound):
        visitor.open("z" * 43, None)
    stranger = User(id=uuid.uuid4(), email="s@example.com", display_name="S")
    with pytest.raises(NotFound):
        service.revoke(stranger, share.token, base_url="")
    asset.deleted_at = None
    with pytest.raises(NotFound):
        service.create(stranger, base_url="", asset_id=asset.id)


def test_view_limit(service, owner, asset, visitor):
    share = service.create(owner, base_url="", asset_id=asset.id, max_views=1).share
    first = visitor.open(share.token, None)
    assert first.credential is not None
    with pytest.raises(Gone):
        visitor.open(share.token, None)
    visitor.list_assets(share.token, first.credential.value, None, 10)
    with pytest.raises(Gone):
        visitor.list_assets(share.token, None, None, 10)
