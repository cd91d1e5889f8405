"""Files and folders dropped on the desktop window, imported by path (no HTTP copy of a 4 GB
video): pywebview hands the DOM drop event to Python with each file's full path
(`pywebviewFullPath`), and one background thread walks the folders and runs every photo and
video through the import service (the same checks and sha256 dedupe as an upload), keeping
counts the app polls at `GET /desktop/imports`."""

from __future__ import annotations

import logging
import threading
from collections import deque
from datetime import UTC, datetime
from pathlib import Path

from flask import Flask

from mediabox.container import container_of
from mediabox.domain.errors import DomainError
from mediabox.services.imports import is_media, walk

log = logging.getLogger("mediabox.desktop")

FAILURES_KEPT = 20


def dropped_paths(event: dict) -> list[Path]:
    """The full paths pywebview attached to a DOM drop event's files (absolute ones only)."""
    transfer = event.get("dataTransfer") if isinstance(event, dict) else None
    files = transfer.get("files") if isinstance(transfer, dict) else None
    paths = []
    for item in files if isinstance(files, list) else []:
        full = item.get("pywebviewFullPath") if isinstance(item, dict) else None
        if isinstance(full, str) and Path(full).is_absolute():
            paths.append(Path(full))
    return paths


def _file_count(event: dict) -> int:
    transfer = event.get("dataTransfer") if isinstance(event, dict) else None
    files = transfer.get("files") if isinstance(transfer, dict) else None
    return len(files) if isinstance(files, list) else 0


class DropImports:
    """The desktop's import-by-path queue: one batch of counts at a time, one worker thread.

    A drop while a batch runs joins it; a drop after it finished starts a new batch (the
    counts start again and `batch` goes up). Files go to the desktop's owner.
    """

    def __init__(self, app: Flask):
        self.app = app
        self._lock = threading.Lock()
        self._roots: deque[Path] = deque()
        self._files: deque[Path] = deque()
        self._worker: threading.Thread | None = None
        self._stopping = threading.Event()
        self.batch = 0
        self._reset()

    def _reset(self) -> None:
        self.imported = self.duplicates = self.failed = self.skipped = 0
        self.current: str | None = None
        self.failures: deque[dict] = deque(maxlen=FAILURES_KEPT)

    def handle_drop(self, event: dict) -> list[Path]:
        """pywebview's handler of the window's DOM `drop` event; the paths it queued."""
        paths = dropped_paths(event)
        if paths:
            log.info("drop: %d item(s) to import by path", len(paths))
            self.add(paths)
        else:
            log.info("drop: %d file(s) without a path on this computer", _file_count(event))
        return paths

    def add(self, paths: list[Path]) -> None:
        """Queue files and folders; the worker starts if it is not running."""
        with self._lock:
            if self._stopping.is_set():
                return
            if self._worker is None:
                self.batch += 1
                self._reset()
                self._worker = threading.Thread(
                    target=self._run, name="mediabox-drop-import", daemon=True
                )
                self._worker.start()
            self._roots.extend(paths)

    def status(self) -> dict:
        """`{active, scanning, queued, imported, duplicates, failed, skipped, current,
        failures, batch}` of the current (or last) batch."""
        with self._lock:
            return {
                "active": self._worker is not None,
                "scanning": bool(self._roots),
                "queued": len(self._files),
                "imported": self.imported,
                "duplicates": self.duplicates,
                "failed": self.failed,
                "skipped": self.skipped,
                "current": self.current,
                "failures": list(self.failures),
                "batch": self.batch,
            }

    def stop(self, timeout: float = 1.0) -> None:
        """No new file starts; waits up to `timeout` for the one in progress (a file cut
        short stays `uploading` and is replaced when it is dropped again)."""
        self._stopping.set()
        worker = self._worker
        if worker is not None:
            worker.join(timeout)

    def wait_idle(self, timeout: float) -> bool:
        """Wait until the batch is done; True when it is (tests and the benchmark)."""
        worker = self._worker
        if worker is not None:
            worker.join(timeout)
        return self._worker is None

    def _run(self) -> None:
        while not self._stopping.is_set():
            with self._lock:
                root = self._roots.popleft() if self._roots else None
                path = self._files.popleft() if root is None and self._files else None
                if root is None and path is None:
                    self._worker = None
                    self.current = None
                    return
                if path is not None:
                    self.current = path.name
            if root is not None:
                self._scan(root)
            else:
                self._import(path)
        with self._lock:
            self._worker = None
            self.current = None

    def _scan(self, root: Path) -> None:
        for path in walk([root]) if root.exists() else []:
            if self._stopping.is_set():
                return
            media = is_media(path)
            with self._lock:
                if media:
                    self._files.append(path)
                else:
                    self.skipped += 1
        if not root.exists():
            self._count_failure(root, "The file or folder no longer exists.")

    def _import(self, path: Path) -> None:
        try:
            with self.app.app_context():
                container = container_of(self.app)
                owner = container.desktop_sign_in.owner()
                if owner is None:
                    raise DomainError("Create your account first, then drop the files again.")
                modified = datetime.fromtimestamp(path.stat().st_mtime, UTC)
                result = container.imports.import_local_file(
                    owner, path, filename=path.name, file_modified_at=modified
                )
        except DomainError as exc:
            self._count_failure(path, exc.message)
            return
        except OSError as exc:
            self._count_failure(path, exc.strerror or str(exc))
            return
        except Exception:
            log.exception("drop: importing %s failed", path)
            self._count_failure(path, "An unexpected error stopped this file.")
            return
        with self._lock:
            self.current = None
            if result.duplicate:
                self.duplicates += 1
            else:
                self.imported += 1

    def _count_failure(self, path: Path, reason: str) -> None:
        log.info("drop: %s not imported: %s", path, reason)
        with self._lock:
            self.current = None
            self.failed += 1
            self.failures.append({"name": path.name, "reason": reason})
