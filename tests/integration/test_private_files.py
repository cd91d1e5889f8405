"""The data directory is 0700 and the database files 0600 (issue 9, item 12)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

from sqlalchemy import text

from mediabox.infra.config import Config


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_create_app_makes_the_data_dir_and_sqlite_files_private(tmp_path):
    from mediabox.app import create_app
    from mediabox.infra.db import db

    old = os.umask(0o022)
    try:
        data = tmp_path / "data"
        config = Config(
            data_dir=data,
            database_url=f"sqlite:///{data / 'mediabox.sqlite3'}",
            jwt_secret="j" * 48,
            url_signing_key="s" * 48,
            run_consumer=False,
        )
        app = create_app(config)
        with app.app_context():
            db.session.execute(text("CREATE TABLE t (x INTEGER)"))
            db.session.commit()
            db.engine.dispose()
    finally:
        os.umask(old)
    assert _mode(data) == 0o700
    database = data / "mediabox.sqlite3"
    assert _mode(database) == 0o600
    for side in data.glob("mediabox.sqlite3-*"):
        assert _mode(side) == 0o600, side


def test_an_existing_world_readable_database_is_tightened(tmp_path):
    from mediabox.app import create_app

    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    os.chmod(data, 0o755)  # noqa: S103 (the insecure state under test)
    database = data / "old.sqlite3"
    database.write_bytes(b"")
    os.chmod(database, 0o644)
    create_app(
        Config(
            data_dir=data,
            database_url=f"sqlite:///{database}",
            jwt_secret="j" * 48,
            url_signing_key="s" * 48,
            run_consumer=False,
        )
    )
    assert (_mode(data), _mode(database)) == (0o700, 0o600)


def test_the_command_sets_a_private_umask(tmp_path, database_url, make_app, config):
    make_app(config)  # registers the database clean-up
    env = {**os.environ, "MEDIABOX_DATA_DIR": str(tmp_path / "cli"), "DATABASE_URL": database_url}
    code = (
        "import os\n"
        "from mediabox.cli import main\n"
        "os.umask(0o022)\n"
        "main(['users', 'list'], standalone_mode=False)\n"
        "print(oct(os.umask(0)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "0o77"
