"""The same 120-file upload from the browser into an S3 store (moto's standalone server), whose
CORS rule for the app's origin is written by `mediabox storage setup-cors` (issue 11).

A 40 MB file goes multipart straight to the bucket: the browser needs the parts' `ETag`,
which the rule exposes. Screenshot: `upload-s3-done`.
"""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

import boto3
import pytest
import requests

from tests.support.moto_server import ACCESS_KEY_ID, REGION, SECRET_ACCESS_KEY, moto_server

from .conftest import stop_server
from .upload_checks import assert_batch_settled, assert_library_holds, assert_timeline_shows
from .upload_fixtures import start_upload_host
from .upload_media import big_jpeg
from .upload_network import NetworkLog, asset_id_of_key
from .upload_support import wait_until_settled

pytestmark = pytest.mark.e2e

BUCKET = "mediabox-e2e-uploads"
MULTIPART_SIZE = 40 * 10**6  # above the default MULTIPART_THRESHOLD_BYTES (32 MiB): 5 parts
REFUSED_STATUS = r"the server responded with a status of (400|415)"


def preflight(endpoint: str, origin: str) -> requests.Response:
    """The CORS preflight a browser on `origin` sends before PUTting to the bucket."""
    return requests.options(
        f"{endpoint}/{BUCKET}/u/preflight.jpg",
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "PUT",
            "Access-Control-Request-Headers": "content-type",
        },
        timeout=30,
    )


@pytest.fixture(scope="module")
def s3_host():
    """A server on an S3 bucket of moto's server, the bucket's CORS rule set by the command."""
    with moto_server() as moto:
        s3 = boto3.client(
            "s3",
            endpoint_url=moto.endpoint_url,
            region_name=REGION,
            aws_access_key_id=ACCESS_KEY_ID,
            aws_secret_access_key=SECRET_ACCESS_KEY,
        )
        s3.create_bucket(Bucket=BUCKET)
        env = {
            "MEDIA_BUCKET": BUCKET,
            "S3_ENDPOINT_URL": moto.endpoint_url,
            "S3_REGION": REGION,
            "S3_ACCESS_KEY_ID": ACCESS_KEY_ID,
            "S3_SECRET_ACCESS_KEY": SECRET_ACCESS_KEY,
        }
        with tempfile.TemporaryDirectory(prefix="mediabox-e2e-s3-") as tmp:
            host = start_upload_host(Path(tmp), env)
            try:
                origin = host.server.base_url
                done = host.server.cli("storage", "setup-cors", "--origin", origin)
                assert origin in done.stdout, done.stdout
                rule = s3.get_bucket_cors(Bucket=BUCKET)["CORSRules"][0]
                assert rule["AllowedOrigins"] == [origin] and "PUT" in rule["AllowedMethods"]
                # moto allows every origin until a bucket has a rule; from now on the rule rules.
                assert preflight(moto.endpoint_url, origin).status_code == 200
                assert preflight(moto.endpoint_url, "http://elsewhere.example").status_code == 403
                yield host, s3
            finally:
                stop_server(host.server)


@pytest.mark.allow_console(REFUSED_STATUS)
def test_120_files_upload_from_the_browser_into_s3(s3_host, open_uploader, media_120, shot):
    host, s3 = s3_host
    uploader = open_uploader(host, "s3")
    page = uploader.page
    page.goto("/")
    page.get_by_test_id("upload-input").set_input_files(media_120.paths)
    assert_batch_settled(page, media_120)
    shot(page, "upload-s3-done")
    stored = assert_library_holds(uploader, media_120, check_bytes=False)

    me = uploader.api.get(f"{uploader.base_url}/api/v1/auth/me", timeout=30).json()
    in_bucket = {}
    pages = s3.get_paginator("list_objects_v2").paginate(Bucket=BUCKET, Prefix=f"u/{me['id']}/o/")
    for listing in pages:
        for item in listing.get("Contents", []):
            body = s3.get_object(Bucket=BUCKET, Key=item["Key"])["Body"].read()
            in_bucket[asset_id_of_key(item["Key"])] = hashlib.sha256(body).hexdigest()
    in_library = {asset_id: asset["sha256"] for asset_id, asset in stored.items()}
    assert in_bucket == in_library, "the bucket's originals differ from the library's assets"
    assert_timeline_shows(uploader, stored)


def test_a_multipart_file_goes_to_the_bucket_in_parts(s3_host, open_uploader, tmp_path):
    host, s3 = s3_host
    uploader = open_uploader(host, "s3-multipart")
    big = big_jpeg(tmp_path / "s3-40mb.jpg", MULTIPART_SIZE)
    page = uploader.page
    log = NetworkLog().attach(page)
    page.goto("/")
    page.get_by_test_id("upload-input").set_input_files(str(big.path))
    counts = wait_until_settled(page, 1, 120)
    assert counts["done"] == 1 and counts["failed"] == 0, counts
    parts = log.part_puts()
    assert {put.part for put in parts if put.status == 200} == set(range(1, 6)), parts
    assert all(put.url.startswith(s3.meta.endpoint_url) for put in parts), parts[0].url
    key = parts[0].key
    body = s3.get_object(Bucket=BUCKET, Key=key)["Body"].read()
    assert hashlib.sha256(body).hexdigest() == big.sha256
    asset = uploader.api.get(
        f"{uploader.base_url}/api/v1/assets/{asset_id_of_key(key)}", timeout=30
    ).json()
    assert asset["sha256"] == big.sha256 and asset["size_bytes"] == MULTIPART_SIZE, asset
