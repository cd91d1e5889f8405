"""Storage keys (SPEC §3): built from the asset row, recognised by the stores."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest

from mediabox.domain import storage_keys

OWNER = uuid.UUID("abcdef11-2222-4333-8444-555555555555")
ASSET = uuid.UUID("66666666-7777-4888-9999-000000000000")
CREATED = datetime(2024, 3, 31, 23, 59, tzinfo=UTC)


@pytest.mark.parametrize(
    ("filename", "ext"),
    [
        ("IMG_0001.JPG", ".jpg"),
        ("clip.MoV", ".mov"),
        ("raw.dng", ".dng"),
        ("no-extension", ""),
        ("archive.tar.gz", ".gz"),
        ("weird.ext with space", ""),
        ("long.abcdefghijk", ""),
        ("фото.jpg", ".jpg"),
        ("dots.", ""),
        (".hidden", ""),
    ],
)
def test_extension_is_lowercase_alphanumeric_and_short(filename, ext):
    assert storage_keys.extension(filename) == ext


def test_original_key_uses_the_creation_month_and_the_file_extension():
    key = storage_keys.original_key(OWNER, ASSET, CREATED, "Holiday.HEIC")
    assert key == f"u/{OWNER}/o/2024/03/{ASSET}.heic"
    assert (
        storage_keys.original_key(OWNER, ASSET, CREATED, "noext") == f"u/{OWNER}/o/2024/03/{ASSET}"
    )


def test_derived_keys_share_the_originals_owner_and_month():
    keys = storage_keys.derived_keys(OWNER, ASSET, CREATED)
    assert keys == {
        "t": f"u/{OWNER}/t/2024/03/{ASSET}.jpg",
        "v": f"u/{OWNER}/v/2024/03/{ASSET}.jpg",
        "p": f"u/{OWNER}/p/2024/03/{ASSET}.jpg",
    }
    assert storage_keys.derived_key(storage_keys.POSTER, OWNER, ASSET, CREATED) == keys["p"]
    with pytest.raises(ValueError):
        storage_keys.derived_key("o", OWNER, ASSET, CREATED)


def test_every_built_key_is_valid():
    assert storage_keys.is_valid_key(storage_keys.original_key(OWNER, ASSET, CREATED, "a.mp4"))
    assert storage_keys.is_valid_key(storage_keys.original_key(OWNER, ASSET, CREATED, "a"))
    for key in storage_keys.derived_keys(OWNER, ASSET, CREATED).values():
        assert storage_keys.is_valid_key(key)


@pytest.mark.parametrize(
    "key",
    [
        None,
        42,
        "",
        f"u/{OWNER}/o/2024/13/{ASSET}.jpg",
        f"u/{OWNER}/o/2024/00/{ASSET}.jpg",
        f"u/{OWNER}/x/2024/03/{ASSET}.jpg",
        f"u/{OWNER}/t/2024/03/{ASSET}.png",
        f"u/{OWNER}/t/2024/03/{ASSET}",
        f"u/{OWNER}/o/2024/03/{ASSET}.JPG",
        f"u/{OWNER}/o/2024/03/{ASSET}.abcdefghijk",
        f"u/{OWNER}/o/2024/03/../{ASSET}.jpg",
        f"/u/{OWNER}/o/2024/03/{ASSET}.jpg",
        f"u/{OWNER}/o/2024/03/{ASSET}.jpg/",
        f"u/not-a-uuid/o/2024/03/{ASSET}.jpg",
        f"u/{str(OWNER).upper()}/o/2024/03/{ASSET}.jpg",
    ],
)
def test_anything_else_is_not_a_key(key):
    assert not storage_keys.is_valid_key(key)


def test_a_key_names_its_asset_and_nothing_else_names_one():
    for key in [
        storage_keys.original_key(OWNER, ASSET, CREATED, "a.mov"),
        *storage_keys.derived_keys(OWNER, ASSET, CREATED).values(),
    ]:
        assert storage_keys.asset_id_of(key) == ASSET
    assert storage_keys.asset_id_of(f"u/{OWNER}/o/2024/03/{ASSET}.jpg/") is None
    assert storage_keys.asset_id_of(None) is None
