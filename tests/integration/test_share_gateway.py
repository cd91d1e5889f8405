"""The share gateway on a real socket (SPEC §4b): every route of the full app answers 404 there
with no credentials, the owner's cookies, a bearer token or a library blob URL, except the
public share API and blob URLs of assets a live link names; a revoked or expired link's blob
URLs stop at once; links point at PUBLIC_SHARE_URL when it is set."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time

import pytest
import requests
from sqlalchemy import create_engine, text

from mediabox.container import container_of
from mediabox.infra.config import Config
from mediabox.launch.gateway import start_share_gateway
from tests.factories import owner_file_url, share_token, upload_photo
from tests.integration.processing.helpers import small_jpeg

PUBLIC_ENDPOINTS = {
    "public_shares.open_share",
    "public_shares.unlock_share",
    "public_shares.list_share_assets",
    "public_shares.share_download_url",
    "public_shares.create_share_zip",
    "public_shares.download_share_zip",
    "share_page.share_page",
}
ARGUMENT = re.compile(r"<(?:[^:<>]+:)?([^<>]+)>")


@pytest.fixture
def gateway(local_library):
    """The share gateway on a free port of 127.0.0.1, over the library's database and store."""
    listener = start_share_gateway(
        container_of(local_library.app).config, host="127.0.0.1", port=0, threads=2
    )
    yield listener
    listener.stop()
    from mediabox.infra.db import db

    with listener.app.app_context():
        db.session.remove()
        db.engine.dispose()


def _shared_blob_url(base: str, token: str, asset_id: str) -> str:
    response = requests.get(
        f"{base}api/v1/shares/{token}/download-url",
        params={"asset_id": asset_id, "kind": "original"},
        timeout=10,
    )
    assert response.status_code == 200, response.text
    return response.json()["url"]


def test_every_route_but_the_share_surface_is_a_404_on_the_gateway_port(local_library, gateway):
    library = local_library
    private = upload_photo(library, 1)
    shared = upload_photo(library, 2)
    token = share_token(library, asset_id=shared)
    private_blob = owner_file_url(library, private)
    assert library.download(private_blob)[0] == 200, "the library's URL is valid on the library"
    values = {"token": token, "key": private_blob.split("/api/v1/blobs/", 1)[1]}
    cookies = {"access_token_cookie": library.account.access_token}
    credentials = {
        "none": {},
        "cookies": {"cookies": cookies},
        "bearer": {"headers": library.headers},
        "cookies and bearer": {"cookies": cookies, "headers": library.headers},
    }
    session = requests.Session()
    checked = public = 0
    for rule in library.app.url_map.iter_rules():
        path = ARGUMENT.sub(lambda m: values.get(m.group(1), private), rule.rule)
        if rule.endpoint == "blobs.get_blob":
            path = private_blob  # the signed query string of a library blob
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            for label, extra in credentials.items():
                response = session.request(
                    method, gateway.url.rstrip("/") + path, json={}, timeout=10, **extra
                )
                where = (label, method, path, response.status_code)
                if rule.endpoint in PUBLIC_ENDPOINTS:
                    public += 1
                    assert response.status_code != 404, where
                else:
                    checked += 1
                    assert response.status_code == 404, where
                    assert response.json()["error"]["code"] == "not_found", where
    assert public == len(PUBLIC_ENDPOINTS) * len(credentials)
    assert checked >= 45 * len(credentials)
    for path in ("/", "/login", "/setup", "/api/docs", "/api/v1/openapi.json", "/api/v1/health"):
        assert session.get(gateway.url.rstrip("/") + path, timeout=10).status_code == 404, path


def test_a_shared_blob_works_on_the_gateway_until_the_link_is_revoked(local_library, gateway):
    library = local_library
    asset_id = upload_photo(library, 3)
    token = share_token(library, asset_id=asset_id, show_location=True)
    url = gateway.url.rstrip("/") + _shared_blob_url(gateway.url, token, asset_id)
    first = requests.get(url, timeout=10)
    assert first.status_code == 200 and first.content == small_jpeg(3)
    assert requests.put(url, data=b"x", timeout=10).status_code == 404, "no uploads there"

    revoked = library.api("POST", f"/shares/{token}/revoke")
    assert revoked.status_code == 200, revoked.get_json()
    assert requests.get(url, timeout=10).status_code == 404, "no grace after a revocation"


def test_an_expired_links_blob_urls_stop_on_the_gateway_at_once(
    local_library, gateway, database_url
):
    library = local_library
    asset_id = upload_photo(library, 4)
    token = share_token(library, asset_id=asset_id, show_location=True)
    url = gateway.url.rstrip("/") + _shared_blob_url(gateway.url, token, asset_id)
    assert requests.get(url, timeout=10).status_code == 200

    engine = create_engine(database_url)  # time passes: the link's expiry is now behind us
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE shares SET expires_at = :past WHERE token = :token"),
            {"past": "2000-01-01 00:00:00", "token": token},
        )
    engine.dispose()
    assert requests.get(url, timeout=10).status_code == 404
    opened = requests.get(f"{gateway.url}api/v1/shares/{token}", timeout=10)
    assert opened.status_code in (404, 410), opened.text


def test_stopping_the_gateway_frees_its_port(local_library):
    config = container_of(local_library.app).config
    listener = start_share_gateway(config, host="127.0.0.1", port=0, threads=1)
    port = listener.port
    assert requests.get(f"{listener.url}api/v1/health", timeout=10).status_code == 404
    listener.stop()
    assert not listener.running
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind(("127.0.0.1", port))
    from mediabox.infra.db import db

    with listener.app.app_context():
        db.engine.dispose()


def test_share_links_point_at_public_share_url_when_it_is_set(library_factory):
    library = library_factory(
        "local",
        public_base_url="https://library.example.net",
        public_share_url="https://photos.example.net",
    )
    asset_id = upload_photo(library, 5)
    created = library.api("POST", "/shares", json={"asset_id": asset_id})
    assert created.json["url"] == f"https://photos.example.net/s/{created.json['token']}"
    listed = library.api("GET", "/shares").json
    items = listed["items"] if isinstance(listed, dict) else listed
    assert items[0]["url"].startswith("https://photos.example.net/s/")


def test_public_share_url_is_read_from_the_environment(tmp_path):
    config = Config.from_env(
        {"MEDIABOX_DATA_DIR": str(tmp_path), "PUBLIC_SHARE_URL": "https://photos.example.net/"}
    )
    assert config.public_share_url == "https://photos.example.net"


@pytest.fixture
def serve_env(make_app, config, database_url, tmp_path) -> dict[str, str]:
    make_app(config)  # registers the database clean-up for this test
    return {"MEDIABOX_DATA_DIR": str(tmp_path / "serve-data"), "DATABASE_URL": database_url}


def test_serve_with_share_port_runs_both_listeners_and_stops_on_sigterm(serve_env):
    port, share_port = _free_port(), _free_port()
    command = [sys.executable, "-m", "mediabox.cli", "serve", "--host", "127.0.0.1"]
    command += ["--port", str(port), "--share-port", str(share_port), "--no-worker"]
    proc = subprocess.Popen(
        command,
        env={**os.environ, **serve_env},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        health = _wait_for(f"http://127.0.0.1:{port}/api/v1/health", proc)
        assert health.status_code == 200, health.text
        gateway_health = requests.get(f"http://127.0.0.1:{share_port}/api/v1/health", timeout=5)
        assert gateway_health.status_code == 404
        unknown = requests.get(f"http://127.0.0.1:{share_port}/api/v1/shares/nope", timeout=5)
        assert unknown.status_code == 404 and unknown.json()["error"]["code"] != "not_found"
    finally:
        proc.send_signal(signal.SIGTERM)
        output = proc.communicate(timeout=15)[0]
    assert proc.returncode == 0, output
    assert f"Share gateway (share links only) on http://127.0.0.1:{share_port}/" in output
    for freed in (port, share_port):
        with socket.socket() as probe:  # a new server can listen there (as waitress would)
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(("127.0.0.1", freed))
            probe.listen()


def _wait_for(url: str, proc) -> requests.Response:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            return requests.get(url, timeout=2)
        except requests.ConnectionError:
            if proc.poll() is not None:
                pytest.fail(proc.stdout.read())
            time.sleep(0.2)
    pytest.fail(f"{url} did not answer")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
