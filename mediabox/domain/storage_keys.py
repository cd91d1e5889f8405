"""Blob storage keys (SPEC §3), built and recognised in one place.

originals `u/{user}/o/{yyyy}/{mm}/{asset}{ext}`; thumbnails `t`, previews `v` and video
posters `p` under the same user and month as `{asset}.jpg`. The month is the month the asset
was created (the upload), so every key of an asset can be built from the asset row alone:
nothing reads a key back to learn where its siblings live. The one question asked of a key
is which asset it belongs to (`asset_id_of`, for the share gateway), and the answer is always
checked against that asset's row.
"""

from __future__ import annotations

import re
import uuid
from datetime import datetime
from pathlib import PurePath

ORIGINAL = "o"
THUMB = "t"
PREVIEW = "v"
POSTER = "p"
DERIVED_KINDS = (THUMB, PREVIEW, POSTER)
DERIVED_EXTENSION = ".jpg"
MAX_EXTENSION_LENGTH = 10

_EXTENSION = re.compile(rf"[a-z0-9]{{1,{MAX_EXTENSION_LENGTH}}}")
_UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
_MONTH = r"[0-9]{4}/(?:0[1-9]|1[0-2])"
_ORIGINAL_KEY = re.compile(
    rf"u/{_UUID}/{ORIGINAL}/{_MONTH}/{_UUID}(?:\.[a-z0-9]{{1,{MAX_EXTENSION_LENGTH}}})?"
)
_DERIVED_KEY = re.compile(
    rf"u/{_UUID}/[{''.join(DERIVED_KINDS)}]/{_MONTH}/{_UUID}{re.escape(DERIVED_EXTENSION)}"
)


def extension(filename: str) -> str:
    """The key extension of an uploaded file name: `.jpg` for `IMG.JPG`, "" when unusable."""
    suffix = PurePath(filename).suffix.lower().lstrip(".")
    return f".{suffix}" if _EXTENSION.fullmatch(suffix) else ""


def original_key(
    owner_id: uuid.UUID, asset_id: uuid.UUID, created_at: datetime, filename: str
) -> str:
    """Where an asset's original lives (`filename` only gives the extension)."""
    return f"{_prefix(owner_id, ORIGINAL, created_at)}/{asset_id}{extension(filename)}"


def derived_key(kind: str, owner_id: uuid.UUID, asset_id: uuid.UUID, created_at: datetime) -> str:
    """Where the thumbnail (`t`), preview (`v`) or poster (`p`) of an asset lives."""
    if kind not in DERIVED_KINDS:
        raise ValueError(f"unknown derived kind {kind!r}")
    return f"{_prefix(owner_id, kind, created_at)}/{asset_id}{DERIVED_EXTENSION}"


def derived_keys(owner_id: uuid.UUID, asset_id: uuid.UUID, created_at: datetime) -> dict[str, str]:
    """The thumbnail, preview and poster keys of an asset, by kind letter."""
    return {kind: derived_key(kind, owner_id, asset_id, created_at) for kind in DERIVED_KINDS}


def is_valid_key(key: object) -> bool:
    """True for a well-formed original, thumbnail, preview or poster key (and nothing else)."""
    return isinstance(key, str) and bool(
        _ORIGINAL_KEY.fullmatch(key) or _DERIVED_KEY.fullmatch(key)
    )


def asset_id_of(key: object) -> uuid.UUID | None:
    """The asset a well-formed key belongs to (its file name), None for anything else."""
    if not is_valid_key(key):
        return None
    return uuid.UUID(str(key).rsplit("/", 1)[1][:36])


def _prefix(owner_id: uuid.UUID, kind: str, created_at: datetime) -> str:
    return f"u/{owner_id}/{kind}/{created_at:%Y}/{created_at:%m}"
