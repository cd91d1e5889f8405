"""Short-lived signed URLs for an asset's files, through whichever blob store is configured."""

from __future__ import annotations

import threading
from collections.abc import Sequence

from mediabox.domain.clock import Clock, system_clock
from mediabox.domain.errors import NotFound
from mediabox.domain.models import Asset
from mediabox.infra.blobstore import BlobStore, PresignedRequest

KINDS = ("original", "thumb", "preview", "poster")


class MediaUrls:
    """Signs GET URLs. Thumbnail/preview URLs are stable within a TTL window so browsers cache.

    Stable URLs are identical for a whole window, so they are memoised per (key, window): a
    timeline page signs only the thumbnails it has not signed in this window yet.
    """

    def __init__(
        self,
        blob_store: BlobStore,
        ttl_seconds: int,
        *,
        clock: Clock = system_clock,
        cache_size: int = 100_000,
    ):
        self.blob_store = blob_store
        self.ttl = ttl_seconds
        self.clock = clock
        self.cache_size = cache_size
        self._cache: dict[tuple[str, int], str] = {}
        self._lock = threading.Lock()

    def thumb_url(self, asset: Asset) -> str | None:
        if not asset.storage_key_thumb:
            return None
        return self.stable_jpeg_url(asset.storage_key_thumb)

    def preview_url(self, asset: Asset) -> str | None:
        key = asset.storage_key_preview or asset.storage_key_poster
        if not key:
            return None
        return self.stable_jpeg_url(key)

    def stable_jpeg_url(self, key: str) -> str:
        """The memoised, window-stable signed URL of a thumbnail/preview/poster key."""
        window = int(self.clock().timestamp()) // self.ttl
        url = self._cache.get((key, window))
        if url is not None:
            return url
        url = self.blob_store.presign_get(key, self.ttl, content_type="image/jpeg", stable=True).url
        with self._lock:
            self._cache[(key, window)] = url
            while len(self._cache) > self.cache_size:
                del self._cache[next(iter(self._cache))]
        return url

    def stable_jpeg_urls(self, keys: Sequence[str | None]) -> list[str | None]:
        """`stable_jpeg_url` of many keys (None stays None): memoised ones looked up, the rest
        signed by the store in one pass."""
        window = int(self.clock().timestamp()) // self.ttl
        cache = self._cache
        urls = [cache.get((key, window)) if key else None for key in keys]
        missing = list(dict.fromkeys(k for k, u in zip(keys, urls, strict=True) if k and not u))
        if not missing:
            return urls
        signed = dict(
            zip(missing, self.blob_store.stable_jpeg_urls(missing, self.ttl), strict=True)
        )
        with self._lock:
            for key, url in signed.items():
                cache[(key, window)] = url
            while len(cache) > self.cache_size:
                del cache[next(iter(cache))]
        return [url if url or not key else signed[key] for key, url in zip(keys, urls, strict=True)]

    def signed(self, asset: Asset, kind: str, *, attachment: bool = False) -> PresignedRequest:
        """A URL for one of the asset's files; a file that does not exist (yet) is a 404."""
        if kind == "original":
            return self.blob_store.presign_get(
                asset.storage_key_original,
                self.ttl,
                filename=asset.original_filename,
                content_type=asset.content_type,
                attachment=attachment,
            )
        key = {
            "thumb": asset.storage_key_thumb,
            "preview": asset.storage_key_preview or asset.storage_key_poster,
            "poster": asset.storage_key_poster,
        }.get(kind)
        if not key:
            raise NotFound(f"This asset has no {kind} (yet).", code="file_not_ready")
        return self.blob_store.presign_get(
            key, self.ttl, content_type="image/jpeg", stable=kind in {"thumb", "preview"}
        )
