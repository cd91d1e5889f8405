"""Queries for share links."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from mediabox.domain.models import AlbumAsset, Asset, Share, User


class ShareRepository:
    """Every query on `shares` (plus the few reads a public link needs); never commits."""

    def __init__(self, session: Session):
        self.session = session

    def add(self, share: Share) -> Share:
        self.session.add(share)
        self.session.flush()
        return share

    def get_by_token(self, token: str) -> Share | None:
        return self.session.scalar(select(Share).where(Share.token == token))

    def get_owned_by_token(self, owner_id: uuid.UUID, token: str) -> Share | None:
        return self.session.scalar(
            select(Share).where(Share.token == token, Share.owner_id == owner_id)
        )

    def list_owned(self, owner_id: uuid.UUID) -> list[Share]:
        return list(
            self.session.scalars(
                select(Share)
                .where(Share.owner_id == owner_id)
                .order_by(Share.created_at.desc(), Share.id)
            )
        )

    def count_view(self, share_id: uuid.UUID) -> bool:
        """Add one view unless the view limit is reached (atomically); False when it is."""
        result = self.session.execute(
            update(Share)
            .where(
                Share.id == share_id,
                or_(Share.max_views.is_(None), Share.view_count < Share.max_views),
            )
            .values(view_count=Share.view_count + 1)
            .execution_options(synchronize_session=False)
        )
        return bool(result.rowcount)

    def get_asset(self, asset_id: uuid.UUID) -> Asset | None:
        return self.session.get(Asset, asset_id)

    def get_owned_asset(self, owner_id: uuid.UUID, asset_id: uuid.UUID) -> Asset | None:
        return self.session.scalar(
            select(Asset).where(Asset.id == asset_id, Asset.owner_id == owner_id)
        )

    def live_link_downloads(self, asset_id: uuid.UUID, now: datetime) -> list[bool]:
        """`allow_download` of every live link (not revoked, not expired) showing the asset,
        directly or through an album it belongs to."""
        albums = select(AlbumAsset.album_id).where(AlbumAsset.asset_id == asset_id)
        return list(
            self.session.scalars(
                select(Share.allow_download).where(
                    or_(Share.asset_id == asset_id, Share.album_id.in_(albums)),
                    Share.revoked_at.is_(None),
                    or_(Share.expires_at.is_(None), Share.expires_at > now),
                )
            )
        )

    def get_user(self, user_id: uuid.UUID) -> User | None:
        return self.session.get(User, user_id)
