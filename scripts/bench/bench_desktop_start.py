"""Cold start of the desktop window to the library painted, under Xvfb, and its idle memory.

    scripts/bench/run bench_desktop_start [--runs 3] [--photos 12]

Sets up a data dir with an account and a few photos imported (../shared/testdata/media), then
launches `mediabox desktop` RUNS times on it. Each run: the time from spawning the process to
the server listening, to the window's load event, and to the library painted (through Qt
WebEngine's debugging port: the timeline's thumbnails are in the page and decoded); then,
after 5 s idle, the RSS of the desktop process and of the whole tree (Qt WebEngine's renderer
and GPU processes included). The CPU seconds the process used until the library was painted
are printed too (the launcher's and its Python children's: the server runs in a process of its
own): on a busy machine they vary much less than the wall-clock figures.

`--phases` breaks each start into phases, in seconds since the spawn: the launcher's own marks
(`MEDIABOX_STARTUP_TRACE=1`, see `mediabox.infra.startup_trace`: imports, lock, server,
window toolkit) and the page's (Navigation and Resource Timing: the sign-in redirect, the
HTML, the JavaScript, the API answers, the thumbnails), with the median of each.
`--bare` measures the toolkit alone instead: a pywebview window (the same GUI backend) on a
static page with one image, served from a thread of the same process.

Python's bytecode is cached (in the run's temporary folder, `PYTHONPYCACHEPREFIX`) as an
installed or bundled app has it, even when the environment says PYTHONDONTWRITEBYTECODE;
`--compile-each-start` keeps that setting (every start compiles Mediabox's own modules)."""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.support.cdp import PageError, PageSession  # noqa: E402

MEDIA = ROOT.parent / "shared" / "testdata" / "media" / "camera"
PAINTED = """(() => {
  const imgs = [...document.querySelectorAll('main img')];
  return imgs.length > 0 && imgs.every(i => i.complete && i.naturalWidth > 0);
})()"""


PAGE_TIMINGS = """(() => {
  const origin = performance.timeOrigin;
  const nav = performance.getEntriesByType('navigation')[0] || {};
  const paint = performance.getEntriesByName('first-contentful-paint')[0];
  return {
    origin,
    redirect: nav.redirectEnd || 0,
    html: nav.responseEnd || 0,
    dom: nav.domContentLoadedEventEnd || 0,
    fcp: paint ? paint.startTime : 0,
    resources: performance.getEntriesByType('resource').map(r => [
      r.name.replace(location.origin, ''), r.startTime, r.responseEnd]),
  };
})()"""
# The page's phases: (label, pattern of a resource path or a navigation key, first or last end)
PAGE_PHASES = (
    ("page: / requested (redirect done)", "redirect", None),
    ("page: index.html received", "html", None),
    ("page: main JS received", r"^/assets/index-[^/]*\.js$", "first"),
    ("page: DOMContentLoaded", "dom", None),
    ("page: timeline JS received", r"^/assets/TimelinePage-[^/]*\.js$", "first"),
    ("page: /auth/me answered", r"^/api/v1/auth/me$", "first"),
    ("page: /timeline/buckets answered", r"^/api/v1/timeline/buckets$", "first"),
    ("page: first month answered", r"^/api/v1/timeline/buckets/[^/?]+$", "first"),
    ("page: first paint (FCP)", "fcp", None),
    ("page: first thumbnail requested", r"^/api/v1/blobs/", "start"),
    ("page: first thumbnail received", r"^/api/v1/blobs/", "first"),
    ("page: last thumbnail received", r"^/api/v1/blobs/", "last"),
)
STARTUP_MARK = re.compile(r"startup: (.+) t=([\d.]+) cpu=([\d.]+) at=([\d.]+)$")


def page_marks(timings: dict, spawned_at: float) -> dict[str, float]:
    """The page's phases in seconds since the spawn (`spawned_at`, epoch seconds)."""
    found: dict[str, float] = {}
    origin = timings["origin"] / 1000 - spawned_at
    found["page: navigation start (/desktop/login)"] = origin
    for label, key, which in PAGE_PHASES:
        if which is None:
            if timings.get(key):
                found[label] = origin + timings[key] / 1000
            continue
        entries = [
            (start, end) for name, start, end in timings["resources"] if re.search(key, name)
        ]
        if which == "start":
            times = [start for start, _ in entries]
        else:
            times = [end for _, end in entries if end]
        if times:
            found[label] = origin + (max(times) if which == "last" else min(times)) / 1000
    return found


def print_phases(runs: list[dict]) -> None:
    """The phase table: per phase, each run's seconds since the spawn, their median, and the
    median CPU seconds of the process when it got there (for the launcher's own marks)."""
    names: dict[str, list] = {}
    for run in runs:
        for name, (at, cpu) in run.get("phases", {}).items():
            names.setdefault(name, []).append((at, cpu))
    rows = sorted(names.items(), key=lambda item: statistics.median(a for a, _ in item[1]))
    width = max((len(name) for name in names), default=10)
    print(f"{'phase':<{width}}  median   CPU  runs")
    for name, values in rows:
        cpus = [c for _, c in values if c is not None]
        cpu = f"{statistics.median(cpus):5.2f}" if cpus else "    -"
        each = " ".join(f"{a:5.2f}" for a, _ in values)
        print(f"{name:<{width}}  {statistics.median(a for a, _ in values):6.2f} {cpu}  {each}")


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def cpu_seconds(pid: int) -> float:
    """User + system CPU of the process and of its children it has waited for."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(v) for v in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def python_cpu_seconds(pid: int) -> float:
    """CPU of the launcher and of the Python processes under it (the desktop's server process
    and multiprocessing's helpers), not of Qt WebEngine's: the app's own work however split."""
    total = 0.0
    for each in tree(pid):
        try:
            if each == pid or "python" in Path(f"/proc/{each}/comm").read_text():
                total += cpu_seconds(each)
        except OSError:
            continue
    return total


def tree(pid: int) -> list[int]:
    children = Path(f"/proc/{pid}/task/{pid}/children")
    found = [pid]
    if children.exists():
        for child in children.read_text().split():
            found += tree(int(child))
    return found


def start_xvfb() -> tuple[subprocess.Popen, str]:
    number = next(n for n in range(140, 250) if not Path(f"/tmp/.X11-unix/X{n}").exists())
    xvfb = subprocess.Popen(
        ["Xvfb", f":{number}", "-screen", "0", "1280x820x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    while not Path(f"/tmp/.X11-unix/X{number}").exists():
        time.sleep(0.05)
    return xvfb, f":{number}"


def prepare(data_dir: Path, env: dict, photos: int) -> None:
    cli = [sys.executable, "-m", "mediabox.cli"]
    subprocess.run([*cli, "db", "upgrade"], env=env, check=True, capture_output=True)
    subprocess.run(
        [*cli, "users", "create", "bench@example.com", "--admin"],
        env=env,
        input="bench-password-1\nbench-password-1\n",
        check=True,
        capture_output=True,
        text=True,
    )
    folder = data_dir.parent / "photos"
    folder.mkdir()
    for source in sorted(MEDIA.glob("*.jpg"))[:photos]:
        shutil.copy(source, folder / source.name)
    subprocess.run(
        [*cli, "import", str(folder), "--user", "bench@example.com"],
        env=env,
        check=True,
        capture_output=True,
    )


def one_run(env: dict, debug_port: int, command: list[str] | None = None) -> dict:
    env = {
        **env,
        "QTWEBENGINE_REMOTE_DEBUGGING": f"127.0.0.1:{debug_port}",
        "MEDIABOX_STARTUP_TRACE": "1",
    }
    started = time.monotonic()
    spawned_at = time.time()
    proc = subprocess.Popen(
        command or [sys.executable, "-m", "mediabox.cli", "desktop"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    marks: dict[str, float] = {}
    phases: dict[str, float] = {}
    marks["phases"] = phases

    def read() -> None:
        for line in proc.stdout:
            now = time.monotonic() - started
            traced = STARTUP_MARK.search(line.rstrip())
            if traced:
                phases.setdefault(traced[1], (float(traced[4]) - spawned_at, float(traced[3])))
            if "desktop: serving on" in line:
                marks.setdefault("serving", now)
            if re.search(r"window: loaded /$", line.rstrip()):
                marks.setdefault("loaded", now)

    threading.Thread(target=read, daemon=True).start()
    page = None
    try:
        while page is None and time.monotonic() - started < 60:
            try:
                page = PageSession(debug_port)
            except Exception:
                time.sleep(0.02)
        while time.monotonic() - started < 60:
            try:
                if page.evaluate(PAINTED):
                    marks["painted"] = time.monotonic() - started
                    marks["cpu"] = python_cpu_seconds(proc.pid)
                    timings = page.evaluate(PAGE_TIMINGS)
                    for name, at in page_marks(timings, spawned_at).items():
                        phases[name] = (at, None)
                    phases["library painted (bench poll)"] = (marks["painted"], marks["cpu"])
                    break
            except PageError:
                pass
            except (StopIteration, AssertionError, ConnectionError, OSError):
                page.close()
                page = PageSession(debug_port)
            time.sleep(0.02)
        time.sleep(5)
        marks["rss_mb"] = rss_kb(proc.pid) / 1024
        marks["tree_rss_mb"] = sum(rss_kb(p) for p in tree(proc.pid)) / 1024
    finally:
        if page is not None:
            page.close()
        proc.terminate()
        proc.wait(30)
    return marks


def bare_runs(env: dict, count: int) -> None:
    """The toolkit alone: pywebview's window on a static page with one image, same backend."""
    command = [sys.executable, str(Path(__file__).with_name("desktop_bare_window.py"))]
    runs = []
    for number in range(1, count + 1):
        marks = one_run(env, 9400 + number, command)
        runs.append(marks)
        print(
            f"bare run {number}: painted {marks.get('painted', float('nan')):.2f} s "
            f"(CPU {marks.get('cpu', float('nan')):.2f} s); idle RSS {marks['rss_mb']:.0f} MB "
            f"(tree {marks['tree_rss_mb']:.0f} MB)",
            flush=True,
        )
    values = [r["painted"] for r in runs if "painted" in r]
    if values:
        print(f"median bare painted: {statistics.median(values):.2f} s")
    print(f"load average: {os.getloadavg()[0]:.1f}")
    print_phases(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--photos", type=int, default=12)
    parser.add_argument("--phases", action="store_true", help="print the phase table")
    parser.add_argument("--bare", action="store_true", help="a bare pywebview window instead")
    parser.add_argument(
        "--compile-each-start",
        action="store_true",
        help="keep PYTHONDONTWRITEBYTECODE from the environment (no bytecode cache)",
    )
    args = parser.parse_args()
    xvfb, display = start_xvfb()
    workdir = Path(tempfile.mkdtemp(prefix="bench-desktop-"))
    data_dir = workdir / "data"
    env = {k: v for k, v in os.environ.items() if not k.startswith("MEDIABOX_")}
    env.update(
        DISPLAY=display,
        MEDIABOX_DATA_DIR=str(data_dir),
        MEDIABOX_STATIC_DIR=str(ROOT / "static"),
    )
    env.pop("WAYLAND_DISPLAY", None)
    if not args.compile_each_start:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(workdir / "pycache")
    try:
        if args.bare:
            bare_runs(env, args.runs)
            return
        prepare(data_dir, env, args.photos)
        warm = one_run(env, 9300)  # the consumer makes the thumbnails; the OS caches files
        print(f"warm-up run (processing the photos): painted {warm.get('painted', 0):.2f} s")
        runs = []
        for number in range(1, args.runs + 1):
            marks = one_run(env, 9300 + number)
            runs.append(marks)
            print(
                f"run {number}: serving {marks.get('serving', float('nan')):.2f} s, "
                f"load event {marks.get('loaded', float('nan')):.2f} s, "
                f"library painted {marks.get('painted', float('nan')):.2f} s "
                f"(CPU {marks.get('cpu', float('nan')):.2f} s); idle RSS "
                f"{marks['rss_mb']:.0f} MB (with Qt WebEngine's processes "
                f"{marks['tree_rss_mb']:.0f} MB)",
                flush=True,
            )
        for key, label in (
            ("serving", "serving"),
            ("loaded", "load event"),
            ("painted", "painted"),
        ):
            values = [r[key] for r in runs if key in r]
            if values:
                print(f"median {label}: {statistics.median(values):.2f} s")
        print(
            f"median idle RSS: {statistics.median(r['rss_mb'] for r in runs):.0f} MB, tree "
            f"{statistics.median(r['tree_rss_mb'] for r in runs):.0f} MB"
        )
        print(f"load average: {os.getloadavg()[0]:.1f}")
        if args.phases:
            print_phases(runs)
    finally:
        xvfb.terminate()
        xvfb.wait(10)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
