"""Weak secrets are refused beyond loopback; `.env` comes from the data dir (issue 9, item 7)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from mediabox.cli import main
from mediabox.infra.config import Config, ConfigError
from mediabox.infra.listen_policy import check_listen_secrets, is_loopback_host


@pytest.fixture
def env(monkeypatch, tmp_path, database_url):
    monkeypatch.setenv("MEDIABOX_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.delenv("APP_ENV", raising=False)
    monkeypatch.delenv("JWT_SECRET", raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "photos.lan"])
def test_serve_beyond_loopback_refuses_a_weak_secret_in_dev(env, monkeypatch, host):
    monkeypatch.setenv("JWT_SECRET", "secret")
    result = CliRunner().invoke(main, ["serve", "--host", host, "--port", "9"])
    assert result.exit_code != 0
    assert "JWT_SECRET is too weak" in result.output


def test_loopback_and_generated_secrets_are_fine():
    weak = Config(data_dir=Path("/nonexistent"), jwt_secret="changeme")
    for host in ("127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.2"):
        assert is_loopback_host(host)
        check_listen_secrets(weak, host)
    with pytest.raises(ConfigError):
        check_listen_secrets(weak, "0.0.0.0")
    check_listen_secrets(weak.with_overrides(jwt_secret="x" * 48), "0.0.0.0")


def test_dotenv_is_read_from_the_data_dir_not_the_working_dir(env, monkeypatch):
    (env / ".env").write_text("SIGNED_URL_TTL_SECONDS=11\n")
    assert Config.from_env().signed_url_ttl_seconds == 600, "the working dir's .env is ignored"
    data = env / "data"
    data.mkdir(exist_ok=True)
    (data / ".env").write_text("SIGNED_URL_TTL_SECONDS=22\n")
    assert Config.from_env().signed_url_ttl_seconds == 22
    monkeypatch.setenv("SIGNED_URL_TTL_SECONDS", "33")
    assert Config.from_env().signed_url_ttl_seconds == 33, "the environment wins"
