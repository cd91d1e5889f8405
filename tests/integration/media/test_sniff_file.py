"""sniff_file: the one head-sniff of a file on disk, shared by the photo and video codecs."""

from __future__ import annotations

import pytest

from mediabox.infra.media import MediaError
from mediabox.infra.media.sniff import sniff_file
from tests.integration.processing.helpers import small_jpeg

KW = {"unsupported": "not supported", "mismatch": "wrong kind"}


def test_a_supported_file_of_the_expected_kind_is_identified(tmp_path):
    photo = tmp_path / "a.jpg"
    photo.write_bytes(small_jpeg(1))
    result = sniff_file(photo, "photo", **KW)
    assert (result.kind, result.mime) == ("photo", "image/jpeg")


@pytest.mark.parametrize(
    ("content", "expect", "reason"),
    [
        (b"", "photo", "file is empty"),
        (b"plain text, nothing else\n" * 4, "photo", "not supported"),
        (None, "video", "wrong kind"),
    ],
)
def test_anything_else_is_a_media_error_with_a_reason(tmp_path, content, expect, reason):
    path = tmp_path / "f.bin"
    path.write_bytes(small_jpeg(2) if content is None else content)
    with pytest.raises(MediaError) as failure:
        sniff_file(path, expect, **KW)
    assert failure.value.reason == reason


def test_an_unreadable_path_is_a_media_error(tmp_path):
    with pytest.raises(MediaError) as failure:
        sniff_file(tmp_path / "missing.jpg", "photo", **KW)
    assert failure.value.reason.startswith("cannot read file")
