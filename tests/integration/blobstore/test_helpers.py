"""Pure helpers of the blob store layer and S3 signing compatibility."""

from __future__ import annotations

import botocore.auth
import pytest

from mediabox.domain.errors import ValidationFailed
from mediabox.infra.blobstore import content_disposition, plan_parts
from mediabox.infra.blobstore.base import MiB, stable_window
from tests.integration.blobstore.conftest import make_key


@pytest.mark.parametrize(
    ("size", "expected"),
    [
        (0, (8 * MiB, 1)),
        (1, (8 * MiB, 1)),
        (8 * MiB + 1, (8 * MiB, 2)),
        (10_000 * 8 * MiB, (8 * MiB, 10_000)),
        (10_000 * 8 * MiB + 1, (16 * MiB, 5001)),
        (10**12, (128 * MiB, 7451)),
    ],
)
def test_plan_parts(size, expected):
    assert plan_parts(size) == expected


def test_plan_parts_rejects_impossible_sizes():
    with pytest.raises(ValidationFailed):
        plan_parts(-1)
    with pytest.raises(ValidationFailed):
        plan_parts(6 * 1024 * 1024 * MiB)


def test_content_disposition():
    assert content_disposition(None, attachment=False) == "inline"
    assert content_disposition("a b.jpg", attachment=True) == 'attachment; filename="a b.jpg"'
    assert content_disposition('Crème "brûlée".jpg', attachment=False) == (
        "inline; filename=\"Creme 'brulee'.jpg\"; "
        "filename*=UTF-8''Cr%C3%A8me%20%22br%C3%BBl%C3%A9e%22.jpg"
    )
    assert content_disposition("фото.jpg", attachment=True).startswith(
        'attachment; filename="download.jpg"; filename*='
    )


def test_stable_s3_url_matches_botocore_signature(s3_store, clock, monkeypatch):
    key = make_key("t")
    ttl = 600
    window_start, expires_at = stable_window(clock(), ttl)
    monkeypatch.setattr(
        botocore.auth, "get_current_datetime", lambda: window_start.replace(tzinfo=None)
    )

    ours = s3_store.presign_get(
        key, ttl, filename="фото.jpg", content_type="image/jpeg", stable=True
    )
    reference = s3_store.client.generate_presigned_url(
        "get_object",
        Params={
            "Bucket": "mediabox-test",
            "Key": key,
            "ResponseContentDisposition": content_disposition("фото.jpg", attachment=False),
            "ResponseContentType": "image/jpeg",
        },
        ExpiresIn=int((expires_at - window_start).total_seconds()),
    )

    assert ours.url == reference
