"""Albums: ordered collections of one owner's assets, with counts, covers and reordering."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from mediabox.domain.clock import Clock
from mediabox.domain.errors import NotFound, Unprocessable, ValidationFailed
from mediabox.domain.models import Album, Asset, User
from mediabox.domain.pagination import cursor_int, cursor_str, decode_cursor, encode_cursor
from mediabox.repositories.albums import AlbumRepository
from mediabox.services.transactions import commit_retrying_race

MAX_TITLE_LENGTH = 200
MAX_DESCRIPTION_LENGTH = 5000
UNSET = object()


@dataclass(frozen=True)
class AlbumView:
    """An album with what lists show about it: visible asset count and cover asset."""

    album: Album
    asset_count: int
    cover: Asset | None


@dataclass(frozen=True)
class AssetPage:
    """One page of assets and the cursor of the next (None on the last page)."""

    items: list[Asset]
    next_cursor: str | None


def clean_title(title: str) -> str:
    title = title.strip()
    if not 1 <= len(title) <= MAX_TITLE_LENGTH:
        raise ValidationFailed(
            f"An album title must be 1–{MAX_TITLE_LENGTH} characters.", code="invalid_title"
        )
    return title


def unique_ids(ids: Sequence[uuid.UUID]) -> list[uuid.UUID]:
    return list(dict.fromkeys(ids))


def page_album(
    albums: AlbumRepository, album_id: uuid.UUID, cursor: str | None, limit: int
) -> AssetPage:
    """A page of an album's visible assets in album order (shared with public links)."""
    after = None
    if cursor:
        position, asset_id = decode_cursor(cursor, 2)
        try:
            after = (cursor_int(position), uuid.UUID(cursor_str(asset_id)))
        except (TypeError, ValueError) as exc:
            raise ValidationFailed("The cursor is not valid.", code="invalid_cursor") from exc
    rows = albums.page_assets(album_id, after, limit + 1)
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = encode_cursor(rows[-1][0], str(rows[-1][1].id)) if more and rows else None
    return AssetPage([asset for _, asset in rows], next_cursor)


class AlbumService:
    """Creates and edits albums and their membership; each method is one transaction."""

    def __init__(self, session: Session, albums: AlbumRepository, clock: Clock):
        self.session = session
        self.albums = albums
        self.clock = clock

    def create(self, user: User, title: str, description: str = "") -> AlbumView:
        """Create an empty album."""
        now = self.clock()
        album = Album(
            owner_id=user.id,
            title=clean_title(title),
            description=_clean_description(description),
            created_at=now,
            updated_at=now,
        )
        self.albums.add(album)
        self.session.commit()
        return AlbumView(album, 0, None)

    def list(self, user: User) -> list[AlbumView]:
        """The user's albums, newest first, with counts and covers."""
        albums = self.albums.list_owned(user.id)
        return self._views(albums)

    def get(self, user: User, album_id: uuid.UUID) -> AlbumView:
        """One album of the user (another user's album is a 404)."""
        return self._views([self._require(user, album_id)])[0]

    def update(
        self,
        user: User,
        album_id: uuid.UUID,
        *,
        title: str | None = None,
        description: str | None = None,
        cover_asset_id: uuid.UUID | object | None = UNSET,
    ) -> AlbumView:
        """Rename, describe or choose the cover (None: back to the first asset)."""
        album = self._require(user, album_id)
        if title is not None:
            album.title = clean_title(title)
        if description is not None:
            album.description = _clean_description(description)
        if cover_asset_id is not UNSET:
            if cover_asset_id is not None:
                if not self.albums.owned_asset_ids(user.id, [cover_asset_id], visible_only=True):
                    raise NotFound("No such asset.", code="asset_not_found")
                if not self.albums.is_member(album.id, cover_asset_id):
                    raise Unprocessable(
                        "The cover must be an asset of the album.", code="cover_not_in_album"
                    )
            album.cover_asset_id = cover_asset_id
        album.updated_at = self.clock()
        self.session.commit()
        return self._views([album])[0]

    def delete(self, user: User, album_id: uuid.UUID) -> None:
        """Delete the album (its assets stay in the library; its share links end)."""
        album = self._require(user, album_id)
        self.albums.delete(album)
        self.session.commit()

    def add_assets(
        self, user: User, album_id: uuid.UUID, asset_ids: Sequence[uuid.UUID]
    ) -> tuple[int, AlbumView]:
        """Append the user's assets; all or nothing: any id not in the library is a 404."""
        album = self._require(user, album_id)
        ids = unique_ids(asset_ids)
        found = self.albums.owned_asset_ids(user.id, ids, visible_only=True)
        missing = [str(i) for i in ids if i not in found]
        if missing:
            raise NotFound(
                "Some assets do not exist.", code="asset_not_found", details={"ids": missing}
            )

        def append() -> int:
            now = self.clock()
            added = self.albums.add_members(album.id, ids, now)
            if added:
                album.updated_at = now
            return added

        added = commit_retrying_race(self.session, append)
        return added, self._views([album])[0]

    def remove_assets(
        self, user: User, album_id: uuid.UUID, asset_ids: Sequence[uuid.UUID]
    ) -> tuple[int, AlbumView]:
        """Take assets out of the album (ids that are not in it are ignored)."""
        album = self._require(user, album_id)
        ids = unique_ids(asset_ids)
        owned = self.albums.owned_asset_ids(user.id, ids)
        removed = self.albums.remove_members(album.id, [i for i in ids if i in owned])
        if album.cover_asset_id in owned:
            album.cover_asset_id = None
        if removed:
            album.updated_at = self.clock()
        self.session.commit()
        return removed, self._views([album])[0]

    def reorder(
        self,
        user: User,
        album_id: uuid.UUID,
        asset_ids: Sequence[uuid.UUID],
        after_asset_id: uuid.UUID | None,
    ) -> AlbumView:
        """Move `asset_ids` (in that order) right after `after_asset_id`, or to the start."""
        album = self._require(user, album_id)
        ids = unique_ids(asset_ids)
        members = self.albums.member_ids(album.id)
        present = set(members)
        missing = [str(i) for i in ids if i not in present]
        if missing:
            raise NotFound(
                "Some assets are not in this album.",
                code="asset_not_in_album",
                details={"ids": missing},
            )
        if after_asset_id is not None and (after_asset_id not in present or after_asset_id in ids):
            raise Unprocessable(
                "after_asset_id must be another asset of the album.", code="invalid_anchor"
            )
        moving = set(ids)
        rest = [m for m in members if m not in moving]
        at = 0 if after_asset_id is None else rest.index(after_asset_id) + 1
        self.albums.set_positions(album.id, rest[:at] + ids + rest[at:])
        album.updated_at = self.clock()
        self.session.commit()
        return self._views([album])[0]

    def list_assets(
        self, user: User, album_id: uuid.UUID, cursor: str | None, limit: int
    ) -> AssetPage:
        """A page of the album's non-trashed assets in album order."""
        album = self._require(user, album_id)
        return page_album(self.albums, album.id, cursor, limit)

    def require(self, user: User, album_id: uuid.UUID) -> Album:
        """The user's album, or NotFound."""
        return self._require(user, album_id)

    def _require(self, user: User, album_id: uuid.UUID) -> Album:
        album = self.albums.get_owned(user.id, album_id)
        if album is None:
            raise NotFound("No such album.", code="album_not_found")
        return album

    def _views(self, albums: list[Album]) -> list[AlbumView]:
        ids = [a.id for a in albums]
        counts = self.albums.visible_counts(ids)
        covers = self.albums.covers(albums)
        return [AlbumView(a, counts.get(a.id, 0), covers.get(a.id)) for a in albums]


def _clean_description(description: str) -> str:
    description = description.strip()
    if len(description) > MAX_DESCRIPTION_LENGTH:
        raise ValidationFailed(
            f"A description is at most {MAX_DESCRIPTION_LENGTH} characters.",
            code="invalid_description",
        )
    return description
