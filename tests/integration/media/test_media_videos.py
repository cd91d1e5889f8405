"""Video processing against the shared manifest and generated broken inputs."""

from __future__ import annotations

import pytest
from PIL import Image, ImageChops, ImageStat

from mediabox.infra.media.errors import MediaError
from mediabox.infra.media.video import process_video
from tests.manifest import MEDIA_DIR, assert_jpeg_fits, expected_captured


@pytest.fixture
def video_outputs(outputs, tmp_path):
    return {**outputs, "poster_path": tmp_path / "poster.jpg"}


def test_manifest_video(ok_video, video_outputs):
    meta = process_video(MEDIA_DIR / ok_video["path"], **video_outputs)
    display = int(ok_video["display_width"]), int(ok_video["display_height"])
    assert (meta.width, meta.height) == display
    assert abs(meta.duration_ms - float(ok_video["duration_s"]) * 1000) <= 100
    assert meta.rotation == int(ok_video["rotation"] or 0)
    assert meta.captured_at == expected_captured(ok_video)[0]
    assert meta.make == (ok_video["make"] or None)
    assert meta.model == (ok_video["model"] or None)
    if ok_video["gps_lat"]:
        assert meta.gps_lat == pytest.approx(float(ok_video["gps_lat"]), abs=1e-4)
        assert meta.gps_lon == pytest.approx(float(ok_video["gps_lon"]), abs=1e-4)
    assert_jpeg_fits(video_outputs["poster_path"], display, 1600)
    assert_jpeg_fits(video_outputs["preview_path"], display, 1600)
    assert_jpeg_fits(video_outputs["thumb_path"], display, 400)


def test_rotated_poster_matches_rotated_frame(video_outputs):
    import cv2

    path = MEDIA_DIR / "video" / "with-gps.mov"
    meta = process_video(path, **video_outputs)
    assert meta.captured_offset_minutes == 180
    cap = cv2.VideoCapture(str(path))
    cap.set(cv2.CAP_PROP_ORIENTATION_AUTO, 0)
    cap.set(cv2.CAP_PROP_POS_MSEC, 1000)
    ok, frame = cap.read()
    cap.release()
    assert ok and frame.shape[:2] == (320, 568)
    stored = Image.fromarray(cv2.cvtColor(frame, cv2.COLOR_BGR2RGB)).convert("L")
    poster = Image.open(video_outputs["poster_path"]).convert("L")
    right = stored.transpose(Image.Transpose.ROTATE_270).resize(poster.size)
    wrong = stored.transpose(Image.Transpose.ROTATE_90).resize(poster.size)
    diff_right = ImageStat.Stat(ImageChops.difference(poster, right)).mean[0]
    diff_wrong = ImageStat.Stat(ImageChops.difference(poster, wrong)).mean[0]
    assert diff_right < 10 < diff_wrong


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("empty.mp4", b""),
        ("junk.mp4", b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2" + b"\x17" * 5000),
        ("text.mov", b"this is not a video at all\n" * 20),
    ],
)
def test_broken_video_fails_with_reason(tmp_path, video_outputs, name, content):
    src = tmp_path / name
    src.write_bytes(content)
    with pytest.raises(MediaError) as err:
        process_video(src, **video_outputs)
    assert err.value.reason
