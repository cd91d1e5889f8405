"""The browser half of the timeline benchmark (issue 10 §5), driven through Playwright in
Debian's Chromium.

`measure(base_url, email, password)` signs in and returns the figures as a dict:
- `first_thumbnails_ms`: navigation start → 20 thumbnails decoded and painted;
- during a scripted 20-screen fast scroll and a scrubber jump to the oldest year:
  `max_images_in_dom`, `long_tasks_over_200ms` (PerformanceObserver "longtask"),
  `longest_task_ms`, `dropped_frames` (requestAnimationFrame gaps over 1.5 frames);
- `scrubber_oldest_ms`: scrubber click at the bottom → the oldest month's thumbnails;
- `big_month`, `big_month_count`, `big_month_first_thumbnails_ms`: entering the largest
  month through the scrubber → its first thumbnails painted;
- `first_route_js`: every script loaded for the first route with its raw and gzipped size,
  and `first_route_js_gzip_total`.

Run alone: `python scripts/bench/timeline_browser.py BASE_URL EMAIL PASSWORD`.
"""

from __future__ import annotations

import gzip
import itertools
import json
import sys
import time

from _chromium import LONG_TASKS, launch, signed_in_context

FRAME_MS = 1000 / 60

# Installed before the app: long tasks, and a frame sampler that also tracks <img> count.
PROBES = (
    LONG_TASKS
    + """
(() => {
  window.__sampler = { running: false, frames: [], maxImages: 0 };
  window.__startSampling = () => {
    const s = window.__sampler;
    s.running = true; s.frames = []; s.maxImages = document.images.length;
    const tick = (t) => {
      if (!s.running) return;
      s.frames.push(t);
      s.maxImages = Math.max(s.maxImages, document.images.length);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  };
  window.__stopSampling = () => { window.__sampler.running = false; return window.__sampler; };
})();
"""
)

PAINTED = """
(needed) => {
  const images = [...document.querySelectorAll('[data-testid=asset-tile] img')];
  const ok = images.filter((img) => img.complete && img.naturalWidth > 0);
  return images.length > 0 && ok.length >= Math.min(needed, images.length);
}
"""

PAINTED_FROM = """
(ids) => {
  const wanted = new Set(ids);
  return [...document.querySelectorAll('[data-testid=asset-tile]')].some((tile) => {
    const img = tile.querySelector('img');
    return wanted.has(tile.dataset.assetId) && img && img.complete && img.naturalWidth > 0;
  });
}
"""


def _dropped(frames: list[float]) -> int:
    dropped = 0
    for before, after in itertools.pairwise(frames):
        gap = after - before
        if gap > FRAME_MS * 1.5:
            dropped += round(gap / FRAME_MS) - 1
    return dropped


def _wait_painted_after_raf(page, script: str, arg, timeout_ms: int = 60_000) -> float:
    """Wait (polling each frame) until `script(arg)` holds, then one more frame; returns now()."""
    page.wait_for_function(script, arg=arg, polling="raf", timeout=timeout_ms)
    return page.evaluate(
        "() => new Promise((r) => requestAnimationFrame(() => r(performance.now())))"
    )


def _scrub_to(page, fraction: float) -> None:
    box = page.get_by_test_id("timeline-scrubber").bounding_box()
    y = box["y"] + min(max(fraction, 0.0), 0.999) * box["height"]
    page.mouse.click(box["x"] + box["width"] / 2, y)


def measure(base_url: str, email: str, password: str) -> dict:
    """Sign in, load the timeline, scroll and scrub; return the figures (see module doc)."""
    from playwright.sync_api import sync_playwright

    figures: dict = {}
    scripts: dict[str, dict] = {}
    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            context = signed_in_context(browser, base_url, email, password)
            buckets = context.request.get("/api/v1/timeline/buckets").json()["buckets"]
            page = context.new_page()
            page.add_init_script(PROBES)
            first_route_done = False

            def on_response(response):
                if first_route_done or response.request.resource_type != "script":
                    return
                try:
                    body = response.body()
                except Exception:  # a cancelled request has no body
                    return
                path = response.url.removeprefix(base_url)
                scripts[path] = {
                    "url": path,
                    "bytes": len(body),
                    "gzip_bytes": len(gzip.compress(body, compresslevel=9)),
                }

            page.on("response", on_response)
            page.goto("/")
            total_tiles = sum(b["count"] for b in buckets)
            needed = min(20, total_tiles)
            figures["first_thumbnails_ms"] = round(
                _wait_painted_after_raf(page, PAINTED, needed), 1
            )
            first_route_done = True
            figures["first_route_js"] = sorted(scripts.values(), key=lambda s: -s["gzip_bytes"])
            figures["first_route_js_gzip_total"] = sum(s["gzip_bytes"] for s in scripts.values())

            # A fast scripted scroll through 20 screens, then a scrubber jump to the oldest year.
            page.evaluate("() => { window.__longTasks && (window.__longTasks.length = 0); }")
            page.evaluate("() => window.__startSampling()")
            scroller = page.get_by_test_id("grid-scroll")
            started = time.perf_counter()
            for _ in range(20):
                scroller.evaluate("(s) => { s.scrollTop += s.clientHeight; }")
                page.evaluate("() => new Promise((r) => setTimeout(r, 50))")
            figures["scroll_duration_ms"] = round((time.perf_counter() - started) * 1000, 1)

            oldest = context.request.get(f"/api/v1/timeline/buckets/{buckets[-1]['month']}")
            oldest_ids = oldest.json()["ids"]
            jump_started = page.evaluate("() => performance.now()")
            _scrub_to(page, 1.0)
            painted = _wait_painted_after_raf(page, PAINTED_FROM, oldest_ids)
            figures["scrubber_oldest_ms"] = round(painted - jump_started, 1)
            sample = page.evaluate("() => window.__stopSampling()")
            tasks = page.evaluate("() => window.__longTasks") or []
            figures["max_images_in_dom"] = sample["maxImages"]
            figures["frames"] = len(sample["frames"])
            figures["dropped_frames"] = _dropped(sample["frames"])
            figures["long_tasks_over_200ms"] = sum(1 for d in tasks if d > 200)
            figures["longest_task_ms"] = round(max(tasks, default=0), 1)
            figures["long_tasks_observed"] = len(tasks)

            # Entering the biggest month through the scrubber.
            big_index = max(range(len(buckets)), key=lambda i: buckets[i]["count"])
            big = buckets[big_index]
            before = sum(b["count"] for b in buckets[:big_index])
            fraction = (before + big["count"] * 0.02) / max(total_tiles, 1)
            big_ids = context.request.get(f"/api/v1/timeline/buckets/{big['month']}").json()["ids"]
            page.evaluate("() => { window.__longTasks && (window.__longTasks.length = 0); }")
            page.evaluate("() => window.__startSampling()")
            jump_started = page.evaluate("() => performance.now()")
            _scrub_to(page, fraction)
            painted = _wait_painted_after_raf(page, PAINTED_FROM, big_ids[:2000])
            sample = page.evaluate("() => window.__stopSampling()")
            tasks = page.evaluate("() => window.__longTasks") or []
            figures["big_month"] = big["month"]
            figures["big_month_count"] = big["count"]
            figures["big_month_first_thumbnails_ms"] = round(painted - jump_started, 1)
            figures["big_month_long_tasks_over_200ms"] = sum(1 for d in tasks if d > 200)
            figures["big_month_longest_task_ms"] = round(max(tasks, default=0), 1)
            figures["max_images_in_dom"] = max(figures["max_images_in_dom"], sample["maxImages"])
            figures["images_in_dom_at_end"] = page.evaluate("() => document.images.length")
        finally:
            browser.close()
    return figures


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit("usage: timeline_browser.py BASE_URL EMAIL PASSWORD")
    print(json.dumps(measure(*sys.argv[1:]), indent=2))
