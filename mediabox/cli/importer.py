"""`mediabox import PATH… --user EMAIL`: bulk import of photos and videos from this disk.

Files go through the same upload service as the API (size, type and sha256 dedupe), so an
interrupted import can simply be run again: what is already in the library is a duplicate.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import click
from tqdm import tqdm

from mediabox.cli.context import load_app
from mediabox.container import container_of
from mediabox.domain.errors import DomainError
from mediabox.services.imports import is_media, walk
from mediabox.services.users import normalise_email


@dataclass
class ImportSummary:
    """Counts of one run, with the reason for each failed file."""

    imported: int = 0
    duplicates: int = 0
    skipped: int = 0
    failed: list[tuple[Path, str]] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"imported {self.imported}, duplicates {self.duplicates}, "
            f"failed {len(self.failed)}, skipped (not photo/video) {self.skipped}"
        )


@click.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--user", "email", required=True, help="Email of the account to import into.")
def import_command(paths: tuple[Path, ...], email: str) -> None:
    """Import photos and videos from files and folders (dedupes by sha256)."""
    app = load_app()
    with app.app_context():
        wanted = normalise_email(email)
        users = container_of(app).users.list_users()
        user = next((u for u in users if u.email == wanted), None)
    if user is None:
        raise click.ClickException(f"no account with email {email}")

    summary = ImportSummary()
    media: list[tuple[Path, int]] = []
    for path in walk(paths):
        if is_media(path):
            media.append((path, path.stat().st_size))
        else:
            summary.skipped += 1
    total = sum(size for _, size in media)
    click.echo(f"{len(media)} photo/video file(s), {total / 1e6:.1f} MB to import", err=True)

    bar = tqdm(
        total=total,
        unit="B",
        unit_scale=True,
        unit_divisor=1024,
        desc="importing",
        mininterval=0.5,
        file=sys.stderr,
    )
    try:
        for done, (path, size) in enumerate(media, start=1):
            _import_one(app, user, path, summary)
            bar.update(size)
            bar.set_postfix_str(f"{done}/{len(media)} files", refresh=False)
    except KeyboardInterrupt:
        bar.close()
        click.echo(f"interrupted: {summary.line()} (run again to continue)", err=True)
        sys.exit(130)
    bar.close()
    for path, reason in summary.failed:
        click.echo(f"failed: {path}: {reason}", err=True)
    click.echo(summary.line())
    if summary.failed:
        sys.exit(1)


def _import_one(app, user, path: Path, summary: ImportSummary) -> None:
    with app.app_context():
        imports = container_of(app).imports
        modified = datetime.fromtimestamp(path.stat().st_mtime, UTC)
        try:
            result = imports.import_local_file(
                user, path, filename=path.name, file_modified_at=modified
            )
        except DomainError as exc:
            summary.failed.append((path, exc.message))
            return
        except OSError as exc:
            summary.failed.append((path, exc.strerror or str(exc)))
            return
    if result.duplicate:
        summary.duplicates += 1
    else:
        summary.imported += 1
