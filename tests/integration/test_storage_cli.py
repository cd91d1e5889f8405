"""`mediabox storage …`, `mediabox uploads cleanup` and `mediabox trash purge` from the CLI."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import boto3
from click.testing import CliRunner

from mediabox.cli import main
from mediabox.container import container_of
from tests.api.test_uploads import fake_jpeg
from tests.fixtures.storage import API_BUCKET, insert_assets
from tests.support.moto_server import ACCESS_KEY_ID, REGION, SECRET_ACCESS_KEY


def _env(config, **extra) -> dict[str, str]:
    return {
        "MEDIABOX_DATA_DIR": str(config.data_dir),
        "DATABASE_URL": config.database_url,
        "JWT_SECRET": config.jwt_secret,
        **extra,
    }


def _s3_env(config, endpoint: str, bucket: str = API_BUCKET) -> dict[str, str]:
    return _env(
        config,
        MEDIA_BUCKET=bucket,
        S3_ENDPOINT_URL=endpoint,
        S3_REGION=REGION,
        S3_ACCESS_KEY_ID=ACCESS_KEY_ID,
        S3_SECRET_ACCESS_KEY=SECRET_ACCESS_KEY,
    )


def test_setup_cors_writes_the_rule(config, s3_api_server, make_app):
    env = _s3_env(config, s3_api_server)
    result = CliRunner().invoke(
        main, ["storage", "setup-cors", "--origin", "https://photos.example.com"], env=env
    )
    assert result.exit_code == 0, result.output
    client = boto3.client(
        "s3",
        endpoint_url=s3_api_server,
        region_name=REGION,
        aws_access_key_id=ACCESS_KEY_ID,
        aws_secret_access_key=SECRET_ACCESS_KEY,
    )
    rules = client.get_bucket_cors(Bucket=API_BUCKET)["CORSRules"]
    assert rules[0]["AllowedOrigins"] == ["https://photos.example.com"]
    assert set(rules[0]["AllowedMethods"]) == {"PUT", "GET", "HEAD"}
    assert "ETag" in rules[0]["ExposeHeaders"]


def test_setup_cors_needs_an_origin_and_s3(config, s3_api_server):
    result = CliRunner().invoke(main, ["storage", "setup-cors"], env=_s3_env(config, s3_api_server))
    assert result.exit_code != 0 and "origin" in result.output.lower()
    local = CliRunner().invoke(main, ["storage", "check"], env=_env(config, MEDIA_BUCKET=""))
    assert local.exit_code != 0 and "MEDIA_BUCKET" in local.output


def test_check_reports_a_reachable_and_a_missing_bucket(config, s3_api_server):
    ok = CliRunner().invoke(main, ["storage", "check"], env=_s3_env(config, s3_api_server))
    assert ok.exit_code == 0, ok.output
    missing = CliRunner().invoke(
        main, ["storage", "check"], env=_s3_env(config, s3_api_server, bucket="no-such-bucket")
    )
    assert missing.exit_code != 0 and "does not exist" in missing.output


def test_uploads_cleanup_and_trash_purge_commands(local_library, config):
    app = local_library.app
    created = local_library.create(fake_jpeg(2048)).json
    assert local_library.put_single(created["upload"], fake_jpeg(2048)) == 200
    owner = local_library.account.user["id"]
    insert_assets(app, owner, 2, deleted_at=datetime.now(UTC) - timedelta(days=40))
    container = container_of(app)
    with app.app_context():
        assert container.upload_cleanup.cleanup_stale() == 0
        assert container.upload_cleanup.cleanup_stale(datetime.now(UTC) + timedelta(hours=25)) == 1
    env = _env(config, MEDIA_BUCKET="")
    purged = CliRunner().invoke(main, ["trash", "purge"], env=env)
    assert purged.exit_code == 0 and "purged 2" in purged.output, purged.output
    cleaned = CliRunner().invoke(main, ["uploads", "cleanup"], env=env)
    assert cleaned.exit_code == 0 and "removed 0" in cleaned.output, cleaned.output
    assert local_library.api("GET", f"/uploads/{created['asset_id']}").status_code == 404
