"""A child process whose output is collected line by line, waited on by pattern: the desktop
window's tests, the bundle's window smoke and the HTTPS serve tests start Mediabox this way."""

from __future__ import annotations

import re
import signal
import subprocess
import threading
import time


class Collected:
    """`command` running with `env`, stdout and stderr merged into `lines`."""

    def __init__(self, command: list[str], env: dict[str, str]):
        self.proc = subprocess.Popen(
            command,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            errors="replace",
        )
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))

    @property
    def output(self) -> str:
        return "\n".join(self.lines)

    def wait_for(self, pattern: str, timeout: float = 60) -> None:
        """Until a line matches `pattern`; AssertionError (with the output) when the process
        exits first or `timeout` passes."""
        deadline = time.monotonic() + timeout
        while not any(re.search(pattern, line) for line in self.lines):
            if self.proc.poll() is not None:
                self._reader.join(2)
                if any(re.search(pattern, line) for line in self.lines):
                    return
                raise AssertionError(
                    f"exited ({self.proc.returncode}) before {pattern!r}:\n{self.output}"
                )
            if time.monotonic() > deadline:
                raise AssertionError(f"no {pattern!r} within {timeout} s:\n{self.output[-4000:]}")
            time.sleep(0.1)

    def stop(self, sig=signal.SIGTERM, drain: float = 5) -> float:
        """Send `sig`; seconds until the process was gone. The output is read to its end
        afterwards (up to `drain` s: a child such as WebKit's web process may hold the pipe)."""
        started = time.monotonic()
        self.proc.send_signal(sig)
        self.proc.wait(30)
        seconds = time.monotonic() - started
        self._reader.join(drain)
        return seconds

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)
