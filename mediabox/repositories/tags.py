"""Queries for tags and the asset_tags links."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import and_, delete, func, select
from sqlalchemy.orm import Session

from mediabox.domain.models import Asset, AssetTag, Tag
from mediabox.repositories.albums import visible_asset
from mediabox.repositories.unique import flush_unique


class TagRepository:
    """Every query on `tags` and `asset_tags`; never commits."""

    def __init__(self, session: Session):
        self.session = session

    def add(self, tag: Tag) -> Tag:
        """Insert; the same name created by a concurrent request is AlreadyExists."""
        self.session.add(tag)
        flush_unique(self.session)
        return tag

    def rename(self, tag: Tag, name: str, name_key: str) -> Tag:
        """Rename; a tag of that name created meanwhile is AlreadyExists."""
        tag.name, tag.name_key = name, name_key
        flush_unique(self.session)
        return tag

    def delete(self, tag: Tag) -> None:
        self.session.execute(delete(AssetTag).where(AssetTag.tag_id == tag.id))
        self.session.delete(tag)
        self.session.flush()

    def get_owned(self, owner_id: uuid.UUID, tag_id: uuid.UUID) -> Tag | None:
        return self.session.scalar(select(Tag).where(Tag.id == tag_id, Tag.owner_id == owner_id))

    def get_by_keys(self, owner_id: uuid.UUID, name_keys: Sequence[str]) -> dict[str, Tag]:
        if not name_keys:
            return {}
        tags = self.session.scalars(
            select(Tag).where(Tag.owner_id == owner_id, Tag.name_key.in_(list(name_keys)))
        )
        return {tag.name_key: tag for tag in tags}

    def list_with_counts(self, owner_id: uuid.UUID) -> list[tuple[Tag, int]]:
        """The owner's tags by name with the number of non-trashed assets carrying each."""
        counted = (
            select(AssetTag.tag_id, func.count().label("n"))
            .join(Asset, Asset.id == AssetTag.asset_id)
            .where(visible_asset())
            .group_by(AssetTag.tag_id)
            .subquery()
        )
        rows = self.session.execute(
            select(Tag, func.coalesce(counted.c.n, 0))
            .outerjoin(counted, counted.c.tag_id == Tag.id)
            .where(Tag.owner_id == owner_id)
            .order_by(Tag.name_key, Tag.id)
        )
        return [(tag, int(count)) for tag, count in rows]

    def count_for(self, tag_id: uuid.UUID) -> int:
        return (
            self.session.scalar(
                select(func.count())
                .select_from(AssetTag)
                .join(Asset, Asset.id == AssetTag.asset_id)
                .where(AssetTag.tag_id == tag_id, visible_asset())
            )
            or 0
        )

    def attach(self, asset_ids: Sequence[uuid.UUID], tag_ids: Sequence[uuid.UUID]) -> int:
        """Link every asset to every tag, skipping links that exist; returns how many were new."""
        existing = set(
            self.session.execute(
                select(AssetTag.asset_id, AssetTag.tag_id).where(
                    AssetTag.asset_id.in_(list(asset_ids)), AssetTag.tag_id.in_(list(tag_ids))
                )
            ).all()
        )
        added = 0
        for asset_id in asset_ids:
            for tag_id in tag_ids:
                if (asset_id, tag_id) not in existing:
                    self.session.add(AssetTag(asset_id=asset_id, tag_id=tag_id))
                    added += 1
        flush_unique(self.session)
        return added

    def detach(self, asset_ids: Sequence[uuid.UUID], tag_ids: Sequence[uuid.UUID]) -> int:
        if not asset_ids or not tag_ids:
            return 0
        result = self.session.execute(
            delete(AssetTag).where(
                and_(AssetTag.asset_id.in_(list(asset_ids)), AssetTag.tag_id.in_(list(tag_ids)))
            )
        )
        return result.rowcount or 0
