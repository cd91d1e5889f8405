"""Serve the full app with another WSGI server, for the server comparison of the benchmarks:
`python scripts/bench/_wsgi_runner.py cheroot|granian PORT THREADS` (config from the
environment, migrations first, no job consumer — like `mediabox serve --no-worker`)."""

from __future__ import annotations

import signal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def serve_cheroot(port: int, threads: int) -> None:
    from cheroot import wsgi

    from mediabox.app import create_app

    server = wsgi.Server(("127.0.0.1", port), create_app(), numthreads=threads)
    server.max_request_body_size = 0  # the app checks sizes itself
    signal.signal(signal.SIGTERM, lambda *_: server.stop())
    server.safe_start()


def serve_granian(port: int, threads: int) -> None:
    from granian import Granian

    Granian(
        "mediabox.app:create_app",
        factory=True,
        address="127.0.0.1",
        port=port,
        interface="wsgi",
        workers=1,
        blocking_threads=threads,
        log_enabled=False,
    ).serve()


def main() -> None:
    from mediabox.launch.server import upgrade_in_a_child_process

    kind, port, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    upgrade_in_a_child_process()
    {"cheroot": serve_cheroot, "granian": serve_granian}[kind](port, threads)


if __name__ == "__main__":
    main()
