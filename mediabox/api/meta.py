"""Health, the OpenAPI document and a readable docs page."""

from __future__ import annotations

import secrets
from html import escape

from flask import Blueprint, current_app, jsonify

from mediabox import __version__
from mediabox.api.deps import container
from mediabox.api.openapi import build_openapi
from mediabox.api.routing import route
from mediabox.api.schemas.common import HealthOut

bp = Blueprint("meta", __name__, url_prefix="/api/v1")
docs_bp = Blueprint("docs", __name__)


@route(
    bp,
    "/health",
    "GET",
    summary="Liveness and database check",
    response=HealthOut,
    auth="none",
    errors=(503,),
)
def health():
    database_ok = container().health.database_ok()
    out = HealthOut(
        status="ok" if database_ok else "degraded",
        version=__version__,
        database="ok" if database_ok else "unreachable",
    )
    if not database_ok:
        response = jsonify(out.model_dump())
        response.status_code = 503
        return response
    return out


@bp.get("/openapi.json")
def openapi():
    return jsonify(build_openapi(current_app))


@docs_bp.get("/api/docs")
def docs():
    """A self-contained page listing every operation (no third-party scripts)."""
    spec = build_openapi(current_app)
    nonce = secrets.token_urlsafe(16)
    rows = []
    for path, methods in spec["paths"].items():
        for method, op in methods.items():
            rows.append(
                f"<tr><td class=m>{escape(method.upper())}</td><td><code>{escape(path)}</code>"
                f"</td><td>{escape(op.get('summary', ''))}</td>"
                f"<td>{escape(', '.join(sorted(op['responses'])))}</td></tr>"
            )
    html = f"""<!doctype html><html lang=en><head><meta charset=utf-8>
<title>Mediabox API</title><style nonce="{nonce}">
body{{font:15px system-ui,sans-serif;margin:2rem;color:#222}}table{{border-collapse:collapse}}
td,th{{border-bottom:1px solid #ddd;padding:.35rem .6rem;text-align:left}}.m{{font-weight:600}}
</style></head><body><h1>Mediabox API {escape(spec["info"]["version"])}</h1>
<p>{escape(spec["info"]["description"])}</p>
<p>Machine-readable document: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a></p>
<table><tr><th>Method</th><th>Path</th><th>Summary</th><th>Statuses</th></tr>
{"".join(rows)}</table></body></html>"""
    response = current_app.response_class(html, mimetype="text/html")
    response.headers["Content-Security-Policy"] = (
        f"default-src 'none'; style-src 'nonce-{nonce}'; frame-ancestors 'none'; base-uri 'none'"
    )
    return response
