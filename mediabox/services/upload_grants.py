"""Signed PUT URLs of the local store are good for one upload only.

A signed URL stays valid until it expires, so without a check the same URL could overwrite an
original after finalize (and its type and sha256 checks). Every PUT to an original key must
belong to an asset that is still `uploading`.
"""

from __future__ import annotations

import re
import uuid

from mediabox.domain.enums import AssetStatus
from mediabox.domain.errors import Forbidden
from mediabox.repositories.assets import AssetRepository

_ORIGINAL_ASSET_ID = re.compile(
    r"u/[0-9a-f-]{36}/o/[0-9]{4}/[0-9]{2}/(?P<asset>[0-9a-f-]{36})(?:\.[a-z0-9]{1,10})?"
)


class UploadPutGuard:
    """Refuses a PUT to a blob key unless its asset is an upload still in progress."""

    def __init__(self, assets: AssetRepository):
        self.assets = assets

    def check(self, key: str) -> None:
        """Raise Forbidden unless `key` is the original of an asset still `uploading`."""
        match = _ORIGINAL_ASSET_ID.fullmatch(key)
        asset = self.assets.get(uuid.UUID(match["asset"])) if match else None
        if (
            asset is None
            or asset.status != AssetStatus.UPLOADING
            or asset.storage_key_original != key
        ):
            raise Forbidden("This upload URL can no longer be used.", code="upload_closed")
