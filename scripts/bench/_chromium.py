"""Debian's Chromium through Playwright for the browser benchmarks, with an owner signed in."""

from __future__ import annotations

import os
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
VIEWPORT = {"width": 1280, "height": 800}

# Installed before the app: every long task's duration in window.__longTasks (null if unsupported).
LONG_TASKS = """
(() => {
  window.__longTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longTasks.push(entry.duration);
    }).observe({ type: "longtask", buffered: true });
  } catch (error) { window.__longTasks = null; }
})();
"""


def launch(playwright):
    """Debian's Chromium, headless (never a browser Playwright downloads)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def signed_in_context(browser, base_url: str, email: str, password: str):
    """A browser context at `base_url` holding the session cookies of `email`."""
    context = browser.new_context(viewport=VIEWPORT, base_url=base_url, locale="en-US")
    login = context.request.post("/api/v1/auth/login", data={"email": email, "password": password})
    if not login.ok:
        raise RuntimeError(f"sign-in failed: {login.status} {login.text()}")
    return context


def chromium_cpu_s() -> dict[str, float]:
    """utime+stime of the Chromium processes started under this one (Playwright's driver →
    Chromium), by kind: browser, renderer, gpu-process, NetworkService, ..."""
    parents: dict[int, int] = {}
    chromium: dict[int, float] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            text = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = text[text.rindex(")") + 2 :].split()
        parents[int(entry)] = int(fields[1])
        if "chrom" in text[text.index("(") + 1 : text.rindex(")")]:
            chromium[int(entry)] = (int(fields[11]) + int(fields[12])) / tick
    me, totals = os.getpid(), {}
    for pid, cpu in chromium.items():
        ancestor = parents.get(pid)
        while ancestor and ancestor != me:
            ancestor = parents.get(ancestor)
        if ancestor != me:
            continue
        try:
            kind = _kind(pid)
        except OSError:
            continue
        totals[kind] = totals.get(kind, 0.0) + cpu
    return totals


def cpu_since(before: dict[str, float], after: dict[str, float]) -> dict[str, float]:
    return {kind: after[kind] - before.get(kind, 0.0) for kind in after}


def _kind(pid: int) -> str:
    # Chromium rewrites its command line into one space-separated string.
    args = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").split()
    kind = next((a[7:].decode() for a in args if a.startswith(b"--type=")), "browser")
    if kind == "utility":
        sub = next((a for a in args if a.startswith(b"--utility-sub-type=")), b"utility")
        kind = sub.rsplit(b".", 1)[-1].decode()
    return kind
