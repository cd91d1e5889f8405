"""`CORS_ORIGINS` takes exact origins only (issue 9, item 9)."""

from __future__ import annotations

import pytest

from mediabox.infra.config import Config, ConfigError
from mediabox.infra.cors_origins import validate_cors_origins

BAD = [
    "*",
    "https://*.example.net",
    "https://.*\\.example\\.net",
    "^https://photos.example.net$",
    "https://photos.example.net/",
    "https://photos.example.net/app",
    "photos.example.net",
    "ftp://photos.example.net",
    "https://user@photos.example.net",
    "https://photos.example.net:99999",
    "https://[::1]:8765",
    "https://photos.example.(net|org)",
    "HTTPS://Photos.Example.net",
]
GOOD = ["https://photos.example.net", "http://localhost:5173", "http://192.168.1.20:8765"]


@pytest.mark.parametrize("origin", BAD)
def test_wildcards_patterns_and_partial_urls_are_refused(origin, tmp_path):
    with pytest.raises(ConfigError, match="CORS_ORIGINS entry"):
        validate_cors_origins(["https://ok.example.net", origin])
    env = {"MEDIABOX_DATA_DIR": str(tmp_path), "CORS_ORIGINS": f"https://ok.example.net,{origin}"}
    with pytest.raises(ConfigError, match="scheme://host"):
        Config.from_env(env, dotenv_path=tmp_path / "none")


def test_exact_origins_are_accepted(tmp_path):
    assert validate_cors_origins(GOOD) == GOOD
    env = {"MEDIABOX_DATA_DIR": str(tmp_path), "CORS_ORIGINS": ",".join(GOOD)}
    assert Config.from_env(env, dotenv_path=tmp_path / "none").cors_origins == GOOD


def test_the_app_refuses_a_wildcard_config_too(make_app, config):
    with pytest.raises(ConfigError):
        make_app(config.with_overrides(cors_origins=["*"]))


def test_a_listed_origin_gets_credentials_and_others_nothing(make_app, config):
    app = make_app(config.with_overrides(cors_origins=["https://photos.example.net"]))
    client = app.test_client()
    ok = client.get("/api/v1/health", headers={"Origin": "https://photos.example.net"})
    assert ok.headers["Access-Control-Allow-Origin"] == "https://photos.example.net"
    evil = client.get("/api/v1/health", headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in evil.headers
