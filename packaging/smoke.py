"""Smoke test of a built bundle: `python packaging/smoke.py dist/mediabox/mediabox [TARBALL]`.

Runs `mediabox serve` from the bundle headless on a free 127.0.0.1 port with a fresh data dir,
checks health, registers, uploads a photo through the API, waits for its thumbnail, stops it
and prints the bundle's size; then, when the bundle has PyGObject, opens its GTK window under
Xvfb (packaging/smoke_window.py)."""

from __future__ import annotations

import hashlib
import io
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    binary = Path(sys.argv[1]).resolve()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as data:
        env = {
            k: v for k, v in os.environ.items() if not k.startswith(("DATABASE", "S3_", "MEDIA"))
        }
        env.update(MEDIABOX_DATA_DIR=data, ALLOW_REGISTRATION="true")
        server = subprocess.Popen(  # noqa: S603 - the bundle named on the command line
            [str(binary), "serve", "--host", "127.0.0.1", "--port", str(port)], env=env, cwd=data
        )
        try:
            _wait(f"{base}/api/v1/health", server)
            account = {"email": "smoke@example.com", "password": "smoke test passphrase"}
            requests.post(
                f"{base}/api/v1/auth/register", json=account, timeout=30
            ).raise_for_status()
            login = requests.post(f"{base}/api/v1/auth/login", json=account, timeout=30)
            headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
            buffer = io.BytesIO()
            Image.new("RGB", (640, 480), (200, 80, 40)).save(buffer, "JPEG")
            photo = buffer.getvalue()
            created = requests.post(
                f"{base}/api/v1/uploads/create",
                json={"filename": "smoke.jpg", "content_type": "image/jpeg",
                      "size_bytes": len(photo), "sha256": hashlib.sha256(photo).hexdigest()},
                headers=headers, timeout=30,
            ).json()  # fmt: skip
            plan = created["upload"]
            url = plan["url"] if plan["url"].startswith("http") else base + plan["url"]
            requests.put(url, data=photo, headers=plan["headers"], timeout=60).raise_for_status()
            asset_id = created["asset_id"]
            requests.post(
                f"{base}/api/v1/uploads/{asset_id}/finalize", headers=headers, timeout=60
            ).raise_for_status()
            deadline = time.monotonic() + 120
            while True:
                asset = requests.get(
                    f"{base}/api/v1/assets/{asset_id}", headers=headers, timeout=30
                )
                if asset.json().get("thumb_url"):
                    break
                assert time.monotonic() < deadline, f"no thumbnail: {asset.text}"
                time.sleep(0.5)
            thumb = asset.json()["thumb_url"]
            thumb = thumb if thumb.startswith("http") else base + thumb
            assert requests.get(thumb, timeout=30).content[:2] == b"\xff\xd8"
            print("smoke: health, sign-up, upload and thumbnail OK")
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(30)
    files = binary.parent.rglob("*")
    size = sum(f.stat().st_size for f in files if f.is_file() and not f.is_symlink())
    print(f"smoke: server stopped with {server.returncode}; bundle {size / 1e6:.0f} MB")
    if len(sys.argv) > 2:
        print(f"smoke: tarball {Path(sys.argv[2]).stat().st_size / 1e6:.0f} MB (target < 200 MB)")
    if server.returncode != 0:
        sys.exit(f"smoke: the server exited with {server.returncode} on SIGTERM")
    _window(binary)


def _window(binary: Path) -> None:
    """The GTK window of a bundle that has PyGObject (packaging/smoke_window.py); a bundle
    built for GTK (MEDIABOX_BUNDLE_WINDOW=gtk, set by packaging/build) must have it."""
    has_gi = (binary.parent / "_internal" / "gi").is_dir()
    if os.environ.get("MEDIABOX_BUNDLE_WINDOW") == "gtk" and not has_gi:
        sys.exit("smoke: the bundle was built for the GTK window but has no PyGObject (gi)")
    if not has_gi:
        print("smoke: window: this bundle has no GTK window (no PyGObject at build time)")
        return
    from smoke_window import check_window

    shots = Path(os.environ.get("E2E_SHOTS_DIR") or ROOT / ".build" / "e2e-shots")
    check_window([str(binary)], shots)


def _wait(url: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"the bundle's server exited with {server.returncode}")
        try:
            if requests.get(url, timeout=2).ok:
                return
        except requests.ConnectionError:
            time.sleep(0.3)
    sys.exit("the bundle's server did not start")


if __name__ == "__main__":
    main()
