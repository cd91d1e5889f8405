"""HTTP API: one blueprint per resource under /api/v1, grouped by app surface.

`SURFACES` lists the blueprints of each surface: `full` (the library, the owner's API, docs)
and `share` (what a friend's browser needs: the public share API and blob URLs of shared
assets). The share page (`/s/<token>`) and its static files join both lists when they exist.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, Flask


def full_blueprints(*, local_blobs: bool) -> list[Blueprint]:
    from mediabox.api import (
        albums,
        auth,
        blobs,
        desktop,
        meta,
        public_shares,
        share_page,
        shares,
        tags,
        timeline,
        zips,
    )
    from mediabox.api import assets as assets_api
    from mediabox.api import jobs as jobs_api
    from mediabox.api import uploads as uploads_api
    from mediabox.api import users as users_api

    blueprints = [meta.bp, meta.docs_bp, auth.bp, desktop.bp, jobs_api.bp]
    blueprints += [users_api.bp, users_api.stats_bp]
    blueprints += [uploads_api.bp, zips.bp, assets_api.bp, assets_api.trash_bp, timeline.bp]
    blueprints += [albums.bp, tags.bp, shares.bp, public_shares.public_bp, share_page.page_bp]
    if local_blobs:
        blueprints.append(blobs.blobs_bp)
    return blueprints


def share_blueprints(*, local_blobs: bool) -> list[Blueprint]:
    from mediabox.api import blobs, public_shares, share_page

    blueprints = [public_shares.public_bp, share_page.page_bp, share_page.share_static_bp]
    if local_blobs:
        blueprints.append(blobs.shared_blobs_bp)
    return blueprints


SURFACES: dict[str, Callable[..., list[Blueprint]]] = {
    "full": full_blueprints,
    "share": share_blueprints,
}


def register_blueprints(app: Flask, *, surface: str = "full", local_blobs: bool) -> None:
    """Register the blueprints of `surface` on `app`."""
    for blueprint in SURFACES[surface](local_blobs=local_blobs):
        app.register_blueprint(blueprint)
