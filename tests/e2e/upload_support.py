"""Helpers of the browser upload tests (issue 11): the upload panel's counts and rows, files
handed to the page, the timeline's tiles and the stored originals.

The panel publishes its counts on `[data-testid=upload-panel]` (`data-total`, `data-done` =
uploaded + duplicates, `data-uploaded`, `data-duplicates`, `data-failed`, `data-active`); the
contract behind them is `ui/src/features/upload/model.ts`.
"""

from __future__ import annotations

import hashlib
import time

import pytest
import requests

COUNT_NAMES = ("total", "done", "uploaded", "duplicates", "failed")


def panel_counts(page) -> dict[str, int]:
    """The panel's counts (0 for an attribute it does not carry yet; {} without a panel)."""
    return page.evaluate(
        """(names) => {
             const panel = document.querySelector('[data-testid=upload-panel]');
             if (!panel) return {};
             const out = {};
             for (const name of names) out[name] = Number(panel.getAttribute('data-' + name) || 0);
             out.active = panel.getAttribute('data-active') === 'true';
             return out;
           }""",
        list(COUNT_NAMES),
    )


def wait_for_counts(page, expression: str, timeout: float, what: str) -> dict[str, int]:
    """Wait until the JS `expression` over the counts `c` holds; fail with the last counts."""
    deadline = time.monotonic() + timeout
    counts: dict[str, int] = {}
    while time.monotonic() < deadline:
        try:
            page.wait_for_function(
                f"""(names) => {{
                     const panel = document.querySelector('[data-testid=upload-panel]');
                     if (!panel) return false;
                     const c = {{}};
                     for (const n of names) c[n] = Number(panel.getAttribute('data-' + n) || 0);
                     c.active = panel.getAttribute('data-active') === 'true';
                     return {expression};
                   }}""",
                arg=list(COUNT_NAMES),
                timeout=2000,
                polling=200,
            )
            return panel_counts(page)
        except Exception as exc:  # playwright TimeoutError: poll again until the deadline
            if "Timeout" not in type(exc).__name__:
                raise
            counts = panel_counts(page)
    pytest.fail(f"{what}: not reached in {timeout:.0f}s; the panel's counts: {counts}")


def wait_until_settled(page, total: int, timeout: float) -> dict[str, int]:
    """Wait until the panel lists `total` files, each done (or a duplicate) or failed."""
    return wait_for_counts(
        page,
        f"c.total === {total} && c.done + c.failed === {total} && !c.active",
        timeout,
        f"all {total} files done or failed",
    )


def rows_by_phase(page) -> dict[str, list[str]]:
    """Scroll the panel's (virtualised) list top to bottom: the row texts by `data-phase`."""
    found: dict[str, str] = {}
    scroller = page.locator("[data-testid=upload-row]").first.evaluate_handle(
        "(el) => { let n = el.parentElement; while (n && n.scrollHeight <= n.clientHeight + 1)"
        " n = n.parentElement; return n; }"
    )
    page.evaluate("(s) => { if (s) s.scrollTop = 0; }", scroller)
    for _ in range(500):
        page.wait_for_timeout(60)
        for row in page.evaluate(
            """() => [...document.querySelectorAll('[data-testid=upload-row]')].map((r) =>
                 ({ key: r.dataset.id || r.dataset.index || r.textContent,
                    phase: r.dataset.phase, text: r.textContent }))"""
        ):
            found[f"{row['key']}"] = (row["phase"], row["text"])
        if page.evaluate(
            "(s) => { if (!s) return true; const before = s.scrollTop;"
            " s.scrollTop += s.clientHeight * 0.8; return s.scrollTop === before; }",
            scroller,
        ):
            break
    by_phase: dict[str, list[str]] = {}
    for phase, text in found.values():
        by_phase.setdefault(phase, []).append(text)
    return by_phase


def stage_files(page, paths, element_id: str = "e2e-files") -> str:
    """Have Chromium make File objects of `paths` in a hidden input outside the app: it makes
    them when `.files` is first read, here in a task of its own. Returns the input's selector."""
    page.evaluate(
        """(id) => { const input = document.createElement('input');
                     Object.assign(input, { type: 'file', multiple: true, id });
                     input.style.display = 'none'; document.body.append(input); }""",
        element_id,
    )
    page.set_input_files(f"#{element_id}", paths)
    count = page.evaluate("(id) => document.getElementById(id).files.length", element_id)
    assert count == len(paths), f"{count} of {len(paths)} files staged"
    return f"#{element_id}"


# ---- the library -----------------------------------------------------------------------------


def scan_tiles(page, expected: set[str], timeout: float = 60) -> set[str]:
    """Scroll the virtualised timeline until every expected asset id has shown a tile (or the
    time is up); returns the ids seen."""
    seen: set[str] = set()
    page.locator("[data-testid=asset-tile]").first.wait_for(timeout=timeout * 1000)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not expected <= seen:
        scroller = page.locator("[data-testid=asset-tile]").first.evaluate_handle(
            "(el) => { let n = el; while (n && !(n.scrollHeight > n.clientHeight + 1 &&"
            " getComputedStyle(n).overflowY === 'auto')) n = n.parentElement;"
            " return n || document.scrollingElement; }"
        )
        page.evaluate("(s) => { s.scrollTop = 0; }", scroller)
        for _ in range(200):
            page.wait_for_timeout(120)
            seen.update(
                page.evaluate(
                    "() => [...document.querySelectorAll('[data-testid=asset-tile]')]"
                    ".map((t) => t.dataset.assetId)"
                )
            )
            if page.evaluate(
                "(s) => { const before = s.scrollTop; s.scrollTop += s.clientHeight * 0.8;"
                " return s.scrollTop === before; }",
                scroller,
            ):
                break
    return seen


def all_assets(base_url: str, session: requests.Session) -> list[dict]:
    """Every live asset of the session's account (all pages of `GET /assets`)."""
    found, cursor = [], None
    while True:
        params = {"limit": 500, **({"cursor": cursor} if cursor else {})}
        response = session.get(f"{base_url}/api/v1/assets", params=params, timeout=30)
        assert response.status_code == 200, response.text
        body = response.json()
        found.extend(body["items"])
        cursor = body["next_cursor"]
        if not cursor:
            return found


def stored_original_sha256(base_url: str, session: requests.Session, asset_id: str) -> str:
    """SHA-256 of an asset's original as the API serves it (download URL, then the bytes)."""
    response = session.get(
        f"{base_url}/api/v1/assets/{asset_id}/download-url", params={"kind": "original"}, timeout=30
    )
    assert response.status_code == 200, response.text
    url = response.json()["url"]
    digest = hashlib.sha256()
    with requests.get(url if "://" in url else base_url + url, stream=True, timeout=120) as blob:
        assert blob.status_code == 200, blob.text[:300]
        for chunk in blob.iter_content(8 * 1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()
