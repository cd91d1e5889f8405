"""Tags: per-owner labels, unique case-insensitively, created on first use."""

from __future__ import annotations

import unicodedata
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from mediabox.domain.clock import Clock
from mediabox.domain.errors import AlreadyExists, Conflict, NotFound, ValidationFailed
from mediabox.domain.models import Tag, User
from mediabox.repositories.albums import AlbumRepository
from mediabox.repositories.tags import TagRepository
from mediabox.services.transactions import commit_retrying_race

MAX_TAG_LENGTH = 100


@dataclass(frozen=True)
class TagView:
    """A tag with the number of non-trashed assets carrying it."""

    tag: Tag
    asset_count: int


def clean_tag_name(name: str) -> tuple[str, str]:
    """Return `(name, name_key)`: trimmed, 1 to 100 characters, no control characters."""
    name = name.strip()
    if not name or any(unicodedata.category(ch) in {"Cc", "Cf"} for ch in name):
        raise ValidationFailed(
            "A tag name must not be empty or contain control characters.", code="invalid_tag"
        )
    key = name.casefold()
    if len(name) > MAX_TAG_LENGTH or len(key) > MAX_TAG_LENGTH:
        raise ValidationFailed(
            f"A tag name is at most {MAX_TAG_LENGTH} characters.", code="invalid_tag"
        )
    return name, key


def tag_key(name: str) -> str:
    """The case-insensitive lookup key of a tag name (for filters)."""
    return clean_tag_name(name)[1]


class TagService:
    """Creates, renames, deletes, attaches and detaches tags; each method is one transaction."""

    def __init__(
        self, session: Session, tags: TagRepository, albums: AlbumRepository, clock: Clock
    ):
        self.session = session
        self.tags = tags
        self.albums = albums
        self.clock = clock

    def list(self, user: User) -> list[TagView]:
        """The user's tags by name, with counts."""
        return [TagView(tag, count) for tag, count in self.tags.list_with_counts(user.id)]

    def create(self, user: User, name: str) -> TagView:
        """Create a tag; a tag with the same name in any case is a 409."""
        name, key = clean_tag_name(name)
        if self.tags.get_by_keys(user.id, [key]):
            raise Conflict("A tag with this name already exists.", code="tag_exists")
        tag = Tag(owner_id=user.id, name=name, name_key=key, created_at=self.clock())
        try:
            self.tags.add(tag)
        except AlreadyExists as exc:
            self.session.rollback()
            raise Conflict("A tag with this name already exists.", code="tag_exists") from exc
        self.session.commit()
        return TagView(tag, 0)

    def rename(self, user: User, tag_id: uuid.UUID, name: str) -> TagView:
        """Rename; another tag of the user with that name (any case) is a 409."""
        tag = self._require(user, tag_id)
        name, key = clean_tag_name(name)
        other = self.tags.get_by_keys(user.id, [key]).get(key)
        if other is not None and other.id != tag.id:
            raise Conflict("A tag with this name already exists.", code="tag_exists")
        try:
            self.tags.rename(tag, name, key)
        except AlreadyExists as exc:
            self.session.rollback()
            raise Conflict("A tag with this name already exists.", code="tag_exists") from exc
        self.session.commit()
        return TagView(tag, self.tags.count_for(tag.id))

    def delete(self, user: User, tag_id: uuid.UUID) -> None:
        """Delete the tag; the assets stay."""
        self.tags.delete(self._require(user, tag_id))
        self.session.commit()

    def attach(
        self, user: User, asset_ids: Sequence[uuid.UUID], names: Sequence[str]
    ) -> list[TagView]:
        """Tag every asset with every name, creating missing tags; all or nothing."""
        ids = self._owned_assets(user, asset_ids)
        wanted = self._clean_names(names)

        def tag_them() -> list[Tag]:
            tags = self._ensure_tags(user, wanted)
            self.tags.attach(ids, [t.id for t in tags])
            return tags

        return self._views(commit_retrying_race(self.session, tag_them))

    def detach(
        self, user: User, asset_ids: Sequence[uuid.UUID], names: Sequence[str]
    ) -> list[TagView]:
        """Remove the named tags from the assets; unknown names are ignored. Tags stay."""
        ids = self._owned_assets(user, asset_ids, include_trashed=True)
        wanted = self._clean_names(names)
        found = self.tags.get_by_keys(user.id, list(wanted))
        tags = list(found.values())
        self.tags.detach(ids, [t.id for t in tags])
        self.session.commit()
        return self._views(tags)

    def _ensure_tags(self, user: User, wanted: dict[str, str]) -> list[Tag]:
        found = self.tags.get_by_keys(user.id, list(wanted))
        now = self.clock()
        for key, name in wanted.items():
            if key not in found:
                found[key] = self.tags.add(
                    Tag(owner_id=user.id, name=name, name_key=key, created_at=now)
                )
        return [found[key] for key in wanted]

    def _views(self, tags: list[Tag]) -> list[TagView]:
        return [TagView(tag, self.tags.count_for(tag.id)) for tag in tags]

    def _owned_assets(
        self, user: User, asset_ids: Sequence[uuid.UUID], *, include_trashed: bool = False
    ) -> list[uuid.UUID]:
        ids = list(dict.fromkeys(asset_ids))
        if include_trashed:
            found = self.albums.owned_asset_ids(user.id, ids)
        else:
            found = self.albums.owned_asset_ids(user.id, ids, visible_only=True)
        missing = [str(i) for i in ids if i not in found]
        if missing:
            raise NotFound(
                "Some assets do not exist.", code="asset_not_found", details={"ids": missing}
            )
        return ids

    @staticmethod
    def _clean_names(names: Sequence[str]) -> dict[str, str]:
        wanted: dict[str, str] = {}
        for raw in names:
            name, key = clean_tag_name(raw)
            wanted.setdefault(key, name)
        return wanted

    def _require(self, user: User, tag_id: uuid.UUID) -> Tag:
        tag = self.tags.get_owned(user.id, tag_id)
        if tag is None:
            raise NotFound("No such tag.", code="tag_not_found")
        return tag
