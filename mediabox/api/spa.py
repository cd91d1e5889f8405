"""The web app: Vite's build (`static/`) served at `/`, with an SPA fallback for client routes.

`/api/…` never falls back (unknown API paths keep their JSON 404). Hashed files under
`/assets/` are cached for a year; `index.html` is revalidated on every load. HTML carries the
app CSP (no inline script) set in `security.py`.
"""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Flask, current_app, request, send_from_directory
from werkzeug.exceptions import HTTPException, MethodNotAllowed
from werkzeug.exceptions import NotFound as HTTPNotFound
from werkzeug.security import safe_join

import mediabox
from mediabox.domain.errors import NotFound

IMMUTABLE = "public, max-age=31536000, immutable"
NOT_BUILT = """<!doctype html><html lang=en><head><meta charset=utf-8>
<title>Mediabox</title></head><body><h1>Mediabox</h1>
<p>The web app has not been built yet. Run <code>scripts/run</code> (it builds the UI into
<code>static/</code> and starts the server), then reload this page.</p>
<p>The API is up: <a href="/api/docs">/api/docs</a>.</p></body></html>"""

bp = Blueprint("spa", __name__)


def default_static_dir() -> Path:
    """`mediabox/static` of an installed wheel, else `static/` beside the package (checkout)."""
    package = Path(mediabox.__file__).resolve().parent
    packaged = package / "static"
    if (packaged / "index.html").is_file():
        return packaged
    return package.parent / "static"


def install_spa(app: Flask, static_dir: Path | None) -> None:
    """Serve the built UI from `static_dir` (default: `default_static_dir()`)."""
    app.extensions["mediabox_static"] = Path(static_dir or default_static_dir())
    app.register_blueprint(bp)


def _root() -> Path:
    return current_app.extensions["mediabox_static"]


@bp.get("/", defaults={"path": ""})
@bp.get("/<path:path>")
def serve(path: str):
    if path == "api" or path.startswith("api/"):
        _api_miss()
    root = _root()
    if path and path != "index.html":
        found = safe_join(str(root), path)
        if found is not None and Path(found).is_file():
            response = send_from_directory(root, path)
            cache = IMMUTABLE if path.startswith("assets/") else "no-cache"
            response.headers["Cache-Control"] = cache
            return response
        if path.startswith("assets/"):
            raise NotFound("No such file.")
    if not (root / "index.html").is_file():
        response = current_app.response_class(NOT_BUILT, status=503, mimetype="text/html")
        response.headers["Cache-Control"] = "no-store"
        return response
    try:
        response = send_from_directory(root, "index.html")
    except HTTPNotFound as exc:  # removed between the check and the read (a rebuild)
        raise NotFound() from exc
    response.headers["Cache-Control"] = "no-cache"
    return response


def _api_miss() -> None:
    """An API path reached the fallback: 405 if it exists for other methods, else 404."""
    adapter = current_app.url_map.bind_to_environ(request.environ)
    allowed = []
    for method in ("POST", "PUT", "PATCH", "DELETE"):
        try:
            endpoint, _ = adapter.match(request.path, method=method)
        except HTTPException:
            continue
        if endpoint != "spa.serve":
            allowed.append(method)
    if allowed:
        raise MethodNotAllowed(valid_methods=allowed)
    raise NotFound()
