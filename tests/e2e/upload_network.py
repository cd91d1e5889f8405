"""The page's blob traffic as the upload tests see it: which PUTs went out (local signed blob
URLs or S3 path-style URLs), for which object and part, with what outcome."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qs, unquote, urlsplit

BLOB_PATH = "/api/v1/blobs/"


@dataclass
class BlobPut:
    """One PUT of file bytes: to a local signed blob URL or to S3."""

    url: str
    key: str
    part: int | None
    status: int | None = None
    failed: str | None = None


def describe_put(url: str) -> BlobPut | None:
    """The object key and part number of a blob PUT URL (local store or S3 path-style)."""
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    if parts.path.startswith(BLOB_PATH):
        key = unquote(parts.path[len(BLOB_PATH) :])
        number = query.get("part")
    elif "X-Amz-Signature" in parts.query or "partNumber" in query:
        key = unquote(parts.path.lstrip("/").split("/", 1)[-1])
        number = query.get("partNumber")
    else:
        return None
    return BlobPut(url, key, int(number[0]) if number else None)


def asset_id_of_key(key: str) -> str:
    """`u/{user}/o/{yyyy}/{mm}/{asset_id}{ext}` → asset_id."""
    return key.rsplit("/", 1)[-1].split(".", 1)[0]


@dataclass
class NetworkLog:
    """The page's requests: every PUT of file bytes, and the API calls by path."""

    puts: list[BlobPut] = field(default_factory=list)
    all_puts: list[str] = field(default_factory=list)
    api: list[tuple[str, str]] = field(default_factory=list)
    in_flight_parts: int = 0
    max_in_flight_parts: int = 0
    _open: dict[int, BlobPut] = field(default_factory=dict)

    def attach(self, page) -> NetworkLog:
        page.on("request", self._on_request)
        page.on("requestfinished", self._on_finished)
        page.on("requestfailed", self._on_failed)
        return self

    def _on_request(self, request) -> None:
        path = urlsplit(request.url).path
        if path.startswith("/api/v1/") and not path.startswith(BLOB_PATH):
            self.api.append((request.method, path))
        if request.method != "PUT":
            return
        self.all_puts.append(request.url)
        put = describe_put(request.url)
        if put is None:
            return
        self.puts.append(put)
        self._open[id(request)] = put
        if put.part is not None:
            self.in_flight_parts += 1
            self.max_in_flight_parts = max(self.max_in_flight_parts, self.in_flight_parts)

    def _close(self, request) -> BlobPut | None:
        put = self._open.pop(id(request), None)
        if put is not None and put.part is not None:
            self.in_flight_parts -= 1
        return put

    def _on_finished(self, request) -> None:
        put = self._close(request)
        if put is not None:
            response = request.response()
            put.status = response.status if response else None

    def _on_failed(self, request) -> None:
        put = self._close(request)
        if put is not None:
            put.failed = request.failure or "failed"

    def stored_parts(self) -> set[int]:
        return {p.part for p in self.puts if p.part is not None and p.status == 200}

    def part_puts(self) -> list[BlobPut]:
        return [p for p in self.puts if p.part is not None]

    def calls(self, method: str, path_part: str) -> list[str]:
        return [path for m, path in self.api if m == method and path_part in path]
