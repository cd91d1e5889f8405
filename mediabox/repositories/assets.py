"""Queries for assets: lookups by owner, the timeline page, trash and clean-up candidates."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import Integer, Select, and_, bindparam, delete, func, or_, select, tuple_, update
from sqlalchemy.orm import Session

from mediabox.domain.enums import AssetStatus
from mediabox.domain.models import Album, AlbumAsset, Asset, AssetTag, Tag
from mediabox.repositories.plain_rows import PlainColumns
from mediabox.repositories.unique import flush_unique

LISTED_STATUSES = (AssetStatus.READY.value, AssetStatus.FAILED.value)


LISTED_COLUMNS = (
    Asset.id,
    Asset.type,
    Asset.status,
    Asset.original_filename,
    Asset.content_type,
    Asset.size_bytes,
    Asset.sha256,
    Asset.captured_at,
    Asset.width,
    Asset.height,
    Asset.duration_ms,
    Asset.is_favorite,
    Asset.storage_key_thumb,
    Asset.storage_key_preview,
    Asset.storage_key_poster,
    Asset.processing_state,
    Asset.processing_error,
    Asset.created_at,
    Asset.updated_at,
    Asset.deleted_at,
    Asset.description,
    Asset.camera_make,
    Asset.camera_model,
    Asset.gps_lat,
    Asset.gps_lon,
    Asset.local_date,
    Asset.thumbhash,
)
# Built once: a select of these columns and the page order cost about as much to construct as
# a tenth of the page query itself (statements are immutable, so sharing them is safe).
_LISTED_SELECT = select(*LISTED_COLUMNS)
# The same query with untyped result columns, for pages served as JSON (`list_page_plain`).
_PLAIN = PlainColumns(LISTED_COLUMNS)
_PLAIN_SELECT = select(*_PLAIN.untyped)
PLAIN_FIELDS = _PLAIN.names
_NEWEST_FIRST = (Asset.captured_at.desc(), Asset.id.desc())


@dataclass(frozen=True)
class AssetQuery:
    """What one timeline page asks for (already validated and resolved by the service)."""

    owner_id: uuid.UUID
    trashed: bool = False
    type: str | None = None
    favorite: bool | None = None
    album_id: uuid.UUID | None = None
    tag_key: str | None = None
    date_from: datetime | None = None
    date_to: datetime | None = None
    filename_like: str | None = None
    after: tuple[datetime, uuid.UUID] | None = None


class AssetRepository:
    """Every query on `assets` (and the joins the library filters need); never commits."""

    def __init__(self, session: Session):
        self.session = session

    def add(self, asset: Asset) -> Asset:
        """Insert; the owner's sha256 already stored by a concurrent request is AlreadyExists."""
        self.session.add(asset)
        flush_unique(self.session)
        return asset

    def remove(self, asset: Asset) -> None:
        self.session.delete(asset)
        self.session.flush()

    def get(self, asset_id: uuid.UUID) -> Asset | None:
        return self.session.get(Asset, asset_id)

    def get_owned(self, owner_id: uuid.UUID, asset_id: uuid.UUID) -> Asset | None:
        return self.session.scalar(
            select(Asset).where(Asset.id == asset_id, Asset.owner_id == owner_id)
        )

    def get_owned_many(self, owner_id: uuid.UUID, asset_ids: Sequence[uuid.UUID]) -> list[Asset]:
        if not asset_ids:
            return []
        return list(
            self.session.scalars(
                select(Asset).where(Asset.owner_id == owner_id, Asset.id.in_(list(asset_ids)))
            )
        )

    def find_by_sha256(self, owner_id: uuid.UUID, sha256: str) -> Asset | None:
        return self.session.scalar(
            select(Asset).where(Asset.owner_id == owner_id, Asset.sha256 == sha256)
        )

    def known_by_sha256(self, owner_id: uuid.UUID, hashes: Sequence[str]) -> list:
        """(sha256, id, status, deleted_at) of the owner's assets with one of `hashes` (lower-case
        hex): one query on the (owner_id, sha256) index."""
        if not hashes:
            return []
        stmt = select(Asset.sha256, Asset.id, Asset.status, Asset.deleted_at).where(
            Asset.owner_id == owner_id, Asset.sha256.in_(list(hashes))
        )
        return self.session.execute(stmt).all()

    def owns_album(self, owner_id: uuid.UUID, album_id: uuid.UUID) -> bool:
        found = self.session.scalar(
            select(Album.id).where(Album.id == album_id, Album.owner_id == owner_id)
        )
        return found is not None

    def page_statement(self, query: AssetQuery, limit: int, *, plain: bool = False) -> Select:
        """The keyset query of one page: newest `captured_at` first, ties broken by id;
        `plain`: the same query with untyped result columns (labelled with their names)."""
        stmt = filtered(_PLAIN_SELECT if plain else _LISTED_SELECT, query)
        if query.after is not None:
            captured_at, asset_id = query.after
            stmt = stmt.where(tuple_(Asset.captured_at, Asset.id) < tuple_(captured_at, asset_id))
        return stmt.order_by(*_NEWEST_FIRST).limit(limit)

    def list_page(self, query: AssetQuery, limit: int) -> list:
        """Read-only rows with the listed columns as attributes (no ORM identity-map cost)."""
        return self.session.connection().execute(self.page_statement(query, limit)).all()

    def list_page_plain(self, query: AssetQuery, limit: int) -> list[tuple]:
        """The same page as tuples of JSON-ready values in `PLAIN_FIELDS` order: ids and
        timestamps as their canonical text (RFC 3339 UTC, `Z`), dates as `YYYY-MM-DD`, flags
        as booleans; no UUID or datetime objects are built (`plain_rows`)."""
        statement, params = _plain_page(query, limit)
        if statement is None:
            statement, params = self.page_statement(query, limit, plain=True), {}
        rows = self.session.connection().execute(statement, params).all()
        return _PLAIN.plain_rows(rows)

    def trashed_ids(self, owner_id: uuid.UUID) -> list[uuid.UUID]:
        return list(
            self.session.scalars(
                select(Asset.id).where(Asset.owner_id == owner_id, Asset.deleted_at.is_not(None))
            )
        )

    def expired_trash_ids(self, deleted_before: datetime, limit: int) -> list[uuid.UUID]:
        """Trashed assets past retention, plus purges that failed before (to retry)."""
        return list(
            self.session.scalars(
                select(Asset.id)
                .where(
                    or_(
                        and_(Asset.deleted_at.is_not(None), Asset.deleted_at < deleted_before),
                        Asset.purge_requested_at.is_not(None),
                    )
                )
                .order_by(Asset.deleted_at)
                .limit(limit)
            )
        )

    def stale_upload_ids(self, created_before: datetime, limit: int) -> list[uuid.UUID]:
        return list(
            self.session.scalars(
                select(Asset.id)
                .where(
                    Asset.status == AssetStatus.UPLOADING.value,
                    Asset.created_at < created_before,
                )
                .order_by(Asset.created_at)
                .limit(limit)
            )
        )

    def set_favorite(self, owner_id: uuid.UUID, asset_ids: Sequence[uuid.UUID], value: bool) -> int:
        result = self.session.execute(
            update(Asset)
            .where(Asset.owner_id == owner_id, Asset.id.in_(list(asset_ids)))
            .values(is_favorite=value)
            .execution_options(synchronize_session="fetch")
        )
        return result.rowcount or 0

    def delete_row(self, asset_id: uuid.UUID) -> None:
        self.session.execute(delete(Asset).where(Asset.id == asset_id))


def _prebuilt_plain_pages() -> dict[tuple[bool, bool], Select]:
    """The plain page query of a library or trash with no filters, first page or after a
    cursor, built once with bound parameters: rebuilding it per request (and its cache key,
    memoised per statement object) cost about a tenth of the request."""
    owner = bindparam("page_owner", type_=Asset.owner_id.type)
    after = tuple_(
        bindparam("page_after_at", type_=Asset.captured_at.type),
        bindparam("page_after_id", type_=Asset.id.type),
    )
    pages = {}
    for trashed in (False, True):
        for keyset in (False, True):
            stmt = filtered(_PLAIN_SELECT, AssetQuery(owner_id=owner, trashed=trashed))
            if keyset:
                stmt = stmt.where(tuple_(Asset.captured_at, Asset.id) < after)
            limit = bindparam("page_limit", type_=Integer())
            pages[(trashed, keyset)] = stmt.order_by(*_NEWEST_FIRST).limit(limit)
    return pages


_UNFILTERED = AssetQuery(owner_id=uuid.UUID(int=0))


def _plain_page(query: AssetQuery, limit: int) -> tuple[Select | None, dict]:
    """The prebuilt statement and parameters of an unfiltered page, else (None, {})."""
    unfiltered = replace(query, owner_id=_UNFILTERED.owner_id, trashed=False, after=None)
    if unfiltered != _UNFILTERED:
        return None, {}
    params = {"page_owner": query.owner_id, "page_limit": limit}
    if query.after is not None:
        params["page_after_at"], params["page_after_id"] = query.after
    return _PLAIN_PAGES[(query.trashed, query.after is not None)], params


def filtered(stmt: Select, query: AssetQuery) -> Select:
    """`stmt` narrowed to the owner's listed assets (library or trash) matching the filters."""
    stmt = stmt.where(Asset.owner_id == query.owner_id)
    if query.trashed:
        stmt = stmt.where(Asset.deleted_at.is_not(None))
    else:
        stmt = stmt.where(Asset.deleted_at.is_(None))
    stmt = stmt.where(Asset.status.in_(LISTED_STATUSES))
    if query.type:
        stmt = stmt.where(Asset.type == query.type)
    if query.favorite is not None:
        stmt = stmt.where(Asset.is_favorite.is_(query.favorite))
    if query.album_id is not None:
        stmt = stmt.where(
            Asset.id.in_(select(AlbumAsset.asset_id).where(AlbumAsset.album_id == query.album_id))
        )
    if query.tag_key is not None:
        stmt = stmt.where(
            Asset.id.in_(
                select(AssetTag.asset_id)
                .join(Tag, Tag.id == AssetTag.tag_id)
                .where(Tag.owner_id == query.owner_id, Tag.name_key == query.tag_key)
            )
        )
    if query.date_from is not None:
        stmt = stmt.where(Asset.captured_at >= query.date_from)
    if query.date_to is not None:
        stmt = stmt.where(Asset.captured_at < query.date_to)
    if query.filename_like is not None:
        stmt = stmt.where(
            func.lower(Asset.original_filename).like(query.filename_like, escape="\\")
        )
    return stmt


_PLAIN_PAGES = _prebuilt_plain_pages()
