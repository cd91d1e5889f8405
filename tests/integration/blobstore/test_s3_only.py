"""S3-only behaviour: CORS set-up, health check, error mapping, addressing."""

from __future__ import annotations

import pytest

from mediabox.domain.errors import StorageUnavailable
from mediabox.infra.blobstore import S3BlobStore
from tests.integration.blobstore.conftest import make_key
from tests.support.moto_server import ACCESS_KEY_ID, REGION, SECRET_ACCESS_KEY


def _store(endpoint_url: str, bucket: str) -> S3BlobStore:
    return S3BlobStore(
        bucket,
        region=REGION,
        endpoint_url=endpoint_url,
        access_key_id=ACCESS_KEY_ID,
        secret_access_key=SECRET_ACCESS_KEY,
    )


def test_configure_cors(s3_store, s3_bucket):
    s3_store.configure_cors(["https://photos.example.org"])

    rules = s3_store.client.get_bucket_cors(Bucket=s3_bucket)["CORSRules"]
    assert rules[0]["AllowedOrigins"] == ["https://photos.example.org"]
    assert sorted(rules[0]["AllowedMethods"]) == ["GET", "HEAD", "PUT"]
    assert rules[0]["ExposeHeaders"] == ["ETag"]


def test_check_passes_for_a_reachable_bucket(s3_store):
    s3_store.check()


def test_check_reports_a_missing_bucket(moto_endpoint):
    with pytest.raises(StorageUnavailable, match="does not exist"):
        _store(moto_endpoint, "no-such-bucket").check()


def test_unreachable_endpoint_is_storage_unavailable():
    store = _store("http://127.0.0.1:9", "mediabox-test")

    with pytest.raises(StorageUnavailable, match="unreachable"):
        store.check()
    with pytest.raises(StorageUnavailable):
        store.head(make_key())


def test_urls_use_path_style_with_an_endpoint(s3_store, moto_endpoint, s3_bucket):
    key = make_key()

    url = s3_store.presign_get(key, 60).url

    assert url.startswith(f"{moto_endpoint}/{s3_bucket}/{key}?")
    assert "X-Amz-Signature=" in url
