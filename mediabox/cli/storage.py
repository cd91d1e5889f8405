"""`mediabox storage setup-cors|check`: the S3 bucket's CORS rule and a connectivity check."""

from __future__ import annotations

import click

from mediabox.cli.context import load_app, load_config
from mediabox.container import container_of
from mediabox.domain.errors import DomainError


def _s3_store():
    config = load_config()
    if not config.use_s3:
        raise click.ClickException(
            "MEDIA_BUCKET is not set: media is kept in the local store "
            f"({config.blob_root}), which needs no CORS set-up."
        )
    app = load_app(config)
    return config, container_of(app).blob_store


@click.group("storage")
def storage_group() -> None:
    """Blob storage (S3 bucket) administration."""


@storage_group.command("setup-cors")
@click.option(
    "--origin",
    "origins",
    multiple=True,
    help="Allowed browser origin (repeatable; default: CORS_ORIGINS and PUBLIC_BASE_URL).",
)
def setup_cors(origins: tuple[str, ...]) -> None:
    """Write the bucket CORS rule so browsers can PUT/GET through signed URLs."""
    config, store = _s3_store()
    chosen = list(origins) or list(config.cors_origins)
    if not origins and config.public_base_url and config.public_base_url not in chosen:
        chosen.append(config.public_base_url)
    if not chosen:
        raise click.ClickException(
            "No origin given: pass --origin https://photos.example.com or set CORS_ORIGINS."
        )
    try:
        store.configure_cors(chosen)
    except DomainError as exc:
        raise click.ClickException(exc.message) from exc
    click.echo(f"CORS rule written on bucket {config.media_bucket!r} for: {', '.join(chosen)}")


@storage_group.command("check")
def check() -> None:
    """Verify the S3 credentials and that the bucket is reachable."""
    config, store = _s3_store()
    try:
        store.check()
    except DomainError as exc:
        raise click.ClickException(exc.message) from exc
    click.echo(f"S3 bucket {config.media_bucket!r} is reachable with the configured credentials.")
