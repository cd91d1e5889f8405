"""Helpers of the browser upload tests (issue 11): the files to upload, the upload panel's
counts, a log of the page's blob traffic, the timeline's tiles and the stored originals.

The panel publishes its counts on `[data-testid=upload-panel]` (`data-total`, `data-done` =
uploaded + duplicates, `data-uploaded`, `data-duplicates`, `data-failed`, `data-active`); the
contract behind them is `ui/src/features/upload/model.ts`.
"""

from __future__ import annotations

import hashlib
import io
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import requests
from PIL import Image

from tests.conftest import TESTDATA

# Test media the server refuses at upload time (an empty file; text named .jpg, refused by the
# finalize sniff). Truncated and misnamed files upload fine and fail later, in processing.
REFUSED_KINDS = {"bad-empty", "bad-not-image"}
PANEL = "[data-testid=upload-panel]"
COUNT_NAMES = ("total", "done", "uploaded", "duplicates", "failed")
BLOB_PATH = "/api/v1/blobs/"


@dataclass(frozen=True)
class MediaFile:
    """One file to upload: where it is, its SHA-256, and whether the server must refuse it."""

    path: Path
    sha256: str
    refused: bool = False

    @property
    def name(self) -> str:
        return self.path.name


@dataclass
class MediaSet:
    """The files of one upload, with what the library must hold afterwards."""

    files: list[MediaFile]

    @property
    def paths(self) -> list[str]:
        return [str(item.path) for item in self.files]

    @property
    def accepted(self) -> dict[str, MediaFile]:
        """The files that must end stored, by SHA-256."""
        return {item.sha256: item for item in self.files if not item.refused}

    @property
    def refused_names(self) -> set[str]:
        return {item.name for item in self.files if item.refused}


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(8 * 1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def shared_media_files() -> list[MediaFile]:
    """Every file of the shared test media (MANIFEST.tsv), the refused kinds marked."""
    manifest = TESTDATA / "MANIFEST.tsv"
    if not manifest.is_file():
        pytest.fail(
            f"test media missing: expected {manifest} (the shared/ folder beside the repository)"
        )
    lines = manifest.read_text().splitlines()
    header = lines[0].split("\t")
    at = {name: header.index(name) for name in ("path", "kind", "sha256")}
    files = []
    for line in lines[1:]:
        row = line.split("\t")
        path = TESTDATA / row[at["path"]]
        assert path.is_file(), f"{path} is listed in MANIFEST.tsv but missing"
        files.append(MediaFile(path, row[at["sha256"]], row[at["kind"]] in REFUSED_KINDS))
    names = [item.name for item in files]
    assert len(set(names)) == len(names), "test media file names must be unique"
    return files


def generate_images(
    folder: Path, count: int, prefix: str = "gen", size=(48, 32)
) -> list[MediaFile]:
    """`count` distinct small images (JPEG and PNG in turn) of random pixels."""
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for index in range(count):
        image = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
        fmt, ext = ("PNG", "png") if index % 4 == 3 else ("JPEG", "jpg")
        buffer = io.BytesIO()
        image.save(buffer, fmt)
        data = buffer.getvalue()
        path = folder / f"{prefix}_{index:04d}.{ext}"
        path.write_bytes(data)
        files.append(MediaFile(path, hashlib.sha256(data).hexdigest()))
    return files


def media_set(folder: Path, total: int = 120) -> MediaSet:
    """All of the shared test media plus generated images, `total` files in all."""
    shared = shared_media_files()
    assert len(shared) < total, f"{len(shared)} test media files, expected fewer than {total}"
    return MediaSet(shared + generate_images(folder, total - len(shared)))


def big_jpeg(path: Path, size: int) -> MediaFile:
    """A `size`-byte file that is a real JPEG followed by random bytes (decoders stop at the
    end-of-image marker, so it processes like a photo)."""
    buffer = io.BytesIO()
    Image.frombytes("RGB", (64, 48), os.urandom(64 * 48 * 3)).save(buffer, "JPEG")
    head = buffer.getvalue()
    digest = hashlib.sha256(head)
    with open(path, "wb") as handle:
        handle.write(head)
        left = size - len(head)
        while left:
            chunk = os.urandom(min(left, 16 * 1024 * 1024))
            handle.write(chunk)
            digest.update(chunk)
            left -= len(chunk)
    return MediaFile(path, digest.hexdigest())


# ---- the panel -------------------------------------------------------------------------------


def panel_counts(page) -> dict[str, int]:
    """The panel's counts (0 for an attribute it does not carry yet; {} without a panel)."""
    return page.evaluate(
        """(names) => {
             const panel = document.querySelector('[data-testid=upload-panel]');
             if (!panel) return {};
             const out = {};
             for (const name of names) out[name] = Number(panel.getAttribute('data-' + name) || 0);
             out.active = panel.getAttribute('data-active') === 'true';
             return out;
           }""",
        list(COUNT_NAMES),
    )


def wait_for_counts(page, expression: str, timeout: float, what: str) -> dict[str, int]:
    """Wait until the JS `expression` over the counts `c` holds; fail with the last counts."""
    deadline = time.monotonic() + timeout
    counts: dict[str, int] = {}
    while time.monotonic() < deadline:
        try:
            page.wait_for_function(
                f"""(names) => {{
                     const panel = document.querySelector('[data-testid=upload-panel]');
                     if (!panel) return false;
                     const c = {{}};
                     for (const n of names) c[n] = Number(panel.getAttribute('data-' + n) || 0);
                     c.active = panel.getAttribute('data-active') === 'true';
                     return {expression};
                   }}""",
                arg=list(COUNT_NAMES),
                timeout=2000,
                polling=200,
            )
            return panel_counts(page)
        except Exception as exc:  # playwright TimeoutError: poll again until the deadline
            if "Timeout" not in type(exc).__name__:
                raise
            counts = panel_counts(page)
    pytest.fail(f"{what}: not reached in {timeout:.0f}s; the panel's counts: {counts}")


def wait_until_settled(page, total: int, timeout: float) -> dict[str, int]:
    """Wait until the panel lists `total` files, each done (or a duplicate) or failed."""
    return wait_for_counts(
        page,
        f"c.total === {total} && c.done + c.failed === {total} && !c.active",
        timeout,
        f"all {total} files done or failed",
    )


def rows_by_phase(page) -> dict[str, list[str]]:
    """Scroll the panel's (virtualised) list top to bottom: the row texts by `data-phase`."""
    found: dict[str, str] = {}
    scroller = page.locator("[data-testid=upload-row]").first.evaluate_handle(
        "(el) => { let n = el.parentElement; while (n && n.scrollHeight <= n.clientHeight + 1)"
        " n = n.parentElement; return n; }"
    )
    page.evaluate("(s) => { if (s) s.scrollTop = 0; }", scroller)
    for _ in range(500):
        page.wait_for_timeout(60)
        for row in page.evaluate(
            """() => [...document.querySelectorAll('[data-testid=upload-row]')].map((r) =>
                 ({ key: r.dataset.id || r.dataset.index || r.textContent,
                    phase: r.dataset.phase, text: r.textContent }))"""
        ):
            found[f"{row['key']}"] = (row["phase"], row["text"])
        if page.evaluate(
            "(s) => { if (!s) return true; const before = s.scrollTop;"
            " s.scrollTop += s.clientHeight * 0.8; return s.scrollTop === before; }",
            scroller,
        ):
            break
    by_phase: dict[str, list[str]] = {}
    for phase, text in found.values():
        by_phase.setdefault(phase, []).append(text)
    return by_phase


def stage_files(page, paths, element_id: str = "e2e-files") -> str:
    """Have Chromium make File objects of `paths` in a hidden input outside the app: it makes
    them when `.files` is first read, here in a task of its own. Returns the input's selector."""
    page.evaluate(
        """(id) => { const input = document.createElement('input');
                     Object.assign(input, { type: 'file', multiple: true, id });
                     input.style.display = 'none'; document.body.append(input); }""",
        element_id,
    )
    page.set_input_files(f"#{element_id}", paths)
    count = page.evaluate("(id) => document.getElementById(id).files.length", element_id)
    assert count == len(paths), f"{count} of {len(paths)} files staged"
    return f"#{element_id}"


# ---- the network -----------------------------------------------------------------------------


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


# ---- the library -----------------------------------------------------------------------------


def scan_tiles(page, expected: set[str], timeout: float = 60) -> set[str]:
    """Scroll the virtualised timeline until every expected asset id has shown a tile (or the
    time is up); returns the ids seen."""
    seen: set[str] = set()
    page.locator("[data-testid=asset-tile]").first.wait_for(timeout=timeout * 1000)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not expected <= seen:
        scroller = page.locator("[data-testid=asset-tile]").first.evaluate_handle(
            "(el) => { let n = el; while (n && !(n.scrollHeight > n.clientHeight + 1 &&"
            " getComputedStyle(n).overflowY === 'auto')) n = n.parentElement;"
            " return n || document.scrollingElement; }"
        )
        page.evaluate("(s) => { s.scrollTop = 0; }", scroller)
        for _ in range(200):
            page.wait_for_timeout(120)
            seen.update(
                page.evaluate(
                    "() => [...document.querySelectorAll('[data-testid=asset-tile]')]"
                    ".map((t) => t.dataset.assetId)"
                )
            )
            if page.evaluate(
                "(s) => { const before = s.scrollTop; s.scrollTop += s.clientHeight * 0.8;"
                " return s.scrollTop === before; }",
                scroller,
            ):
                break
    return seen


def all_assets(base_url: str, session: requests.Session) -> list[dict]:
    """Every live asset of the session's account (all pages of `GET /assets`)."""
    found, cursor = [], None
    while True:
        params = {"limit": 500, **({"cursor": cursor} if cursor else {})}
        response = session.get(f"{base_url}/api/v1/assets", params=params, timeout=30)
        assert response.status_code == 200, response.text
        body = response.json()
        found.extend(body["items"])
        cursor = body["next_cursor"]
        if not cursor:
            return found


def stored_original_sha256(base_url: str, session: requests.Session, asset_id: str) -> str:
    """SHA-256 of an asset's original as the API serves it (download URL, then the bytes)."""
    response = session.get(
        f"{base_url}/api/v1/assets/{asset_id}/download-url", params={"kind": "original"}, timeout=30
    )
    assert response.status_code == 200, response.text
    url = response.json()["url"]
    digest = hashlib.sha256()
    with requests.get(url if "://" in url else base_url + url, stream=True, timeout=120) as blob:
        assert blob.status_code == 200, blob.text[:300]
        for chunk in blob.iter_content(8 * 1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()
