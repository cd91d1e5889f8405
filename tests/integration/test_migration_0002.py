"""Migration 0002 fills `local_date` of existing assets from captured_at and its offset."""

from __future__ import annotations

import os
import secrets
import uuid
from datetime import date

import pytest
from sqlalchemy import create_engine, text

from mediabox.infra.config import Config
from tests.conftest import PG_ADMIN_URL


@pytest.fixture
def empty_database_url(db_engine_name, tmp_path):
    if db_engine_name == "sqlite":
        yield f"sqlite:///{tmp_path / 'm.sqlite3'}"
        return
    name = f"mediabox_m2_{os.getpid()}_{secrets.token_hex(4)}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _upgrade(url, data_dir, revision):
    from mediabox.app import create_app
    from mediabox.infra.db import db, upgrade_database

    config = Config(
        data_dir=data_dir, database_url=url, jwt_secret="m" * 48, url_signing_key="s" * 48
    )
    app = create_app(config)
    upgrade_database(app, revision)
    with app.app_context():
        db.engine.dispose()


def test_upgrade_backfills_local_date_and_locale(empty_database_url, tmp_path):
    _upgrade(empty_database_url, tmp_path, "0001")
    engine = create_engine(empty_database_url)
    user = uuid.uuid4()
    rows = {
        # (captured_at UTC, offset minutes) -> expected local day
        uuid.uuid4(): ("2024-05-31 23:30:00", 120, date(2024, 6, 1)),
        uuid.uuid4(): ("2024-06-01 02:00:00", -300, date(2024, 5, 31)),
        uuid.uuid4(): ("2024-06-01 02:00:00", None, date(2024, 6, 1)),
    }
    uid = user.hex if engine.dialect.name == "sqlite" else str(user)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO users (id, email, display_name, password_hash, is_active, is_admin,"
                " created_at, updated_at) VALUES (:id, 'a@example.com', '', 'x', true, true,"
                " '2024-01-01 00:00:00', '2024-01-01 00:00:00')"
            ),
            {"id": uid},
        )
        for asset_id, (captured, offset, _) in rows.items():
            conn.execute(
                text(
                    "INSERT INTO assets (id, owner_id, type, status, original_filename,"
                    " content_type, size_bytes, description, captured_at, captured_at_source,"
                    " captured_offset_minutes, storage_key_original, upload_kind,"
                    " processing_state, processing_attempts, is_favorite, created_at, updated_at)"
                    " VALUES (:id, :owner, 'photo', 'ready', 'a.jpg', 'image/jpeg', 1, '',"
                    " :captured, 'metadata', :offset, 'k', 'single', 'done', 0, false,"
                    " '2024-01-01 00:00:00', '2024-01-01 00:00:00')"
                ),
                {
                    "id": asset_id.hex if engine.dialect.name == "sqlite" else str(asset_id),
                    "owner": uid,
                    "captured": captured,
                    "offset": offset,
                },
            )
    engine.dispose()
    _upgrade(empty_database_url, tmp_path, "head")

    engine = create_engine(empty_database_url)
    with engine.connect() as conn:
        found = {
            str(row[0]).replace("-", ""): str(row[1])
            for row in conn.execute(text("SELECT id, local_date FROM assets"))
        }
        locale = conn.execute(text("SELECT locale FROM users")).scalar_one()
    engine.dispose()
    assert found == {a.hex: str(expected) for a, (_, _, expected) in rows.items()}
    assert locale == "en"
