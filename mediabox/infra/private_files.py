"""The data directory and the SQLite database are private to the user running Mediabox.

The database holds password hashes and share tokens; the data directory holds the originals
and the secrets. The directory is made 0700 and the database files 0600 (SQLite creates its
-wal and -shm files with the database file's mode).
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy.engine import make_url

SQLITE_SIDE_FILES = ("", "-wal", "-shm", "-journal")


def make_private_dir(path: Path) -> None:
    """Create `path` (and parents) and make it 0700."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(path, 0o700)


def make_private_sqlite(database_url: str) -> None:
    """Create the SQLite file 0600 before SQLite does (0644), and tighten existing ones."""
    url = make_url(database_url)
    if not url.drivername.startswith("sqlite") or not url.database or url.database == ":memory:":
        return
    path = Path(url.database)
    if not path.exists() and path.parent.is_dir():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    for suffix in SQLITE_SIDE_FILES:
        side = path.with_name(path.name + suffix)
        if side.exists():
            os.chmod(side, 0o600)
