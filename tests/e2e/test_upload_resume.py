"""A 300 MB file goes multipart, the page (which warns before it is left) is reloaded half-way,
and re-selecting the file resumes it from the parts the server already holds (issue 11).

Screenshot: `upload-resume-banner` (after the reload, before the file is picked again).
"""

from __future__ import annotations

import time

import pytest

from mediabox.infra.blobstore.base import plan_parts

from .upload_media import big_jpeg
from .upload_network import NetworkLog, asset_id_of_key
from .upload_support import stored_original_sha256, wait_until_settled

pytestmark = pytest.mark.e2e

BIG_SIZE = 300 * 10**6
PARTS_BEFORE_RELOAD = 3


def asks_before_leaving(page) -> bool:
    """Whether the page's beforeunload handlers would ask the person to stay."""
    return page.evaluate(
        """() => { const event = new Event('beforeunload', { cancelable: true });
                   window.dispatchEvent(event); return event.defaultPrevented; }"""
    )


@pytest.fixture
def big_file(tmp_path):
    item = big_jpeg(tmp_path / "big-300mb.jpg", BIG_SIZE)
    yield item
    item.path.unlink(missing_ok=True)


def test_a_300mb_upload_resumes_after_a_reload_from_its_stored_parts(uploader, big_file, shot):
    page = uploader.page
    part_size, part_count = plan_parts(BIG_SIZE)
    assert part_count > PARTS_BEFORE_RELOAD * 3
    log = NetworkLog().attach(page)
    page.goto("/")
    page.get_by_test_id("upload-input").set_input_files(str(big_file.path))

    deadline = time.monotonic() + 120
    while len(log.stored_parts()) < PARTS_BEFORE_RELOAD:
        if time.monotonic() > deadline:
            pytest.fail(f"{PARTS_BEFORE_RELOAD} parts not stored in 120s: {log.puts[:10]}")
        page.wait_for_timeout(25)
    in_flight_at_reload = log.in_flight_parts
    assert asks_before_leaving(page), "no beforeunload warning while the upload runs"
    page.reload()
    first = list(log.puts)
    assert first and all(put.part is not None for put in first), "the file did not go multipart"
    asset_id = asset_id_of_key(first[0].key)

    banner = page.get_by_test_id("upload-resume-banner")
    banner.wait_for()
    assert big_file.name in banner.inner_text(), banner.inner_text()
    shot(page, "upload-resume-banner")
    stored_first = {put.part for put in first if put.status == 200}
    assert len(stored_first) < part_count, "the upload finished before the reload"
    assert log.puts == first, "bytes were sent before the file was picked again"
    page.get_by_test_id("upload-input").set_input_files(str(big_file.path))
    counts = wait_until_settled(page, 1, 240)
    assert counts["done"] == 1 and counts["failed"] == 0, counts
    assert banner.count() == 0 or not banner.is_visible(), "the banner stays after the resume"
    assert not asks_before_leaving(page), "a beforeunload warning with nothing left to send"

    assert log.calls("GET", f"/uploads/{asset_id}"), "the resume never listed the stored parts"
    second = log.puts[len(first) :]
    assert {put.key for put in second} == {first[0].key}, "the resume uploaded a new object"
    resent = sorted(put.part for put in second if put.part in stored_first)
    assert not resent, f"parts stored before the reload were sent again: {resent}"
    part_puts = len(first) + len(second)
    concurrency = max(log.max_in_flight_parts, 1)
    assert part_puts <= part_count + concurrency, (
        f"{part_puts} part PUTs for {part_count} parts (at most {concurrency} in flight; "
        f"{in_flight_at_reload} at the reload)"
    )
    # A part whose response the reload cut off may still be stored: the server's list decides.
    never_sent = set(range(1, part_count + 1)) - {put.part for put in log.puts}
    assert not never_sent, f"parts never sent: {sorted(never_sent)}"

    asset = uploader.api.get(f"{uploader.base_url}/api/v1/assets/{asset_id}", timeout=30).json()
    assert asset["size_bytes"] == BIG_SIZE and asset["sha256"] == big_file.sha256, asset
    assert stored_original_sha256(uploader.base_url, uploader.api, asset_id) == big_file.sha256
    print(
        f"\nresume: {part_count} parts of {part_size} bytes; {len(stored_first)} stored before "
        f"the reload, {in_flight_at_reload} in flight; {len(second)} part PUTs after it"
    )
