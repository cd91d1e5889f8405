"""The desktop window's sign-in (SPEC §4b): `GET /desktop/login?t=TOKEN` spends a one-time
launch token minted by the launcher in this process, sets the owner's session cookies and
sends the window to the library (or to `/setup` on the first run)."""

from __future__ import annotations

from flask import Blueprint, Response, redirect, request

from mediabox.api.deps import config, container
from mediabox.api.tokens import issue_tokens, set_cookies
from mediabox.domain.errors import Forbidden

bp = Blueprint("desktop", __name__, url_prefix="/desktop")

LOOPBACK = {"127.0.0.1", "::1", "::ffff:127.0.0.1"}


@bp.get("/login")
def desktop_login() -> Response:
    if request.remote_addr not in LOOPBACK:
        raise Forbidden("Desktop sign-in works only on this computer.", code="desktop_local_only")
    owner = container().desktop_sign_in.consume(request.args.get("t", ""))
    if owner is None:
        return _no_store(redirect("/setup", code=303))
    issued = container().auth.start(owner, request.headers.get("User-Agent", "Mediabox desktop"))
    access, refresh = issue_tokens({}, owner, issued, config())
    return _no_store(set_cookies(redirect("/", code=303), access, refresh))


def _no_store(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response
