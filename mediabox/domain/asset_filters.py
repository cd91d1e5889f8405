"""Filters of a library page (shared by the API layer and the asset service)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class AssetFilters:
    """Filters of a timeline page; `trashed` selects the trash instead of the library.

    `tag` matches case-insensitively; `date_from` is inclusive and `date_to` exclusive;
    `q` is a case-insensitive substring of the original filename.
    """

    type: str | None = None
    favorite: bool | None = None
    album_id: uuid.UUID | None = None
    tag: str | None = None
    date_from: datetime | None = None
    date_to: datetime | None = None
    q: str | None = None
    trashed: bool = False
