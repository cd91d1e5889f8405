"""Share links: the owner's side (create, list, edit, revoke) and the public side (open,
unlock, page through, download URLs) with every rule checked on every request."""

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
    Forbidden,
    Gone,
    NotFound,
    Unauthorized,
    ValidationFailed,
)
from mediabox.domain.models import Asset, Share, User
from mediabox.infra.blobstore import PresignedRequest
from mediabox.infra.passwords import PasswordHasher
from mediabox.repositories.albums import SHOWN_STATUSES, AlbumRepository
from mediabox.repositories.shares import ShareRepository
from mediabox.services.albums import AssetPage, page_album
from mediabox.services.media_urls import KINDS, MediaUrls
from mediabox.services.share_credentials import IssuedCredential, ShareCredentials
from mediabox.services.share_limits import ShareUnlockGuard
from mediabox.services.share_privacy import check_original_shareable

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


@dataclass(frozen=True)
class PublicShare:
    """What an unlocked visitor may see of a link; `credential` is set when one was issued."""

    share: Share
    kind: str
    title: str
    description: str
    owner_name: str
    asset: Asset | None
    asset_count: int
    cover: Asset | None
    original_contains_location: bool
    credential: IssuedCredential | None = None


def is_visible(asset: Asset | None) -> bool:
    return asset is not None and asset.deleted_at is None and asset.status in SHOWN_STATUSES


class ShareService:
    """Share links of assets and albums; each method is one transaction."""

    def __init__(
        self,
        session: Session,
        shares: ShareRepository,
        albums: AlbumRepository,
        hasher: PasswordHasher,
        media_urls: MediaUrls,
        credentials: ShareCredentials,
        clock: Clock,
        *,
        public_base_url: str = "",
        unlock_guard: ShareUnlockGuard | None = None,
    ):
        self.session = session
        self.shares = shares
        self.albums = albums
        self.hasher = hasher
        self.media_urls = media_urls
        self.credentials = credentials
        self.clock = clock
        self.public_base_url = public_base_url.rstrip("/")
        self.unlock_guard = unlock_guard

    # --- the owner's side -------------------------------------------------------------------

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

    # --- the public side --------------------------------------------------------------------

    def open(self, token: str, credential: str | None, *, count_view: bool = True) -> PublicShare:
        """What the link shows; counts one view (410 once `max_views` is reached)."""
        share = self._live(token)
        has_credential = self._check_credential(share, credential)
        if not count_view:
            self._require_access(share, credential)
        elif share.max_views is not None and has_credential:
            pass  # this visitor's view was counted when its credential was issued
        elif not self.shares.count_view(share.id):
            self.session.rollback()
            raise Gone("This link has reached its view limit.", code="share_view_limit")
        self.session.commit()
        self.session.refresh(share)
        issued = None
        if share.max_views is not None and not has_credential:
            issued = self.credentials.issue(share)
        return self._public_view(share, issued)

    def unlock(self, token: str, password: str, *, client: str = "") -> IssuedCredential:
        """Trade the link's password for a credential of this link only (401 when wrong).

        Only password links unlock; on a link with `max_views` the credential costs one view.
        """
        share = self._live(token)
        if share.password_hash is None:
            raise Conflict("This link has no password: open it instead.", code="share_not_locked")
        if self.unlock_guard is not None:
            self.unlock_guard.check(share.token, client)
        if not self.hasher.verify(share.password_hash, password):
            if self.unlock_guard is not None:
                self.unlock_guard.failed(share.token, client)
            raise Unauthorized("Wrong password.", code="wrong_password")
        if share.max_views is not None:
            if not self.shares.count_view(share.id):
                self.session.rollback()
                raise Gone("This link has reached its view limit.", code="share_view_limit")
            self.session.commit()
        return self.credentials.issue(share)

    def list_assets(
        self, token: str, credential: str | None, cursor: str | None, limit: int
    ) -> tuple[Share, AssetPage]:
        """A page of what the link shows: the album's non-trashed assets, or the one asset."""
        share = self._live(token)
        self._require_access(share, credential)
        if share.album_id is not None:
            return share, page_album(self.albums, share.album_id, cursor, limit)
        asset = self.shares.get_asset(share.asset_id)
        return share, AssetPage([asset] if asset is not None and not cursor else [], None)

    def download_url(
        self, token: str, credential: str | None, asset_id: uuid.UUID, kind: str
    ) -> PresignedRequest:
        """A signed URL of one file of an asset the link shows; originals need allow_download."""
        share = self._live(token)
        self._require_access(share, credential)
        if kind not in KINDS:
            raise ValidationFailed("Unknown kind.", code="invalid_kind")
        asset = self._asset_in_scope(share, asset_id)
        if kind == "original" and not share.allow_download:
            raise Forbidden("Downloads are turned off for this link.", code="download_disabled")
        if kind == "original":
            check_original_shareable(share, asset)
        return self.media_urls.signed(asset, kind, attachment=kind == "original")

    def asset_in_scope(self, token: str, credential: str | None, asset_id: uuid.UUID) -> Asset:
        """An asset the link shows (for callers that need the row itself)."""
        share = self._live(token)
        self._require_access(share, credential)
        return self._asset_in_scope(share, asset_id)

    # --- helpers ----------------------------------------------------------------------------

    def _live(self, token: str) -> Share:
        share = self.shares.get_by_token(token) if 20 <= len(token) <= 64 else None
        if share is None:
            raise NotFound("No such link.", code="share_not_found")
        reason = self._ended(share)
        if reason is not None:
            raise Gone(reason[0], code=reason[1])
        return share

    def _ended(self, share: Share) -> tuple[str, str] | None:
        if share.revoked_at is not None:
            return "This link has been revoked.", "share_revoked"
        owner = self.shares.get_user(share.owner_id)
        if owner is None or not owner.is_active:
            return "What this link showed is no longer available.", "share_unavailable"
        if share.expires_at is not None and share.expires_at <= self.clock():
            return "This link has expired.", "share_expired"
        if share.asset_id is not None and not is_visible(self.shares.get_asset(share.asset_id)):
            return "What this link showed is no longer available.", "share_unavailable"
        return None

    def _check_credential(self, share: Share, credential: str | None) -> bool:
        valid = self.credentials.is_valid(share, credential)
        if share.password_hash is not None and not valid:
            if credential:
                raise Unauthorized("The share credential is not valid.", code="invalid_credential")
            raise Unauthorized("This link needs its password.", code="password_required")
        return valid

    def _require_access(self, share: Share, credential: str | None) -> None:
        valid = self._check_credential(share, credential)
        if share.max_views is not None and not valid:
            if share.view_count >= share.max_views:
                raise Gone("This link has reached its view limit.", code="share_view_limit")
            raise Unauthorized("Open the link first.", code="credential_required")

    def _asset_in_scope(self, share: Share, asset_id: uuid.UUID) -> Asset:
        if share.album_id is not None:
            asset = self.albums.visible_member(share.album_id, asset_id)
        else:
            asset = self.shares.get_asset(asset_id) if asset_id == share.asset_id else None
        if asset is None or not is_visible(asset):
            raise NotFound("No such asset in this link.", code="asset_not_found")
        return asset

    def _public_view(self, share: Share, issued: IssuedCredential | None) -> PublicShare:
        owner = self.shares.get_user(share.owner_id)
        owner_name = owner.display_name if owner is not None else ""
        if share.album_id is not None:
            album = self.albums.get(share.album_id)
            count = self.albums.visible_counts([album.id]).get(album.id, 0)
            cover = self.albums.covers([album]).get(album.id)
            has_gps = self.albums.any_visible_with_location(album.id)
            return PublicShare(
                share, "album", album.title, album.description, owner_name, None, count, cover,
                share.allow_download and share.show_location and has_gps, issued,
            )  # fmt: skip
        asset = self.shares.get_asset(share.asset_id)
        return PublicShare(
            share, "asset", asset.original_filename, asset.description, owner_name, asset, 1,
            asset, share.allow_download and share.show_location and asset.gps_lat is not None,
            issued,
        )  # fmt: skip

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
