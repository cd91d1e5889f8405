"""Every 10th single PUT and every 10th part answer 503 on every attempt, so the engine's own
retries cannot save those files and they end failed; once the store recovers, "retry all
failed" brings every file home (issue 11, "Tests").

Screenshots: `upload-panel-failed`, `upload-panel-retried`.
"""

from __future__ import annotations

import time

import pytest

from .upload_checks import assert_library_holds
from .upload_media import MediaSet, big_jpeg, generate_images
from .upload_network import describe_put
from .upload_support import panel_counts, rows_by_phase, wait_for_counts

pytestmark = pytest.mark.e2e

SMALL_FILES = 40
# Above the default MULTIPART_THRESHOLD_BYTES (32 MiB): four 8 MiB parts and a 4 KiB fifth.
MULTIPART_SIZE = 4 * 8 * 1024**2 + 4096
FAIL_EVERY = 10
# Parts 5, 15, 25… fail: here the small last part, whose every refused attempt Playwright
# intercepts with its body (an 8 MiB one would cost a second each on this machine).
FAILING_PART = 5


class FailingStore:
    """A `page.route` handler: the 1st, 11th, 21st… file sent in a single PUT, and parts 5, 15,
    25… of multipart files, answer 503 on every attempt while `failing` is set."""

    def __init__(self) -> None:
        self.failing = True
        self.order: dict[tuple[str, int | None], int] = {}
        self.seen = {"single": 0, "part": 0}
        self.refused: set[tuple[str, int | None]] = set()
        self.attempts = 0

    def __call__(self, route, request) -> None:
        put = describe_put(request.url) if request.method == "PUT" else None
        if put is None:
            route.fallback()
            return
        target = (put.key, put.part)
        if target not in self.order:
            kind = "single" if put.part is None else "part"
            self.order[target] = self.seen[kind]
            self.seen[kind] += 1
        if put.part is None:
            refuse = self.order[target] % FAIL_EVERY == 0
        else:
            refuse = put.part % FAIL_EVERY == FAILING_PART % FAIL_EVERY
        if self.failing and refuse:
            self.refused.add(target)
            self.attempts += 1
            route.fulfill(
                status=503,
                content_type="application/json",
                body='{"error": {"code": "unavailable", "message": "Try again later."}}',
            )
            return
        route.fallback()

    @property
    def failed_files(self) -> set[str]:
        return {key for key, _part in self.refused}


@pytest.fixture
def flaky_media(tmp_path) -> MediaSet:
    files = generate_images(tmp_path, SMALL_FILES, prefix="flaky")
    return MediaSet([*files, big_jpeg(tmp_path / "flaky-32mb.jpg", MULTIPART_SIZE)])


@pytest.mark.allow_console(r"the server responded with a status of 503")
def test_retry_all_failed_clears_the_files_a_failing_store_refused(uploader, flaky_media, shot):
    page = uploader.page
    store = FailingStore()
    page.route("**/api/v1/blobs/**", store)
    # The engine backs off for a minute or more before it gives a file up; once every other
    # file is done, the page's clock jumps ahead through those waits.
    page.clock.install()
    page.goto("/")
    page.get_by_test_id("upload-input").set_input_files(flaky_media.paths)
    total = len(flaky_media.files)
    deadline = time.monotonic() + 180
    while True:
        counts = panel_counts(page)
        settled = counts.get("total") == total and counts["done"] + counts["failed"] == total
        if settled and not counts["active"]:
            break
        if time.monotonic() > deadline:
            pytest.fail(f"files unsettled while the store fails: {counts}, {store.seen}")
        others_done = counts.get("done") == total - len(store.failed_files)
        if store.seen["single"] == SMALL_FILES and others_done:
            for _ in range(4):  # each jump lets every waiting retry go once
                page.clock.fast_forward(15_000)
                page.wait_for_timeout(60)
        else:
            page.wait_for_timeout(150)
    shot(page, "upload-panel-failed")
    expected_failed = len(store.failed_files)
    assert store.seen["single"] == SMALL_FILES, store.seen
    assert {part for _key, part in store.refused} == {None, FAILING_PART}, store.refused
    assert expected_failed == SMALL_FILES // FAIL_EVERY + 1, store.refused
    assert store.attempts > len(store.refused), "the engine never retried a refused PUT"
    assert counts["failed"] == expected_failed, (counts, sorted(store.failed_files))
    assert counts["done"] == total - expected_failed, counts
    failed_rows = rows_by_phase(page).get("failed", [])
    assert len(failed_rows) == expected_failed, failed_rows
    print(f"\nretry: {store.attempts} refused attempts at {len(store.refused)} PUT targets")

    store.failing = False
    page.get_by_test_id("upload-retry-all").click()
    counts = wait_for_counts(
        page,
        f"c.total === {total} && c.done === {total} && c.failed === 0 && !c.active",
        180,
        "every file done after retry all",
    )
    shot(page, "upload-panel-retried")
    assert counts["uploaded"] + counts["duplicates"] == counts["done"] == total, counts
    assert counts["duplicates"] == 0, counts
    assert_library_holds(uploader, flaky_media)
