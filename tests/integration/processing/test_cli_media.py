"""`mediabox import` and `mediabox media reprocess` against the real services and queue."""

from __future__ import annotations

import shutil
import uuid

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select, update

from mediabox.cli import importer, main
from mediabox.container import container_of
from mediabox.domain.models import Asset
from mediabox.infra.db import db
from tests.integration.processing.helpers import (
    create_owner,
    load_asset,
)
from tests.manifest import (
    MEDIA_DIR,
)

MEDIA = [
    "camera/canon-ixus.jpg",
    "orientation/Landscape_6.jpg",
    "heic/xiaomi.heic",
    "formats/tweethog.png",
    "video/big_buck_bunny_432_433.webm",
    "bad/truncated_half_jolla.jpg",
]


@pytest.fixture
def cli_app(app, config, database_url, monkeypatch, tmp_path):
    """The test app and the CLI share the data directory (store and queue) and database."""
    monkeypatch.setenv("MEDIABOX_DATA_DIR", str(config.data_dir))
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.chdir(tmp_path)
    return app


@pytest.fixture
def folder(tmp_path):
    root = tmp_path / "photos"
    for n, name in enumerate(MEDIA):
        target = root / ("sub" if n % 2 else "") / name.replace("/", "_")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(MEDIA_DIR / name, target)
    (root / "notes.txt").write_text("not media")
    shutil.copy(MEDIA_DIR / "bad" / "not_an_image.jpg", root / "fake.jpg")
    (root / ".hidden").mkdir()
    shutil.copy(MEDIA_DIR / "camera" / "jolla.jpg", root / ".hidden" / "jolla.jpg")
    return root


def invoke(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _asset_count(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Asset))


def test_import_dedupes_and_survives_an_interruption(cli_app, folder, monkeypatch):
    create_owner(cli_app, "me@example.com")
    real = importer._import_one
    calls = []

    def interrupted(*args):
        if len(calls) == 3:
            raise KeyboardInterrupt
        calls.append(args)
        return real(*args)

    monkeypatch.setattr(importer, "_import_one", interrupted)
    first = invoke("import", str(folder), "--user", "ME@example.com")
    assert first.exit_code == 130
    assert "interrupted: imported 3, duplicates 0" in first.output
    assert _asset_count(cli_app) == 3

    monkeypatch.setattr(importer, "_import_one", real)
    second = invoke("import", str(folder), "--user", "me@example.com")
    assert second.exit_code == 0, second.output
    assert "imported 3, duplicates 3, failed 0, skipped (not photo/video) 2" in second.output
    third = invoke("import", str(folder), str(folder / "sub"), "--user", "me@example.com")
    assert "imported 0, duplicates 9, failed 0" in third.output
    assert _asset_count(cli_app) == len(MEDIA)

    queue = container_of(cli_app).queue
    assert queue.run_pending() == len(MEDIA)
    with cli_app.app_context():
        rows = db.session.scalars(select(Asset)).all()
        by_name = {a.original_filename: a for a in rows}
    assert by_name["bad_truncated_half_jolla.jpg"].processing_state == "failed"
    done = [a for a in rows if a.processing_state == "done"]
    assert len(done) == len(MEDIA) - 1
    assert all(a.file_modified_at is not None for a in rows)


def test_import_needs_a_known_user(cli_app, folder):
    result = CliRunner().invoke(main, ["import", str(folder), "--user", "ghost@example.com"])
    assert result.exit_code != 0 and "ghost@example.com" in result.output


def test_reprocess_failed_all_and_ids(cli_app, folder):
    create_owner(cli_app, "me@example.com")
    assert invoke("import", str(folder), "--user", "me@example.com").exit_code == 0
    queue = container_of(cli_app).queue
    queue.run_pending()
    with cli_app.app_context():
        failed = db.session.scalar(select(Asset.id).where(Asset.processing_state == "failed"))
        db.session.rollback()

    result = invoke("media", "reprocess", "--failed")
    assert "queued 1 asset(s)" in result.output
    assert load_asset(cli_app, failed).processing_state == "pending"
    assert queue.run_pending() == 1
    assert load_asset(cli_app, failed).processing_state == "failed"

    assert "queued 6 asset(s)" in invoke("media", "reprocess", "--all").output
    assert queue.run_pending() == 6

    with cli_app.app_context():
        db.session.execute(update(Asset).where(Asset.id != failed).values(thumbhash=None))
        old = db.session.scalar(select(Asset.id).where(Asset.processing_state == "done"))
        db.session.execute(update(Asset).where(Asset.id == old).values(thumbhash="kept"))
        db.session.commit()
    missing = invoke("media", "reprocess", "--missing-thumbhash")
    assert "queued 4 asset(s)" in missing.output  # 6, less the failed one and the one kept
    assert queue.run_pending() == 4
    with cli_app.app_context():
        hashes = dict(db.session.execute(select(Asset.id, Asset.thumbhash)).all())
        db.session.rollback()
    assert hashes.pop(failed) is None and hashes.pop(old) == "kept"
    assert all(value and len(value) >= 8 for value in hashes.values())

    ghost = uuid.uuid4()
    by_id = invoke("media", "reprocess", str(failed), str(ghost))
    assert "queued 1 asset(s)" in by_id.output and f"skipped {ghost}" in by_id.output
    assert queue.run_pending() == 1


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--failed", "--all"],
        ["--all", str(uuid.uuid4())],
        ["--missing-thumbhash", "--failed"],
        ["not-a-uuid"],
    ],
)
def test_reprocess_needs_exactly_one_selection(cli_app, args):
    result = CliRunner().invoke(main, ["media", "reprocess", *args])
    assert result.exit_code == 2
