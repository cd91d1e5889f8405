"""Security headers on every response and strict CORS from CORS_ORIGINS."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, Response
from flask_cors import CORS

from mediabox.infra.config import Config
from mediabox.infra.cors_origins import validate_cors_origins

API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
# A dedicated worker runs under its script's own CSP: the upload engine's hashing worker loads
# its code from 'self' and compiles hash-wasm's WebAssembly (no eval, no network, nothing else).
WORKER_CSP = (
    "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)
SCRIPT_TYPES = frozenset({"text/javascript", "application/javascript"})


def app_csp(config: Config) -> str:
    endpoint = urlsplit(config.s3_endpoint_url) if config.s3_endpoint_url else None
    extra = f" {endpoint.scheme}://{endpoint.netloc}" if endpoint and endpoint.netloc else ""
    if config.use_s3 and not extra:
        extra = " https://*.amazonaws.com"
    return (
        "default-src 'self'; "
        f"img-src 'self' blob: data:{extra}; media-src 'self' blob:{extra}; "
        f"connect-src 'self'{extra}; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "worker-src 'self' blob:; font-src 'self' data:; object-src 'none'; "
        "frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
    )


def install_security(app: Flask, config: Config) -> None:
    """Headers every response carries; views may set stricter ones first."""
    spa_csp = app_csp(config)

    @app.after_request
    def _headers(response: Response) -> Response:
        headers = response.headers
        if "Content-Security-Policy" not in headers:
            mimetype = response.mimetype or ""
            if mimetype == "text/html":
                headers["Content-Security-Policy"] = spa_csp
            elif mimetype in SCRIPT_TYPES:
                headers["Content-Security-Policy"] = WORKER_CSP
            else:
                headers["Content-Security-Policy"] = API_CSP
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("Referrer-Policy", "same-origin")
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        if response.mimetype == "application/json":
            headers.setdefault("Cache-Control", "no-store")
        return response

    if validate_cors_origins(config.cors_origins):
        CORS(
            app,
            resources={r"/api/*": {"origins": config.cors_origins}},
            supports_credentials=True,
            allow_headers=["Content-Type", "Authorization", "X-CSRF-TOKEN", "Range"],
            expose_headers=["ETag", "Retry-After", "Content-Range", "Content-Disposition"],
            max_age=600,
        )
