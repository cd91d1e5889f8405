"""Queries for albums and their ordered membership (album_assets)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence

from sqlalchemy import ColumnElement, and_, delete, func, or_, select, update
from sqlalchemy.orm import Session

from mediabox.domain.enums import AssetStatus
from mediabox.domain.models import Album, AlbumAsset, Asset
from mediabox.repositories.unique import flush_unique

SHOWN_STATUSES = (AssetStatus.READY.value, AssetStatus.FAILED.value)


def visible_asset() -> ColumnElement[bool]:
    """An asset that shows in the library: finished uploading and not in the trash."""
    return and_(Asset.deleted_at.is_(None), Asset.status.in_(SHOWN_STATUSES))


class AlbumRepository:
    """Every query on `albums` and `album_assets`; never commits."""

    def __init__(self, session: Session):
        self.session = session

    def add(self, album: Album) -> Album:
        self.session.add(album)
        self.session.flush()
        return album

    def delete(self, album: Album) -> None:
        self.session.execute(delete(AlbumAsset).where(AlbumAsset.album_id == album.id))
        self.session.delete(album)
        self.session.flush()

    def get_owned(self, owner_id: uuid.UUID, album_id: uuid.UUID) -> Album | None:
        return self.session.scalar(
            select(Album).where(Album.id == album_id, Album.owner_id == owner_id)
        )

    def get(self, album_id: uuid.UUID) -> Album | None:
        return self.session.get(Album, album_id)

    def list_owned(self, owner_id: uuid.UUID) -> list[Album]:
        return list(
            self.session.scalars(
                select(Album)
                .where(Album.owner_id == owner_id)
                .order_by(Album.created_at.desc(), Album.id)
            )
        )

    def visible_counts(self, album_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, int]:
        """Number of non-trashed assets per album."""
        if not album_ids:
            return {}
        rows = self.session.execute(
            select(AlbumAsset.album_id, func.count())
            .join(Asset, Asset.id == AlbumAsset.asset_id)
            .where(AlbumAsset.album_id.in_(album_ids), visible_asset())
            .group_by(AlbumAsset.album_id)
        )
        return {album_id: count for album_id, count in rows}

    def covers(self, albums: Sequence[Album]) -> dict[uuid.UUID, Asset]:
        """The cover of each album: its chosen cover if still visible, else its first asset."""
        result: dict[uuid.UUID, Asset] = {}
        chosen = {a.cover_asset_id for a in albums if a.cover_asset_id}
        if chosen:
            visible = {
                asset.id: asset
                for asset in self.session.scalars(
                    select(Asset).where(Asset.id.in_(chosen), visible_asset())
                )
            }
            for album in albums:
                if album.cover_asset_id in visible and self.is_member(
                    album.id, album.cover_asset_id
                ):
                    result[album.id] = visible[album.cover_asset_id]
        for album in albums:
            if album.id not in result:
                first = self.page_assets(album.id, None, 1)
                if first:
                    result[album.id] = first[0][1]
        return result

    def is_member(self, album_id: uuid.UUID, asset_id: uuid.UUID) -> bool:
        return (
            self.session.scalar(
                select(func.count())
                .select_from(AlbumAsset)
                .where(AlbumAsset.album_id == album_id, AlbumAsset.asset_id == asset_id)
            )
            > 0
        )

    def visible_member(self, album_id: uuid.UUID, asset_id: uuid.UUID) -> Asset | None:
        """The asset if it is in the album and not trashed."""
        return self.session.scalar(
            select(Asset)
            .join(AlbumAsset, AlbumAsset.asset_id == Asset.id)
            .where(AlbumAsset.album_id == album_id, Asset.id == asset_id, visible_asset())
        )

    def any_visible_with_location(self, album_id: uuid.UUID) -> bool:
        return (
            self.session.scalar(
                select(func.count())
                .select_from(AlbumAsset)
                .join(Asset, Asset.id == AlbumAsset.asset_id)
                .where(AlbumAsset.album_id == album_id, visible_asset(), Asset.gps_lat.is_not(None))
            )
            > 0
        )

    def owned_asset_ids(
        self, owner_id: uuid.UUID, asset_ids: Iterable[uuid.UUID], *, visible_only: bool = False
    ) -> set[uuid.UUID]:
        """Ids among `asset_ids` that belong to the owner (only non-trashed with visible_only)."""
        ids = list(asset_ids)
        if not ids:
            return set()
        query = select(Asset.id).where(Asset.id.in_(ids), Asset.owner_id == owner_id)
        if visible_only:
            query = query.where(visible_asset())
        return set(self.session.scalars(query))

    def member_ids(self, album_id: uuid.UUID) -> list[uuid.UUID]:
        """Every member in album order (trashed ones included)."""
        return list(
            self.session.scalars(
                select(AlbumAsset.asset_id)
                .where(AlbumAsset.album_id == album_id)
                .order_by(AlbumAsset.position, AlbumAsset.asset_id)
            )
        )

    def max_position(self, album_id: uuid.UUID) -> int:
        value = self.session.scalar(
            select(func.max(AlbumAsset.position)).where(AlbumAsset.album_id == album_id)
        )
        return -1 if value is None else int(value)

    def add_members(self, album_id: uuid.UUID, asset_ids: Sequence[uuid.UUID], now) -> int:
        """Append the assets not yet in the album, in the given order; returns how many."""
        present = set(self.member_ids(album_id))
        position = self.max_position(album_id)
        added = 0
        for asset_id in asset_ids:
            if asset_id in present:
                continue
            position += 1
            added += 1
            present.add(asset_id)
            self.session.add(
                AlbumAsset(album_id=album_id, asset_id=asset_id, position=position, added_at=now)
            )
        flush_unique(self.session)
        return added

    def remove_members(self, album_id: uuid.UUID, asset_ids: Sequence[uuid.UUID]) -> int:
        if not asset_ids:
            return 0
        result = self.session.execute(
            delete(AlbumAsset).where(
                AlbumAsset.album_id == album_id, AlbumAsset.asset_id.in_(list(asset_ids))
            )
        )
        return result.rowcount or 0

    def set_positions(self, album_id: uuid.UUID, ordered: Sequence[uuid.UUID]) -> None:
        """Renumber the album 0..n-1 in `ordered`, writing only the rows that move."""
        current = dict(
            self.session.execute(
                select(AlbumAsset.asset_id, AlbumAsset.position).where(
                    AlbumAsset.album_id == album_id
                )
            ).all()
        )
        for position, asset_id in enumerate(ordered):
            if current.get(asset_id) != position:
                self.session.execute(
                    update(AlbumAsset)
                    .where(AlbumAsset.album_id == album_id, AlbumAsset.asset_id == asset_id)
                    .values(position=position)
                )
        self.session.flush()

    def page_assets(
        self, album_id: uuid.UUID, after: tuple[int, uuid.UUID] | None, limit: int
    ) -> list[tuple[int, Asset]]:
        """Visible assets in album order after the keyset `(position, asset_id)`."""
        query = (
            select(AlbumAsset.position, Asset)
            .join(Asset, Asset.id == AlbumAsset.asset_id)
            .where(AlbumAsset.album_id == album_id, visible_asset())
        )
        if after is not None:
            position, asset_id = after
            query = query.where(
                or_(
                    AlbumAsset.position > position,
                    and_(AlbumAsset.position == position, AlbumAsset.asset_id > asset_id),
                )
            )
        query = query.order_by(AlbumAsset.position, AlbumAsset.asset_id).limit(limit)
        return [(int(position), asset) for position, asset in self.session.execute(query)]
