"""Debian's Chromium through Playwright for the browser benchmarks, with an owner signed in."""

from __future__ import annotations

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
