"""`mediabox media reprocess [--failed|--all|--missing-thumbhash|ID…]`: run processing again."""

from __future__ import annotations

import uuid

import click

from mediabox.cli.context import load_app
from mediabox.container import container_of


@click.group("media")
def media_group() -> None:
    """Media processing of the library."""


@media_group.command("reprocess")
@click.option("--failed", "failed_only", is_flag=True, help="Every asset whose processing failed.")
@click.option("--all", "everything", is_flag=True, help="Every asset of every user.")
@click.option(
    "--missing-thumbhash",
    "missing_thumbhash",
    is_flag=True,
    help="Processed assets without a thumbhash (processed before it existed).",
)
@click.argument("asset_ids", nargs=-1)
def reprocess(
    failed_only: bool, everything: bool, missing_thumbhash: bool, asset_ids: tuple[str, ...]
) -> None:
    """Queue assets for processing again (a running worker picks them up)."""
    if sum((failed_only, everything, missing_thumbhash, bool(asset_ids))) != 1:
        raise click.UsageError(
            "Give exactly one of --failed, --all, --missing-thumbhash or asset IDs."
        )
    try:
        ids = [uuid.UUID(value) for value in asset_ids]
    except ValueError as exc:
        raise click.BadParameter(f"not an asset id: {exc}", param_hint="ASSET_IDS") from exc
    app = load_app()
    with app.app_context():
        processing = container_of(app).processing
        queued = processing.reprocess(
            ids or None, failed_only=failed_only, missing_thumbhash=missing_thumbhash
        )
    for asset_id in ids:
        if asset_id not in queued:
            click.echo(f"skipped {asset_id}: no such asset, or not a ready upload", err=True)
    click.echo(f"queued {len(queued)} asset(s) for processing")
