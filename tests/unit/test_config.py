"""Configuration: environment, .env, data dir, generated secrets and the prod guard."""

from __future__ import annotations

import stat

import pytest

from mediabox.infra.config import Config, ConfigError


def test_secrets_are_generated_once_with_owner_only_permissions(tmp_path):
    env = {"MEDIABOX_DATA_DIR": str(tmp_path / "d")}
    first = Config.from_env(env, dotenv_path=tmp_path / "none")
    second = Config.from_env(env, dotenv_path=tmp_path / "none")
    assert len(first.jwt_secret) >= 32 and first.jwt_secret == second.jwt_secret
    assert first.url_signing_key != first.jwt_secret
    secret_file = tmp_path / "d" / "secrets" / "jwt_secret"
    assert stat.S_IMODE(secret_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(secret_file.parent.stat().st_mode) == 0o700
    assert first.database_url == f"sqlite:///{tmp_path / 'd' / 'mediabox.sqlite3'}"


def test_env_and_dotenv(tmp_path):
    dotenv = tmp_path / ".env"
    dotenv.write_text(
        "CORS_ORIGINS=https://a.example, https://b.example\nALLOW_REGISTRATION=1\n"
        "SIGNED_URL_TTL_SECONDS=120\n"
    )
    config = Config.from_env(
        {"MEDIABOX_DATA_DIR": str(tmp_path), "SIGNED_URL_TTL_SECONDS": "60"}, dotenv_path=dotenv
    )
    assert config.cors_origins == ["https://a.example", "https://b.example"]
    assert config.allow_registration is True
    assert config.signed_url_ttl_seconds == 60


def test_bad_integer_is_a_clear_error(tmp_path):
    with pytest.raises(ConfigError, match="MAX_UPLOAD_SIZE_BYTES"):
        Config.from_env(
            {"MEDIABOX_DATA_DIR": str(tmp_path), "MAX_UPLOAD_SIZE_BYTES": "lots"},
            dotenv_path=tmp_path / "none",
        )


@pytest.mark.parametrize("secret", ["", "secret", "short-but-not-weak"])
def test_prod_refuses_a_weak_jwt_secret(tmp_path, secret):
    with pytest.raises(ConfigError, match="JWT_SECRET"):
        Config.from_env(
            {"MEDIABOX_DATA_DIR": str(tmp_path), "APP_ENV": "prod", "JWT_SECRET": secret},
            dotenv_path=tmp_path / "none",
        )


def test_prod_accepts_a_strong_secret_or_a_generated_one(tmp_path):
    strong = "k" * 20 + "Zq8#x" * 4
    config = Config.from_env(
        {"MEDIABOX_DATA_DIR": str(tmp_path), "APP_ENV": "prod", "JWT_SECRET": strong},
        dotenv_path=tmp_path / "none",
    )
    assert config.jwt_secret == strong
    generated = Config.from_env(
        {"MEDIABOX_DATA_DIR": str(tmp_path), "APP_ENV": "prod"}, dotenv_path=tmp_path / "none"
    )
    assert len(generated.jwt_secret) >= 32


def test_importing_the_package_does_no_work(tmp_path):
    import subprocess
    import sys

    code = (
        "import os, sys; os.environ['MEDIABOX_DATA_DIR']=sys.argv[1];"
        "import mediabox.app, mediabox.api.auth, mediabox.cli, mediabox.container;"
        "print(os.path.exists(sys.argv[1]))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "untouched")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "False"
