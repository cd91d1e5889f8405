"""The launch's cheap migration check: the scripts' head read without Alembic, and the child
process skipped only when the database is exactly at it."""

from __future__ import annotations

import subprocess
import sys

import pytest
from sqlalchemy import create_engine, text

from mediabox.infra.db import migrations_dir
from mediabox.infra.migration_state import database_at_head, script_heads
from mediabox.launch import server


def test_the_head_of_the_shipped_scripts_is_the_one_alembic_reports():
    from alembic.script import ScriptDirectory

    assert script_heads() == set(ScriptDirectory(migrations_dir()).get_heads())


def test_a_branch_point_and_a_merge_are_read(tmp_path):
    versions = tmp_path / "versions"
    versions.mkdir()
    scripts = {
        "a": 'revision = "a"\ndown_revision = None\n',
        "b": "revision = 'b'\ndown_revision = 'a'\n",
        "c": 'revision = "c"\ndown_revision = "a"\n',
    }
    for name, body in scripts.items():
        (versions / f"{name}.py").write_text(body)
    assert script_heads(tmp_path) == {"b", "c"}
    (versions / "m.py").write_text('revision = "m"\ndown_revision = ("b", "c")\n')
    assert script_heads(tmp_path) == {"m"}
    assert script_heads(tmp_path / "nowhere") == set()


def test_only_a_database_at_the_head_skips_the_migration(tmp_path):
    url = f"sqlite:///{tmp_path / 'mediabox.db'}"
    assert not database_at_head(url), "no version table yet"
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32))"))
        connection.execute(text("INSERT INTO alembic_version VALUES ('0001')"))
    assert not database_at_head(url), "behind the head"
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = :h"), {"h": "0002"})
    assert script_heads() == {"0002"}
    assert database_at_head(url)
    assert not database_at_head(url, tmp_path), "no scripts found: migrate to be safe"
    engine.dispose()


def test_the_migration_child_runs_only_when_needed(config, monkeypatch):
    runs = []

    def child(command, check):
        runs.append(command)
        return subprocess.CompletedProcess(command, 0)

    monkeypatch.setattr(server.subprocess, "run", child)
    monkeypatch.setattr("mediabox.infra.migration_state.database_at_head", lambda url: False)
    server.upgrade_in_a_child_process(config)
    assert runs and runs[0][-2:] == ["db", "upgrade"] and runs[0][0] == sys.executable

    runs.clear()
    monkeypatch.setattr("mediabox.infra.migration_state.database_at_head", lambda url: True)
    server.upgrade_in_a_child_process(config)
    assert runs == []


def test_a_failed_child_is_a_launch_error(config, monkeypatch):
    monkeypatch.setattr("mediabox.infra.migration_state.database_at_head", lambda url: False)
    monkeypatch.setattr(
        server.subprocess, "run", lambda c, check: subprocess.CompletedProcess(c, 1)
    )
    with pytest.raises(server.LaunchError):
        server.upgrade_in_a_child_process(config)


def test_the_test_database_is_at_the_head_on_this_engine(config):
    assert database_at_head(config.database_url)


def test_a_launch_on_a_migrated_database_never_loads_alembic(config):
    """The CLI, the app and the migration check leave Alembic out of a serving process."""
    probe = (
        "import sys\n"
        "import mediabox.cli\n"
        "from mediabox.infra.config import Config\n"
        "from mediabox.app import create_app\n"
        "from mediabox.launch.server import upgrade_in_a_child_process\n"
        "config = Config.from_env()\n"
        "create_app(config)\n"
        "upgrade_in_a_child_process(config)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('alembic', 'flask_migrate')))\n"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "MEDIABOX_DATA_DIR": str(config.data_dir),
        "DATABASE_URL": config.database_url,
    }
    result = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
