"""MediaUrls.stable_jpeg_urls: one signing pass for what is not memoised yet, None kept."""

from __future__ import annotations

from datetime import UTC, datetime

from mediabox.infra.blobstore import PresignedRequest
from mediabox.services.media_urls import MediaUrls
from tests.factories import MovableClock


class CountingStore:
    def __init__(self, clock):
        self.clock = clock
        self.batches: list[list[str]] = []

    def _url(self, key, ttl):
        return f"/signed/{key}?w={int(self.clock().timestamp()) // ttl}"

    def stable_jpeg_urls(self, keys, ttl):
        self.batches.append(list(keys))
        return [self._url(key, ttl) for key in keys]

    def presign_get(self, key, ttl, **_kwargs):
        return PresignedRequest(self._url(key, ttl), "GET", {}, self.clock())


def test_batch_signs_only_missing_keys_once_per_window():
    clock = MovableClock(datetime(2024, 1, 1, tzinfo=UTC))
    store = CountingStore(clock)
    urls = MediaUrls(store, 600, clock=clock)
    assert urls.stable_jpeg_url("a") == "/signed/a?w=2840112"
    got = urls.stable_jpeg_urls(["a", None, "b", "c", "b"])
    assert got == [
        "/signed/a?w=2840112", None, "/signed/b?w=2840112", "/signed/c?w=2840112",
        "/signed/b?w=2840112",
    ]  # fmt: skip
    assert store.batches == [["b", "c"]]
    assert urls.stable_jpeg_urls(["c", "b"]) == got[3:1:-1]
    assert store.batches == [["b", "c"]]
    assert urls.stable_jpeg_urls([None, None]) == [None, None]
    clock.advance(seconds=600)
    assert urls.stable_jpeg_urls(["a"]) == ["/signed/a?w=2840113"]
    assert store.batches[-1] == ["a"]
