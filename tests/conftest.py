"""Shared fixtures: a migrated database per engine (SQLite file or a fresh PostgreSQL database),
an app and client per test, and helpers to sign in."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from mediabox.infra.config import Config
from mediabox.infra.passwords import PasswordHasher

PG_ADMIN_URL = os.environ.get(
    "MEDIABOX_TEST_PG_ADMIN_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
REPO_ROOT = Path(__file__).resolve().parents[1]
TESTDATA = REPO_ROOT.parent / "shared" / "testdata" / "media"

pytest_plugins = ["tests.fixtures.services", "tests.fixtures.storage"]


def pytest_addoption(parser):
    parser.addoption(
        "--db",
        default=os.environ.get("MEDIABOX_TEST_DB", "sqlite"),
        choices=["sqlite", "postgres"],
        help="database engine the suite runs against",
    )


def pytest_report_header(config):
    return f"mediabox database engine: {config.getoption('--db')}"


DATABASE_FIXTURES = frozenset({"database_url", "db_engine_name"})


def pytest_collection_modifyitems(config, items):
    """The PostgreSQL pass runs only the tests that reach the engine `--db` names.

    A test with neither `database_url` nor `db_engine_name` among its fixtures runs on its own
    SQLite file or on none, whatever `--db` says, so the PostgreSQL pass would repeat the SQLite
    pass's very run of it. Those are deselected there (counted as "deselected" in the summary).
    """
    if config.getoption("--db") != "postgres":
        return
    kept, dropped = [], []
    for item in items:
        uses_engine = DATABASE_FIXTURES.intersection(getattr(item, "fixturenames", ()))
        (kept if uses_engine else dropped).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


@pytest.fixture(scope="session")
def db_engine_name(request) -> str:
    return request.config.getoption("--db")


def _migrate(url: str, data_dir: Path) -> None:
    from mediabox.app import create_app
    from mediabox.infra.db import db, upgrade_database

    config = Config(
        data_dir=data_dir, database_url=url, jwt_secret="m" * 48, url_signing_key="s" * 48
    )
    app = create_app(config)
    upgrade_database(app)
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(scope="session")
def database_url(db_engine_name, tmp_path_factory) -> str:
    """A migrated database for this session; PostgreSQL gets its own database, dropped after."""
    data_dir = tmp_path_factory.mktemp("migrate")
    if db_engine_name == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"
        _migrate(url, data_dir)
        yield url
        return
    name = f"mediabox_test_{os.getpid()}_{secrets.token_hex(4)}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:
        pytest.exit(f"PostgreSQL is not reachable at {PG_ADMIN_URL}: {exc}", returncode=3)
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    try:
        _migrate(url, data_dir)
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


TABLES = [
    "shares",
    "asset_tags",
    "tags",
    "album_assets",
    "albums",
    "assets",
    "refresh_tokens",
    "auth_sessions",
    "users",
]


def clean_database(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("TRUNCATE " + ", ".join(TABLES) + " CASCADE"))
        else:
            for table in TABLES:
                conn.execute(text(f"DELETE FROM {table}"))  # noqa: S608 (fixed table names)
    engine.dispose()


@pytest.fixture
def fast_hasher() -> PasswordHasher:
    return PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1)


@pytest.fixture
def config(database_url, tmp_path) -> Config:
    return Config(
        data_dir=tmp_path / "data",
        database_url=database_url,
        jwt_secret=secrets.token_urlsafe(48),
        url_signing_key=secrets.token_urlsafe(48),
        allow_registration=True,
        run_consumer=False,
        isolate_decoding=False,  # decoding in child processes: tests/integration/processing
    )


@pytest.fixture
def make_app(database_url, fast_hasher):
    """Build apps on the session database; tables are emptied after the test."""
    from mediabox.app import create_app
    from mediabox.infra.db import db

    apps = []

    def factory(config: Config, **overrides):
        overrides.setdefault("hasher", fast_hasher)
        app = create_app(config, **overrides)
        app.config["TESTING"] = True
        apps.append(app)
        return app

    yield factory
    for app in apps:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
    clean_database(database_url)


@pytest.fixture
def app(make_app, config):
    return make_app(config)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def testdata() -> Path:
    if not (TESTDATA / "MANIFEST.tsv").is_file():
        pytest.fail(
            f"test media missing: expected {TESTDATA}/MANIFEST.tsv (the shared/ folder beside "
            "the repository)"
        )
    return TESTDATA
