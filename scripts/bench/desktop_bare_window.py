"""The toolkit's own cold start, for `bench_desktop_start --bare`: a pywebview window with the
GUI backend the desktop uses, on a static page with one small image served from a thread of
this process (what the desktop does, without Mediabox). Prints the same startup marks."""

from __future__ import annotations

import base64
import os
import sys
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from mediabox.infra.startup_trace import mark

mark("python up")

# A 1x1 PNG, stretched: enough for "an image in <main>, decoded".
PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
PAGE = b"""<!doctype html><html><head><meta charset=utf-8><title>bare</title></head>
<body><main><img src="/pixel.png" width=200 height=200></main></body></html>"""


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body, kind = (PIXEL, "image/png") if self.path == "/pixel.png" else (PAGE, "text/html")
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


def main() -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    mark("listening")
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # as the desktop does
        flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
        os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = f"{flags} --no-sandbox".strip()
    import webview

    mark("webview imported")
    window = webview.create_window("bare", f"http://127.0.0.1:{server.server_port}/")
    window.events.shown += lambda: mark("window shown")
    window.events.loaded += lambda: mark("page loaded /")
    mark("gui starting")
    with tempfile.TemporaryDirectory() as storage:
        webview.start(
            gui=os.environ.get("PYWEBVIEW_GUI", "qt"), private_mode=False, storage_path=storage
        )


if __name__ == "__main__":
    main()
