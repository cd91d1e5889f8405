"""`/s/<token>`: the page a friend opens, on both surfaces (the library and the share gateway).

Its own small entry (`share.html`, a second Vite input) so a friend never downloads the library
app. The shell carries escaped `og:` title/description/image naming only what the link shows:
a generic title and no image for a password link, nothing for unknown or ended links (which
answer 404/410 with the same shell, so the page can explain in the friend's language).
`<meta name="mediabox-share-state">` tells the page, before any request, whether the link is
open, locked (password form first, nothing fetched) or ended and why (the error code).

`page_bp` joins both surfaces. `share_static_bp` joins the share surface only: it serves the
files of the share entry (from Vite's manifest) and nothing else of the build; on the full
surface the SPA blueprint already serves every built file.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from flask import Blueprint, Response, current_app, request, send_from_directory
from markupsafe import escape

from mediabox.api.deps import config, container
from mediabox.api.spa import IMMUTABLE, default_static_dir
from mediabox.domain.errors import DomainError, Gone, NotFound

ENTRY = "share.html"
MANIFEST = ".vite/manifest.json"
GENERIC_TITLE = "Mediabox"
NOT_BUILT = """<!doctype html><html lang=en><head><meta charset=utf-8><title>Mediabox</title>
</head><body><p>The web app has not been built yet.</p></body></html>"""

page_bp = Blueprint("share_page", __name__)
share_static_bp = Blueprint("share_static", __name__)


def static_root() -> Path:
    configured = config().static_dir
    return Path(configured) if configured else default_static_dir()


@page_bp.get("/s/<token>")
def share_page(token: str) -> Response:
    entry = static_root() / ENTRY
    if not entry.is_file():
        return _html(NOT_BUILT, 503)
    status, tags = 200, _generic_tags()
    try:
        tags = _preview_tags(container().public_shares.preview(token))
    except NotFound:
        status, tags["state"] = 404, "share_not_found"
    except Gone as exc:
        status, tags["state"] = 410, exc.code
    except DomainError:
        status, tags["state"] = 404, "share_not_found"
    html = entry.read_text(encoding="utf-8")
    return _html(_inject(html, tags), status)


@share_static_bp.get("/assets/<path:name>")
def share_asset(name: str) -> Response:
    root = static_root()
    if f"assets/{name}" not in _entry_files(str(root), _mtime(root / MANIFEST)):
        raise NotFound("No such file.")
    response = send_from_directory(root, f"assets/{name}")
    response.headers["Cache-Control"] = IMMUTABLE
    return response


@share_static_bp.get("/favicon.svg")
def share_favicon() -> Response:
    response = send_from_directory(static_root(), "favicon.svg")
    response.headers["Cache-Control"] = "no-cache"
    return response


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


@lru_cache(maxsize=4)
def _entry_files(root: str, _mtime: float) -> frozenset[str]:
    """Every file the share entry loads (its chunk, imports, lazy chunks, CSS, assets), read
    from Vite's manifest; re-read when the manifest changes (a rebuild)."""
    try:
        manifest = json.loads((Path(root) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return frozenset()
    files: set[str] = set()
    seen: set[str] = set()
    pending = [ENTRY]
    while pending:
        key = pending.pop()
        chunk = manifest.get(key)
        if key in seen or not isinstance(chunk, dict):
            continue
        seen.add(key)
        files.add(chunk.get("file", ""))
        files.update(chunk.get("css", []), chunk.get("assets", []))
        pending += chunk.get("imports", []) + chunk.get("dynamicImports", [])
    return frozenset(name for name in files if name.startswith("assets/"))


def _generic_tags() -> dict[str, str]:
    return {"title": GENERIC_TITLE, "state": "open"}


def _preview_tags(preview) -> dict[str, str]:
    if preview.locked:
        return {**_generic_tags(), "state": "locked"}
    tags = {"title": preview.title or GENERIC_TITLE, "state": "open"}
    if preview.description:
        tags["description"] = preview.description
    elif preview.owner_name:
        tags["description"] = f"Shared by {preview.owner_name}"
    image_url = container().media_urls.thumb_url(preview.image) if preview.image else None
    if image_url:
        tags["image"] = (
            image_url if "://" in image_url else request.host_url.rstrip("/") + image_url
        )
    return tags


def _inject(html: str, tags: dict[str, str]) -> str:
    title = str(escape(tags["title"]))
    metas = [
        '<meta property="og:type" content="website" />',
        f'<meta property="og:title" content="{title}" />',
        f'<meta property="og:site_name" content="{GENERIC_TITLE}" />',
        '<meta name="robots" content="noindex, nofollow" />',
        '<meta name="referrer" content="no-referrer" />',
        f'<meta name="mediabox-share-state" content="{escape(tags["state"])}" />',
    ]
    if "description" in tags:
        described = escape(tags["description"])
        metas.append(f'<meta property="og:description" content="{described}" />')
        metas.append(f'<meta name="description" content="{described}" />')
    if "image" in tags:
        metas.append(f'<meta property="og:image" content="{escape(tags["image"])}" />')
    start, end = html.find("<title>"), html.find("</title>")
    if start != -1 and end > start:
        html = html[:start] + f"<title>{title}</title>" + html[end + len("</title>") :]
    return html.replace("</head>", "\n    ".join(["", *metas]) + "\n  </head>", 1)


def _html(body: str, status: int) -> Response:
    response = current_app.response_class(body, status=status, mimetype="text/html")
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return response
