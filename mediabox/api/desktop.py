"""The desktop window's routes. `GET /desktop/login?t=TOKEN` (SPEC §4b) spends a one-time
launch token minted by the launcher in this process, sets the owner's session cookies and
sends the window to the library (or to `/setup` on the first run). `POST /desktop/focus` lets
a second launch bring the running window forward, and `/desktop/network` (GET/POST/DELETE,
admin) is "Open on my network": report, start and stop the LAN listener; `GET
/desktop/imports` (the owner) reports the import by path of files dropped on the window.
These exist only while a window does (the launcher installs a `DesktopShell` with
`install_shell`) and only for 127.0.0.1; they are not part of the public API (nor its
OpenAPI document)."""

from __future__ import annotations

import hmac
from typing import Protocol

from flask import Blueprint, Flask, Response, current_app, redirect, request
from flask_jwt_extended import verify_jwt_in_request

from mediabox.api.deps import config, container, me
from mediabox.api.tokens import issue_tokens, set_cookies
from mediabox.domain.errors import Conflict, Forbidden, NotFound

bp = Blueprint("desktop", __name__, url_prefix="/desktop")

LOOPBACK = {"127.0.0.1", "::1", "::ffff:127.0.0.1"}
FOCUS_HEADER = "X-Mediabox-Focus"
EXTENSION = "mediabox_desktop"
IMPORT_FIELDS = (
    "active",
    "scanning",
    "queued",
    "imported",
    "duplicates",
    "failed",
    "skipped",
    "current",
    "batch",
)


class NetworkSharing(Protocol):
    """The LAN listener of the desktop: each call answers `{running, urls, name}`."""

    def status(self) -> dict: ...

    def start(self) -> dict: ...

    def stop(self) -> dict: ...


class DroppedImports(Protocol):
    """The import by path of files dropped on the window: `status()` is its counts."""

    def status(self) -> dict: ...


class DesktopShell(Protocol):
    """What the desktop launcher offers the app: its window, focus secret, LAN switch and
    the import of dropped files."""

    focus_token: str
    network: NetworkSharing
    imports: DroppedImports

    def focus(self) -> None: ...


def install_shell(app: Flask, shell: DesktopShell) -> None:
    """Called by the desktop launcher: this app now runs inside a window."""
    app.extensions[EXTENSION] = shell


def _shell() -> DesktopShell:
    shell = current_app.extensions.get(EXTENSION)
    if shell is None or request.remote_addr not in LOOPBACK:
        raise NotFound()
    return shell


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


@bp.post("/focus")
def desktop_focus() -> Response:
    shell = _shell()
    if not hmac.compare_digest(request.headers.get(FOCUS_HEADER, ""), shell.focus_token):
        raise NotFound()
    shell.focus()
    return current_app.response_class(status=204)


@bp.get("/network")
def network_status() -> Response:
    return _network_answer(_network_admin().status())


@bp.post("/network")
def network_start() -> Response:
    network = _network_admin()
    try:
        return _network_answer(network.start())
    except OSError as exc:
        raise Conflict(
            f"No port could be opened on the network: {exc.strerror or exc}",
            code="network_unavailable",
        ) from exc


@bp.delete("/network")
def network_stop() -> Response:
    return _network_answer(_network_admin().stop())


@bp.get("/imports")
def dropped_imports() -> Response:
    shell = _shell()
    verify_jwt_in_request()
    owner = container().desktop_sign_in.owner()
    if owner is None or owner.id != me().id:
        raise Forbidden("Only the owner of this computer's library sees its imports.")
    state = shell.imports.status()
    response = current_app.json.response(
        {key: state[key] for key in IMPORT_FIELDS} | {"failures": list(state["failures"])}
    )
    response.headers["Cache-Control"] = "no-store"
    return response


def _network_admin() -> NetworkSharing:
    shell = _shell()
    verify_jwt_in_request()
    if not me().is_admin:
        raise Forbidden("Only an administrator can open Mediabox on the network.")
    return shell.network


def _network_answer(state: dict) -> Response:
    return current_app.json.response(
        {"running": bool(state["running"]), "urls": list(state["urls"]), "name": state["name"]}
    )


def _no_store(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response
