"""The browser half of `bench_browser_upload` (issue 11), driven through Playwright in Debian's
Chromium.

`measure(base_url, email, password, paths, until_processed=...)` signs in, opens the timeline,
sets every file on `[data-testid=upload-input]`, waits until `[data-testid=upload-panel]` has
`data-done` equal to the number of files, then calls `until_processed()` (the caller polls the
API until every thumbnail exists) and returns:
- `uploaded_s`: files set → the panel says all done; `total_s`: → every thumbnail exists;
- `hash_workers`: per Web Worker, from the page's `mediabox:hash` performance measures
  (`detail: {worker, bytes}`): files, MB and busy seconds; `hash_span_s`: first hash start →
  last hash end;
- `heap_peak_mb` (sampled `performance.memory.usedJSHeapSize`), `long_tasks_over_200ms`,
  `longest_task_ms` (PerformanceObserver "longtask");
- `requests`: the page's requests by kind (API path without ids, blob GET/PUT, static);
- `chromium_cpu_uploaded` / `chromium_cpu_total`: CPU seconds of Chromium's processes by kind
  (browser, renderer, NetworkService, ...) from the files set until all done / all thumbnails.
The page at the end is saved as `.build/shots/bench-upload-done.png`.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from _chromium import (  # noqa: F401  (CHROMIUM: printed by the bench)
    CHROMIUM,
    LONG_TASKS,
    chromium_cpu_s,
    cpu_since,
    launch,
    signed_in_context,
)

SHOT = Path(__file__).resolve().parents[2] / ".build" / "shots" / "bench-upload-no-picker.png"


PANEL_STATE = """
() => {
  const panel = document.querySelector('[data-testid=upload-panel]');
  const heap = performance.memory ? performance.memory.usedJSHeapSize : 0;
  if (!panel) return { heap };
  const n = (name) => Number(panel.getAttribute(name) || 0);
  return { done: n('data-done'), failed: n('data-failed'), total: n('data-total'), heap };
}
"""

HASH_MEASURES = """
() => performance.getEntriesByType('measure')
  .filter((e) => e.name === 'mediabox:hash')
  .map((e) => ({ start: e.startTime, duration: e.duration, detail: e.detail }))
"""


def _request_kind(method: str, url: str) -> str:
    """A request of the page, by what it is for (the API's path without ids, or the blobs)."""
    path = urlsplit(url).path
    if not path.startswith("/api/v1/"):
        return "static"
    if path.startswith("/api/v1/blobs/"):
        return f"blob {method}"
    parts = [p for p in path[len("/api/v1/") :].split("/") if p]
    named = [p if not any(ch.isdigit() for ch in p) or p == "check" else "{x}" for p in parts]
    return f"{method} /{'/'.join(named)}"


def _hash_figures(entries: list[dict]) -> tuple[dict, float]:
    workers: dict[str, dict] = {}
    for entry in entries:
        detail = entry.get("detail") or {}
        stats = workers.setdefault(str(detail.get("worker", "?")), {"files": 0, "mb": 0.0,
                                                                    "busy_s": 0.0})  # fmt: skip
        stats["files"] += 1
        stats["mb"] += float(detail.get("bytes", 0)) / 1e6
        stats["busy_s"] += entry["duration"] / 1000
    if not entries:
        return workers, 0.0
    first = min(e["start"] for e in entries)
    last = max(e["start"] + e["duration"] for e in entries)
    return workers, (last - first) / 1000


def _wait_panel_done(page, count: int, check_alive, timeout: float) -> float:
    """Poll the panel until `data-done` reaches `count`; returns the peak JS heap in MB."""
    deadline = time.monotonic() + timeout
    heap_peak, last_print, state = 0, 0.0, {}
    while time.monotonic() < deadline:
        check_alive()
        state = page.evaluate(PANEL_STATE)
        heap_peak = max(heap_peak, state.get("heap", 0))
        done, failed = state.get("done", 0), state.get("failed", 0)
        if time.monotonic() - last_print > 10:
            print(f"  panel: {done}/{count} done, {failed} failed", file=sys.stderr)
            last_print = time.monotonic()
        if done >= count:
            return heap_peak / 1e6
        if failed and done + failed >= count:
            raise SystemExit(f"the upload panel reports failures: {state}")
        time.sleep(0.25)
    raise SystemExit(f"the panel did not reach {count} done within {timeout:.0f} s: {state}")


def measure(
    base_url: str,
    email: str,
    password: str,
    paths: list[Path],
    *,
    until_processed: Callable[[], object],
    check_alive: Callable[[], None] = lambda: None,
    timeout: float = 3600,
) -> dict:
    """Upload `paths` through the web app and time it (see the module docstring)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            context = signed_in_context(browser, base_url, email, password)
            page = context.new_page()
            page.add_init_script(LONG_TASKS)
            requests = Counter()
            page.on("request", lambda r: requests.update([_request_kind(r.method, r.url)]))
            page.goto("/")
            picker = page.get_by_test_id("upload-input")
            SHOT.parent.mkdir(parents=True, exist_ok=True)
            try:
                picker.wait_for(state="attached", timeout=60_000)
            except Exception:
                page.screenshot(path=SHOT)
                raise SystemExit(f"no upload-input on the page; see {SHOT}") from None
            page.evaluate("() => { window.__longTasks && (window.__longTasks.length = 0); }")
            cpu_start = chromium_cpu_s()
            started = time.perf_counter()
            picker.set_input_files([str(path) for path in paths])
            heap_peak_mb = _wait_panel_done(page, len(paths), check_alive, timeout)
            uploaded = time.perf_counter() - started
            cpu_uploaded = cpu_since(cpu_start, chromium_cpu_s())
            until_processed()
            total = time.perf_counter() - started
            cpu_total = cpu_since(cpu_start, chromium_cpu_s())
            page.screenshot(path=SHOT.with_name("bench-upload-done.png"))
            workers, span = _hash_figures(page.evaluate(HASH_MEASURES))
            tasks = page.evaluate("() => window.__longTasks") or []
        finally:
            browser.close()
    return {
        "uploaded_s": uploaded,
        "total_s": total,
        "hash_workers": workers,
        "hash_span_s": span,
        "heap_peak_mb": heap_peak_mb,
        "long_tasks_over_200ms": sum(1 for d in tasks if d > 200),
        "longest_task_ms": max(tasks, default=0),
        "requests": dict(requests.most_common()),
        "chromium_cpu_uploaded": cpu_uploaded,
        "chromium_cpu_total": cpu_total,
    }
