"""Share links, the visitor's side: open, unlock, page through, download URLs and which blobs
a live link exposes, with every rule checked on every request. No account is involved."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy.orm import Session

from mediabox.domain import storage_keys
from mediabox.domain.clock import Clock
from mediabox.domain.errors import (
    Conflict,
    Forbidden,
    Gone,
    NotFound,
    Unauthorized,
    ValidationFailed,
)
from mediabox.domain.models import Asset, Share
from mediabox.infra.blobstore import PresignedRequest
from mediabox.infra.passwords import PasswordHasher
from mediabox.repositories.albums import SHOWN_STATUSES, AlbumRepository
from mediabox.repositories.shares import ShareRepository
from mediabox.services.albums import AssetPage, page_album
from mediabox.services.media_urls import KINDS, MediaUrls
from mediabox.services.share_credentials import IssuedCredential, ShareCredentials
from mediabox.services.share_limits import ShareUnlockGuard
from mediabox.services.share_privacy import (
    check_original_shareable,
    original_may_hold_location,
)
from mediabox.services.zips import (
    ZipArchive,
    ZipLink,
    ZipTickets,
    archive_name,
    entries_of,
    unique_ids,
)

ZIP_PAGE = 500


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


@dataclass(frozen=True)
class SharePreview:
    """What a link's page may say before it is opened (its `og:` tags): nothing about the
    content when `locked` (a password link)."""

    locked: bool
    kind: str = ""
    title: str = ""
    description: str = ""
    owner_name: str = ""
    asset_count: int = 0
    image: Asset | None = None


def is_visible(asset: Asset | None) -> bool:
    """An asset a link can show: finished uploading and not in the trash."""
    return asset is not None and asset.deleted_at is None and asset.status in SHOWN_STATUSES


def _blob_keys(asset: Asset) -> set[str]:
    keys = (
        asset.storage_key_original,
        asset.storage_key_thumb,
        asset.storage_key_preview,
        asset.storage_key_poster,
    )
    return {key for key in keys if key}


class PublicShareService:
    """A visitor's view of share links; each method is one transaction."""

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
        unlock_guard: ShareUnlockGuard | None = None,
        zip_tickets: ZipTickets | None = None,
    ):
        self.session = session
        self.shares = shares
        self.albums = albums
        self.hasher = hasher
        self.media_urls = media_urls
        self.credentials = credentials
        self.clock = clock
        self.unlock_guard = unlock_guard
        self.zip_tickets = zip_tickets

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

    def preview(self, token: str) -> SharePreview:
        """The link's title, description and cover for its page's `og:` tags; counts no view and
        needs no credential, so a password link tells nothing (404/410 like `open`)."""
        share = self._live(token)
        if share.password_hash is not None:
            self.session.rollback()
            return SharePreview(locked=True)
        if share.max_views is not None and share.view_count >= share.max_views:
            self.session.rollback()
            raise Gone("This link has reached its view limit.", code="share_view_limit")
        view = self._public_view(share, None)
        self.session.rollback()
        return SharePreview(
            False, view.kind, view.title, view.description, view.owner_name, view.asset_count,
            view.cover,
        )  # fmt: skip

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
        if kind == "original":
            self._require_download(share)
            check_original_shareable(share, asset)
        return self.media_urls.signed(asset, kind, attachment=kind == "original")

    def zip_link(
        self, token: str, credential: str | None, asset_ids: list[uuid.UUID] | None
    ) -> ZipLink:
        """A signed URL streaming the originals of `asset_ids` (None: all the link shows);
        refused when the link does not allow downloads."""
        share = self._live(token)
        self._require_access(share, credential)
        self._require_download(share)
        if asset_ids is not None:
            ids = unique_ids(asset_ids)
            for asset_id in ids:
                self._asset_in_scope(share, asset_id)
            count = len(ids)
        elif share.album_id is not None:
            ids = None
            count = self.albums.visible_counts([share.album_id]).get(share.album_id, 0)
        else:
            ids, count = None, 1
        self.session.rollback()
        ticket, expires_at = self._tickets().issue(f"share:{share.token}", ids)
        return ZipLink(f"/api/v1/shares/{share.token}/zip?ticket={ticket}", expires_at, count)

    def zip_archive(self, token: str, ticket: str) -> ZipArchive:
        """The archive a zip ticket of this link names, with the link checked again (revoked,
        expired or downloads turned off since: refused). Assets gone since are left out."""
        share = self._live(token)
        ids, _ = self._tickets().read(f"share:{share.token}", ticket)
        self._require_download(share)
        if ids is not None:
            assets = []
            for asset_id in ids:
                try:
                    assets.append(self._asset_in_scope(share, asset_id))
                except NotFound:
                    continue
        elif share.album_id is not None:
            assets = self._all_album_assets(share.album_id)
        else:
            assets = [self.shares.get_asset(share.asset_id)]
        title = self._public_view(share, None).title
        self.session.rollback()
        withheld = None if share.show_location else original_may_hold_location
        return ZipArchive(
            archive_name(title, self.clock()), entries_of(assets, preview_only=withheld)
        )

    def asset_in_scope(self, token: str, credential: str | None, asset_id: uuid.UUID) -> Asset:
        """An asset the link shows (for callers that need the row itself)."""
        share = self._live(token)
        self._require_access(share, credential)
        return self._asset_in_scope(share, asset_id)

    def exposes_blob(self, key: str) -> bool:
        """Whether a live link shows the asset this blob belongs to (the share gateway serves
        nothing else); an original only through a link that allows downloads."""
        asset_id = storage_keys.asset_id_of(key)
        asset = self.shares.get_asset(asset_id) if asset_id is not None else None
        if not is_visible(asset) or key not in _blob_keys(asset):
            self.session.rollback()
            return False
        downloads = self.shares.live_link_downloads(asset.id, self.clock())
        self.session.rollback()
        if key == asset.storage_key_original:
            return any(downloads)
        return bool(downloads)

    # --- helpers ---

    def _tickets(self) -> ZipTickets:
        if self.zip_tickets is None:
            raise RuntimeError("this service was built without zip tickets")
        return self.zip_tickets

    @staticmethod
    def _require_download(share: Share) -> None:
        if not share.allow_download:
            raise Forbidden("Downloads are turned off for this link.", code="download_disabled")

    def _all_album_assets(self, album_id: uuid.UUID) -> list[Asset]:
        assets: list[Asset] = []
        after = None
        while True:
            rows = self.albums.page_assets(album_id, after, ZIP_PAGE)
            assets += [asset for _, asset in rows]
            if len(rows) < ZIP_PAGE:
                return assets
            after = (rows[-1][0], rows[-1][1].id)

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
