"""Configuration from the environment (and an optional .env file), read only when asked."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field, replace
from pathlib import Path

from dotenv import dotenv_values
from platformdirs import user_data_dir

WEAK_SECRETS = {"", "secret", "changeme", "change-me", "dev", "development", "jwt-secret", "test"}
MIN_SECRET_LENGTH = 32


class ConfigError(Exception):
    """The configuration is unusable; the message says why."""


def _bool(value: str | None, default: bool) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _int(env: dict[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ConfigError(f"{name} must be an integer, got {raw!r}") from exc


def _list(value: str | None) -> list[str]:
    return [item.strip() for item in (value or "").split(",") if item.strip()]


@dataclass(frozen=True)
class Config:
    """Everything the app needs to wire itself; built by `Config.from_env()` or by tests."""

    data_dir: Path
    app_env: str = "dev"
    database_url: str = ""
    jwt_secret: str = ""
    url_signing_key: str = ""
    jwt_access_ttl_seconds: int = 900
    jwt_refresh_ttl_seconds: int = 30 * 24 * 3600
    cookie_secure: bool = False
    allow_registration: bool = False
    cors_origins: list[str] = field(default_factory=list)
    redis_url: str = ""
    s3_endpoint_url: str = ""
    s3_region: str = "us-east-1"
    s3_access_key_id: str = ""
    s3_secret_access_key: str = ""
    media_bucket: str = ""
    signed_url_ttl_seconds: int = 600
    max_upload_size_bytes: int = 50 * 1024**3
    multipart_threshold_bytes: int = 32 * 1024**2
    upload_expiry_hours: int = 24
    trash_retention_days: int = 30
    max_json_body_bytes: int = 1024 * 1024
    login_rate_limit: str = "10 per minute"
    login_account_rate_limit: str = "5 per minute"
    share_password_rate_limit: str = "5 per minute"
    rate_limit_key_prefix: str = "mediabox"
    trusted_proxy_hops: int = 0
    public_base_url: str = ""
    public_share_url: str = ""
    worker_threads: int = 0
    run_consumer: bool = True
    processing_lease_seconds: int = 900
    queue_name: str = "mediabox"
    static_dir: Path | None = None

    @property
    def is_prod(self) -> bool:
        return self.app_env.lower() in {"prod", "production"}

    @property
    def use_s3(self) -> bool:
        return bool(self.media_bucket)

    @property
    def blob_root(self) -> Path:
        return self.data_dir / "blobs"

    def with_overrides(self, **changes) -> Config:
        return replace(self, **changes)

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, *, dotenv_path: Path | None = None):
        """Read the environment (plus `.env` in the working directory) and load/create secrets."""
        env: dict[str, str] = {}
        path = dotenv_path or Path.cwd() / ".env"
        if path.is_file():
            env.update({k: v for k, v in dotenv_values(path).items() if v is not None})
        env.update(os.environ if environ is None else environ)

        data_dir = Path(env.get("MEDIABOX_DATA_DIR") or user_data_dir("mediabox", "mediabox"))
        data_dir = data_dir.expanduser().resolve()
        app_env = env.get("APP_ENV", "dev")
        jwt_secret = env.get("JWT_SECRET", "")
        weak = jwt_secret.lower() in WEAK_SECRETS or len(jwt_secret) < MIN_SECRET_LENGTH
        if "JWT_SECRET" in env and app_env.lower() in {"prod", "production"} and weak:
            raise ConfigError(
                f"JWT_SECRET is too weak for APP_ENV={app_env}: "
                f"use at least {MIN_SECRET_LENGTH} random characters, or unset it so a "
                "secret is generated in the data directory"
            )
        config = cls(
            data_dir=data_dir,
            app_env=app_env,
            database_url=env.get("DATABASE_URL", ""),
            jwt_secret=jwt_secret,
            jwt_access_ttl_seconds=_int(env, "JWT_ACCESS_TTL_SECONDS", 900),
            jwt_refresh_ttl_seconds=_int(env, "JWT_REFRESH_TTL_SECONDS", 30 * 24 * 3600),
            cookie_secure=_bool(env.get("COOKIE_SECURE"), False),
            allow_registration=_bool(env.get("ALLOW_REGISTRATION"), False),
            cors_origins=_list(env.get("CORS_ORIGINS")),
            redis_url=env.get("REDIS_URL", ""),
            s3_endpoint_url=env.get("S3_ENDPOINT_URL", ""),
            s3_region=env.get("S3_REGION", "us-east-1"),
            s3_access_key_id=env.get("S3_ACCESS_KEY_ID", ""),
            s3_secret_access_key=env.get("S3_SECRET_ACCESS_KEY", ""),
            media_bucket=env.get("MEDIA_BUCKET", ""),
            signed_url_ttl_seconds=_int(env, "SIGNED_URL_TTL_SECONDS", 600),
            max_upload_size_bytes=_int(env, "MAX_UPLOAD_SIZE_BYTES", 50 * 1024**3),
            multipart_threshold_bytes=_int(env, "MULTIPART_THRESHOLD_BYTES", 32 * 1024**2),
            upload_expiry_hours=_int(env, "UPLOAD_EXPIRY_HOURS", 24),
            trash_retention_days=_int(env, "TRASH_RETENTION_DAYS", 30),
            login_rate_limit=env.get("LOGIN_RATE_LIMIT", "10 per minute"),
            login_account_rate_limit=env.get("LOGIN_ACCOUNT_RATE_LIMIT", "5 per minute"),
            share_password_rate_limit=env.get("SHARE_PASSWORD_RATE_LIMIT", "5 per minute"),
            public_base_url=env.get("PUBLIC_BASE_URL", "").rstrip("/"),
            public_share_url=env.get("PUBLIC_SHARE_URL", "").rstrip("/"),
            worker_threads=_int(env, "WORKER_THREADS", 0),
            trusted_proxy_hops=_int(env, "TRUSTED_PROXY_HOPS", 0),
            processing_lease_seconds=_int(env, "PROCESSING_LEASE_SECONDS", 900),
            queue_name=env.get("QUEUE_NAME", "") or "mediabox",
            static_dir=Path(env["MEDIABOX_STATIC_DIR"]) if env.get("MEDIABOX_STATIC_DIR") else None,
        )
        return config.with_secrets()

    def with_secrets(self) -> Config:
        """Fill missing secrets from `<data_dir>/secrets/`, generating them on first run."""
        jwt_secret = self.jwt_secret or load_or_create_secret(self.data_dir, "jwt_secret")
        signing = self.url_signing_key or load_or_create_secret(self.data_dir, "url_signing_key")
        database_url = self.database_url or f"sqlite:///{self.data_dir / 'mediabox.sqlite3'}"
        return replace(
            self, jwt_secret=jwt_secret, url_signing_key=signing, database_url=database_url
        )


def load_or_create_secret(data_dir: Path, name: str) -> str:
    """Return the secret stored in the data dir, creating it (mode 0600) when absent."""
    folder = data_dir / "secrets"
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    path = folder / name
    if path.exists():
        value = path.read_text().strip()
        if len(value) >= MIN_SECRET_LENGTH:
            return value
    value = secrets.token_urlsafe(48)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        existing = path.read_text().strip()
        if len(existing) >= MIN_SECRET_LENGTH:
            return existing
        fd = os.open(path, os.O_WRONLY | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(value)
    os.chmod(path, 0o600)
    return value
