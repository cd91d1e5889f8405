"""LAN: the desktop's "Open on my network" API (admin, desktop only) starts a listener on
0.0.0.0 announced over mDNS as "Mediabox on HOST" and stops it again (a zeroconf browser on
loopback watches); the serve banner shows the LAN URLs and a QR code."""

from __future__ import annotations

import socket
import threading
import time

import pytest
import requests

from mediabox.api.desktop import install_shell
from mediabox.launch import lan
from mediabox.launch.lan import SERVICE_TYPE, LanSharing, lan_banner, service_name
from tests.factories import assert_error, register, sign_up


class Shell:
    focus_token = "f" * 43

    def __init__(self, network):
        self.network = network

    def focus(self) -> None:
        pass


class Watcher:
    """A zeroconf browser on loopback, recording services as they come and go."""

    def __init__(self):
        from zeroconf import IPVersion, ServiceBrowser, Zeroconf

        self.events: list[tuple[str, str]] = []
        self.changed = threading.Event()
        self.zeroconf = Zeroconf(interfaces=["127.0.0.1"], ip_version=IPVersion.V4Only)
        self.browser = ServiceBrowser(self.zeroconf, SERVICE_TYPE, self)

    def add_service(self, _zc, _type, name):
        self.events.append(("added", name))
        self.changed.set()

    def remove_service(self, _zc, _type, name):
        self.events.append(("removed", name))
        self.changed.set()

    def update_service(self, _zc, _type, _name):
        pass

    def wait_for(self, event: tuple[str, str], timeout: float = 10) -> None:
        deadline = time.monotonic() + timeout
        while event not in self.events:
            assert time.monotonic() < deadline, (event, self.events)
            self.changed.wait(0.2)
            self.changed.clear()

    def close(self):
        self.browser.cancel()
        self.zeroconf.close()


@pytest.fixture
def watcher():
    # made and closed on a plain thread, like the app's announcements: a thread that runs an
    # asyncio loop (Playwright's, when the browser tests ran first) would capture zeroconf
    found = lan.outside_any_event_loop(Watcher)
    yield found
    lan.outside_any_event_loop(found.close)


@pytest.fixture
def desktop_app(app):
    network = LanSharing(app, preferred_port=_free_port(), mdns_interfaces=["127.0.0.1"])
    install_shell(app, Shell(network))
    yield app
    network.stop()


def test_open_on_my_network_starts_announces_and_stops_the_lan_listener(desktop_app, watcher):
    client = desktop_app.test_client()
    admin = sign_up(client)
    expected = f"{service_name()}.{SERVICE_TYPE}"

    assert client.get("/desktop/network", headers=admin.bearer).json == {
        "running": False, "urls": [], "name": None,
    }  # fmt: skip
    started = client.post("/desktop/network", headers=admin.bearer)
    assert started.status_code == 200, started.get_json()
    state = started.json
    assert state["running"] is True and state["name"] == service_name()
    port = int(state["urls"][0].rsplit(":", 1)[1].strip("/"))
    assert all(url.endswith(f":{port}/") for url in state["urls"])
    watcher.wait_for(("added", expected))
    health = requests.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=5)
    assert health.status_code == 200, "the same app answers on the LAN port"

    again = client.post("/desktop/network", headers=admin.bearer).json
    assert again == state, "starting twice keeps the one listener"
    stopped = client.delete("/desktop/network", headers=admin.bearer)
    assert stopped.json == {"running": False, "urls": [], "name": None}
    watcher.wait_for(("removed", expected))
    with pytest.raises(requests.ConnectionError):
        requests.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=5)


def test_only_an_admin_on_this_computer_may_switch_it(desktop_app):
    client = desktop_app.test_client()
    sign_up(client, "owner@example.com")
    assert register(client, "guest@example.com").status_code == 201
    guest = sign_up_existing(client, "guest@example.com")
    assert_error(client.post("/desktop/network", headers=guest), 403)
    assert_error(desktop_app.test_client().post("/desktop/network"), 401)
    owner = sign_up_existing(client, "owner@example.com")
    remote = client.post(
        "/desktop/network", headers=owner, environ_base={"REMOTE_ADDR": "192.168.1.9"}
    )
    assert_error(remote, 404, "not_found")


def test_the_network_api_does_not_exist_outside_the_desktop(client):
    owner = sign_up(client)
    for method in ("GET", "POST", "DELETE"):
        response = client.open("/desktop/network", method=method, headers=owner.bearer)
        assert_error(response, 404, "not_found")


def test_the_serve_banner_shows_lan_urls_and_a_qr_code(monkeypatch):
    monkeypatch.setattr(lan, "lan_addresses", lambda: ["192.168.1.20", "10.0.0.7"])
    banner = lan_banner("0.0.0.0", 8765)
    assert banner[:2] == [
        "On your network: http://192.168.1.20:8765/",
        "On your network: http://10.0.0.7:8765/",
    ]
    qr = banner[-1].splitlines()
    assert len(qr) > 10 and all("█" in line or "▀" in line for line in qr)
    assert lan_banner("127.0.0.1", 8765) == []


def sign_up_existing(client, email: str) -> dict[str, str]:
    from tests.factories import login

    response = login(client, email)
    assert response.status_code == 200, response.json
    return {"Authorization": f"Bearer {response.json['access_token']}"}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_no_free_port_is_a_clear_conflict_and_nothing_runs(desktop_app, monkeypatch):
    def taken(*_args, **_kwargs):
        raise OSError(98, "Address already in use")

    monkeypatch.setattr(lan, "choose_port", taken)
    client = desktop_app.test_client()
    admin = sign_up(client)
    refused = client.post("/desktop/network", headers=admin.bearer)
    assert_error(refused, 409, "network_unavailable")
    assert refused.json["error"]["message"] == (
        "No port could be opened on the network: Address already in use"
    )
    assert client.get("/desktop/network", headers=admin.bearer).json["running"] is False
