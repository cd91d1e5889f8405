""" "Cancel all" while files are on their way: every file ends cancelled, nothing more is sent,
and each upload the server had begun is aborted (`DELETE /uploads/{id}`) (issue 11's panel).

Screenshot: `upload-panel-cancelled`.
"""

from __future__ import annotations

import contextlib
import time

import pytest

from .upload_media import generate_images
from .upload_network import NetworkLog
from .upload_support import all_assets, rows_by_phase, wait_for_counts

pytestmark = pytest.mark.e2e

FILES = 30


class HeldPuts:
    """A `page.route` handler that keeps every blob PUT waiting (the store never answers)."""

    def __init__(self) -> None:
        self.held = []

    def __call__(self, route, request) -> None:
        if request.method != "PUT":
            route.fallback()
            return
        self.held.append(route)

    def release(self) -> None:
        for route in self.held:
            # A request the page aborted first has nothing left to release.
            with contextlib.suppress(Exception):
                route.abort()


def test_cancel_all_stops_every_file_and_aborts_the_begun_uploads(uploader, tmp_path, shot):
    files = generate_images(tmp_path, FILES, prefix="cancel")
    page = uploader.page
    held = HeldPuts()
    page.route("**/api/v1/blobs/**", held)
    log = NetworkLog().attach(page)
    page.goto("/")
    page.get_by_test_id("upload-input").set_input_files([str(item.path) for item in files])
    deadline = time.monotonic() + 60
    while not held.held:
        if time.monotonic() > deadline:
            pytest.fail("no PUT started in 60 s")
        page.wait_for_timeout(50)
    try:
        page.get_by_test_id("upload-cancel-all").click()
        counts = wait_for_counts(page, f"c.total === {FILES} && !c.active", 60, "all cancelled")
        shot(page, "upload-panel-cancelled")
        puts_at_cancel = len(log.all_puts)
        page.wait_for_timeout(1500)
        assert len(log.all_puts) == puts_at_cancel, "PUTs went out after cancel all"
    finally:
        held.release()
    assert counts["done"] == 0 and counts["failed"] == 0, counts
    phases = rows_by_phase(page)
    assert len(phases.get("cancelled", [])) == FILES, {k: len(v) for k, v in phases.items()}
    created = log.calls("POST", "/uploads/create")
    aborted = [path for path in log.calls("DELETE", "/uploads/") if path.count("/") == 4]
    assert created, "no upload was created before the cancel"
    assert len(aborted) == len(created), f"{len(created)} uploads begun, {len(aborted)} aborted"
    assert all_assets(uploader.base_url, uploader.api) == []
