"""Share links, the owner's side: create, list, edit and revoke (the visitor's side is
`public_shares.py`)."""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from mediabox.domain.clock import Clock
from mediabox.domain.errors import (
    Conflict,
    NotFound,
    ValidationFailed,
)
from mediabox.domain.models import Share, User
from mediabox.infra.passwords import PasswordHasher
from mediabox.repositories.albums import AlbumRepository
from mediabox.repositories.shares import ShareRepository
from mediabox.services.public_shares import is_visible

MIN_SHARE_PASSWORD = 8
MAX_SHARE_PASSWORD = 1024
EDITABLE = {"expires_at", "password", "allow_download", "show_location", "max_views"}


@dataclass(frozen=True)
class ShareView:
    """A link as its owner sees it."""

    share: Share
    url: str
    status: str
    kind: str
    title: str
    original_contains_location: bool


class ShareService:
    """The owner's share links of assets and albums; each method is one transaction."""

    def __init__(
        self,
        session: Session,
        shares: ShareRepository,
        albums: AlbumRepository,
        hasher: PasswordHasher,
        clock: Clock,
        *,
        public_base_url: str = "",
    ):
        self.session = session
        self.shares = shares
        self.albums = albums
        self.hasher = hasher
        self.clock = clock
        self.public_base_url = public_base_url.rstrip("/")

    def create(
        self,
        user: User,
        *,
        base_url: str,
        asset_id: uuid.UUID | None = None,
        album_id: uuid.UUID | None = None,
        expires_at: datetime | None = None,
        password: str | None = None,
        allow_download: bool = True,
        show_location: bool = False,
        max_views: int | None = None,
    ) -> ShareView:
        """Create a link to one of the user's assets or albums."""
        if (asset_id is None) == (album_id is None):
            raise ValidationFailed("Give exactly one of asset_id and album_id.", code="bad_target")
        if asset_id is not None and not is_visible(self.shares.get_owned_asset(user.id, asset_id)):
            raise NotFound("No such asset.", code="asset_not_found")
        if album_id is not None and self.albums.get_owned(user.id, album_id) is None:
            raise NotFound("No such album.", code="album_not_found")
        now = self.clock()
        share = Share(
            owner_id=user.id,
            token=secrets.token_urlsafe(32),
            asset_id=asset_id,
            album_id=album_id,
            expires_at=self._future(expires_at),
            password_hash=self._hash(password) if password is not None else None,
            allow_download=allow_download,
            show_location=show_location,
            max_views=max_views,
            view_count=0,
            created_at=now,
            updated_at=now,
        )
        self.shares.add(share)
        self.session.commit()
        return self._owner_view(share, base_url)

    def list(self, user: User, *, base_url: str) -> list[ShareView]:
        """The user's links, newest first, with status and view counts."""
        return [self._owner_view(s, base_url) for s in self.shares.list_owned(user.id)]

    def update(
        self, user: User, token: str, changes: dict[str, Any], *, base_url: str
    ) -> ShareView:
        """Edit a link that is not revoked. Only a given `expires_at` changes its life."""
        share = self._owned(user, token)
        if share.revoked_at is not None:
            raise Conflict("A revoked link cannot be edited.", code="share_revoked")
        unknown = set(changes) - EDITABLE
        if unknown:
            raise ValidationFailed("Unknown fields.", details={"fields": sorted(unknown)})
        if "expires_at" in changes:
            share.expires_at = self._future(changes["expires_at"])
        if "password" in changes:
            password = changes["password"]
            share.password_hash = self._hash(password) if password is not None else None
        for name in ("allow_download", "show_location"):
            if changes.get(name) is not None:
                setattr(share, name, bool(changes[name]))
        if "max_views" in changes:
            share.max_views = changes["max_views"]
        share.updated_at = self.clock()
        self.session.commit()
        return self._owner_view(share, base_url)

    def revoke(self, user: User, token: str, *, base_url: str) -> ShareView:
        """End a link for good (idempotent)."""
        share = self._owned(user, token)
        if share.revoked_at is None:
            share.revoked_at = self.clock()
            share.updated_at = share.revoked_at
            self.session.commit()
        return self._owner_view(share, base_url)

    # --- helpers ----------------------------------------------------------------------------

    def _owner_view(self, share: Share, base_url: str) -> ShareView:
        if share.album_id is not None:
            album = self.albums.get(share.album_id)
            kind, title = "album", album.title if album else ""
            has_gps = album is not None and self.albums.any_visible_with_location(album.id)
        else:
            asset = self.shares.get_asset(share.asset_id)
            kind, title = "asset", asset.original_filename if asset else ""
            has_gps = asset is not None and asset.gps_lat is not None
        if share.revoked_at is not None:
            status = "revoked"
        elif (share.expires_at is not None and share.expires_at <= self.clock()) or (
            share.max_views is not None and share.view_count >= share.max_views
        ):
            status = "expired"
        else:
            status = "active"
        base = self.public_base_url or base_url.rstrip("/")
        return ShareView(
            share, f"{base}/s/{share.token}", status, kind, title,
            share.allow_download and share.show_location and has_gps,
        )  # fmt: skip

    def _owned(self, user: User, token: str) -> Share:
        share = self.shares.get_owned_by_token(user.id, token)
        if share is None:
            raise NotFound("No such link.", code="share_not_found")
        return share

    def _future(self, expires_at: datetime | None) -> datetime | None:
        if expires_at is None:
            return None
        if expires_at.tzinfo is None:
            raise ValidationFailed("expires_at needs a time zone.", code="invalid_expiry")
        if expires_at <= self.clock():
            raise ValidationFailed("expires_at must be in the future.", code="expiry_in_past")
        return expires_at

    def _hash(self, password: str) -> str:
        if not MIN_SHARE_PASSWORD <= len(password) <= MAX_SHARE_PASSWORD:
            raise ValidationFailed(
                f"A link password must be {MIN_SHARE_PASSWORD}–{MAX_SHARE_PASSWORD} characters.",
                code="invalid_password",
            )
        return self.hasher.hash(password)
