"""Media decoding in child processes, so a native crash on a hostile file fails that file only.

FFmpeg (through OpenCV), libheif, libtiff and LibRaw run in a small `ProcessPoolExecutor`
(spawned children, recycled after `max_jobs_per_child` jobs). When a child dies (a segfault,
an abort), the pool is rebuilt and the job is tried once more in a fresh child, so work that
merely shared the dead child is not blamed; a file that kills its child twice fails with a
reason. While a job runs, `heartbeat` is called every `heartbeat_seconds` (the processing
service renews its lease with it).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from .errors import MediaError
from .images import PhotoMeta, process_photo
from .video import VideoMeta, process_video

log = logging.getLogger(__name__)

CRASH_REASON = "the decoder crashed on this file (a damaged or hostile file)"
TIMEOUT_REASON = "decoding took too long and was stopped"


def render_files(
    kind: str, source: Path, thumb: Path, preview: Path | None, poster: Path | None
) -> PhotoMeta | VideoMeta:
    """Decode `source` and write its derived JPEGs (runs inside a child process)."""
    if kind == "video":
        return process_video(source, poster_path=poster, thumb_path=thumb, preview_path=poster)
    return process_photo(source, thumb_path=thumb, preview_path=preview)


def exit_with_parent() -> None:
    """In a decoder child: exit as soon as the process that spawned it is gone. A child waiting
    for work holds both ends of its own job queue, so it never sees an EOF; without this, a
    launcher killed with SIGKILL (or a crash) would leave it running for good."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        parent.join()  # returns when the parent's sentinel closes, i.e. the parent ended
        os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


class DecoderPool:
    """A small pool of decoder processes shared by the job threads of one process."""

    def __init__(
        self,
        *,
        workers: int = 1,
        max_jobs_per_child: int = 50,
        timeout_seconds: float = 900,
        heartbeat_seconds: float = 20,
        render: Callable[..., PhotoMeta | VideoMeta] = render_files,
    ):
        self.workers = max(1, workers)
        self.max_jobs_per_child = max(1, max_jobs_per_child)
        self.timeout = timeout_seconds
        self.heartbeat_seconds = heartbeat_seconds
        self.render = render
        self._lock = threading.Lock()
        self._executor: ProcessPoolExecutor | None = None

    def decode(
        self,
        kind: str,
        source: Path,
        thumb: Path,
        preview: Path | None,
        poster: Path | None,
        *,
        heartbeat: Callable[[], None] = lambda: None,
    ) -> PhotoMeta | VideoMeta:
        """Render one asset's files in a child; MediaError when it cannot (or it crashes)."""
        for attempt in (1, 2):
            executor = self._current()
            try:
                future = executor.submit(self.render, kind, source, thumb, preview, poster)
                return self._wait(future, heartbeat)
            except BrokenProcessPool:
                self._discard(executor)
                log.warning("a decoder process died while rendering %s (try %d)", source, attempt)
        raise MediaError(CRASH_REASON)

    def close(self) -> None:
        """Stop the children (waits for running jobs)."""
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)

    def _wait(self, future, heartbeat: Callable[[], None]):
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                return future.result(timeout=self.heartbeat_seconds)
            except FutureTimeout:
                if time.monotonic() >= deadline:
                    future.cancel()
                    self._discard(self._executor, kill=True)
                    raise MediaError(TIMEOUT_REASON) from None
                heartbeat()

    def _current(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._executor is None:
                self._executor = ProcessPoolExecutor(
                    max_workers=self.workers,
                    mp_context=multiprocessing.get_context("spawn"),
                    max_tasks_per_child=self.max_jobs_per_child,
                    initializer=exit_with_parent,
                )
            return self._executor

    def _discard(self, executor: ProcessPoolExecutor | None, *, kill: bool = False) -> None:
        with self._lock:
            if executor is None or executor is not self._executor:
                return
            self._executor = None
        if kill:
            for process in list(getattr(executor, "_processes", {}).values()):
                process.kill()
        executor.shutdown(wait=False, cancel_futures=True)
