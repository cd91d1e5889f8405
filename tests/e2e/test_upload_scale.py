"""1,000 small files selected at once: while the app hashes, lists and uploads them the page
has no long task over 200 ms and its JS heap stays under 300 MB (issue 11, "Tests"); both
figures are printed. The window starts when the app's picker gets the files (its change
event); Chromium's own making of the File objects comes first and is printed beside them.

Screenshots: `upload-1000-listing`, `upload-1000-done`.
"""

from __future__ import annotations

import time

import pytest

from .upload_media import generate_images
from .upload_support import panel_counts, stage_files

pytestmark = pytest.mark.e2e

FILES = 1000
MAX_TASK_MS = 200
MAX_HEAP_MB = 300
MAX_ROWS = 100  # the panel's list is virtualised
TIMEOUT = 240
LONG_TASKS = """
  window.__e2eLongTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      window.__e2eLongTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
"""


def long_tasks(page) -> list[dict]:
    """The long tasks that started since `window.__e2eFrom`."""
    return page.evaluate("() => window.__e2eLongTasks.filter((t) => t.start >= window.__e2eFrom)")


def heap_mb(cdp) -> float:
    metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    return metrics["JSHeapUsedSize"] / 2**20


def test_1000_files_at_once_keep_the_page_responsive(uploader, tmp_path, shot, capsys):
    files = generate_images(tmp_path, FILES, prefix="many", size=(24, 16))
    page = uploader.page
    page.add_init_script(LONG_TASKS)
    page.goto("/")
    page.get_by_test_id("upload-input").wait_for(state="attached")
    cdp = page.context.new_cdp_session(page)
    cdp.send("Performance.enable")
    heap_before = heap_mb(cdp)
    # Chromium makes the 1,000 File objects (on the first read of `.files`) in a hidden input
    # first, outside the measured window; its longest task there is printed. The app then gets
    # the same FileList through its picker's change event, in a later task.
    page.evaluate("() => { window.__e2eFrom = performance.now(); }")
    staged = stage_files(page, [str(item.path) for item in files])
    page.wait_for_timeout(300)
    browser_ms = max((t["duration"] for t in long_tasks(page)), default=0.0)
    page.evaluate("() => { window.__e2eFrom = performance.now(); }")
    started = time.monotonic()
    page.evaluate(
        """(staged) => {
             const input = document.querySelector('[data-testid=upload-input]');
             input.files = document.querySelector(staged).files;
             document.querySelector(staged).remove();
             input.dispatchEvent(new Event('change', { bubbles: true }));
           }""",
        staged,
    )

    peak, shot_taken, counts = heap_before, False, {}
    while time.monotonic() - started < TIMEOUT:
        page.wait_for_timeout(250)
        peak = max(peak, heap_mb(cdp))
        counts = panel_counts(page)
        if not shot_taken and counts.get("total") == FILES:
            shot(page, "upload-1000-listing")
            shot_taken = True
            rows = page.locator("[data-testid=upload-row]").count()
            assert 0 < rows <= MAX_ROWS, f"{rows} upload rows in the DOM for {FILES} files"
        settled = counts.get("total") == FILES and counts["done"] + counts["failed"] == FILES
        if settled and not counts["active"]:
            break
    else:
        pytest.fail(f"1,000 files not settled in {TIMEOUT}s: {counts}")
    elapsed = time.monotonic() - started
    shot(page, "upload-1000-done")
    tasks = long_tasks(page)
    longest = max((task["duration"] for task in tasks), default=0.0)
    with capsys.disabled():
        print(
            f"\n1,000 files: settled in {elapsed:.1f} s; {len(tasks)} long tasks (>50 ms), "
            f"longest {longest:.0f} ms (Chromium making the 1,000 File objects before: "
            f"{browser_ms:.0f} ms); JS heap {heap_before:.1f} MB before, "
            f"peak {peak:.1f} MB (CDP JSHeapUsedSize, sampled every 250 ms)"
        )
    assert counts["done"] == FILES and counts["failed"] == 0, counts
    assert longest <= MAX_TASK_MS, (
        f"a long task of {longest:.0f} ms: {sorted(tasks, key=lambda t: -t['duration'])[:5]}"
    )
    assert peak < MAX_HEAP_MB, f"JS heap peaked at {peak:.1f} MB"
