"""The LAN side of a launcher: the addresses a phone on the same network can use, a QR code
of the first one for the terminal, and the mDNS announcement "Mediabox on HOST" (zeroconf),
withdrawn on stop. `LanSharing` is the desktop's "Open on my network": a second listener on
0.0.0.0 serving the same app, started and stopped from the settings."""

from __future__ import annotations

import ipaddress
import logging
import socket
import threading
from collections.abc import Sequence

from mediabox.infra.http_limits import BodyLimits
from mediabox.launch.instance import choose_port
from mediabox.launch.listener import Listener

log = logging.getLogger(__name__)

SERVICE_TYPE = "_http._tcp.local."
HTTPS_SERVICE_TYPE = "_https._tcp.local."
ANY_HOST = "0.0.0.0"  # noqa: S104 - the LAN listener is meant for the whole network


def service_name(hostname: str | None = None) -> str:
    """The name people see in their network browser: "Mediabox on HOST"."""
    host = (hostname or socket.gethostname()).split(".", 1)[0]
    return f"Mediabox on {host}"


def lan_addresses() -> list[str]:
    """This machine's IPv4 addresses other than loopback and link-local, in adapter order."""
    import ifaddr

    found = []
    for adapter in ifaddr.get_adapters():
        for ip in adapter.ips:
            if not isinstance(ip.ip, str):
                continue
            address = ipaddress.IPv4Address(ip.ip)
            if not (address.is_loopback or address.is_link_local) and ip.ip not in found:
                found.append(ip.ip)
    return found


def lan_urls(host: str, port: int, scheme: str = "http") -> list[str]:
    """URLs to reach a listener bound to `host`: every LAN address for 0.0.0.0."""
    if host in (ANY_HOST, "", "::"):
        return [f"{scheme}://{address}:{port}/" for address in lan_addresses()] or [
            f"{scheme}://127.0.0.1:{port}/"
        ]
    return [f"{scheme}://{host}:{port}/"]


def terminal_qr(url: str) -> str:
    """A QR code of `url` drawn with block characters, for the startup banner."""
    import io

    import segno

    out = io.StringIO()
    segno.make(url, error="m").terminal(out=out, compact=True, border=2)
    return out.getvalue()


class Announcement:
    """An mDNS `_http._tcp` service for a port; `withdraw()` unregisters it."""

    def __init__(
        self,
        port: int,
        addresses: Sequence[str],
        *,
        name: str | None = None,
        interfaces: Sequence[str] | None = None,
        service_type: str = SERVICE_TYPE,
    ):
        from zeroconf import IPVersion, ServiceInfo, Zeroconf

        self.name = name or service_name()
        self.info = ServiceInfo(
            service_type,
            f"{self.name}.{service_type}",
            addresses=[socket.inet_aton(a) for a in addresses],
            port=port,
            properties={"path": "/"},
            server=f"{socket.gethostname().split('.', 1)[0]}.local.",
        )

        def register() -> Zeroconf:
            zeroconf = Zeroconf(
                interfaces=list(interfaces) if interfaces else None, ip_version=IPVersion.V4Only
            )
            try:
                zeroconf.register_service(self.info, allow_name_change=True)
            except Exception:
                zeroconf.close()
                raise
            return zeroconf

        self._zeroconf = outside_any_event_loop(register)
        log.info("mDNS: announced %r on port %d", self.name, port)

    def withdraw(self) -> None:
        def unregister() -> None:
            try:
                self._zeroconf.unregister_service(self.info)
            finally:
                self._zeroconf.close()

        outside_any_event_loop(unregister)
        log.info("mDNS: withdrew %r", self.name)


def outside_any_event_loop(call):
    """Run zeroconf's blocking API on a plain thread: called from a thread that runs an asyncio
    loop (a GUI toolkit's, a test runner's), it refuses with EventLoopBlocked."""
    outcome: dict = {}

    def run() -> None:
        try:
            outcome["value"] = call()
        except BaseException as exc:  # re-raised in the caller's thread
            outcome["error"] = exc

    thread = threading.Thread(target=run, name="mediabox-mdns", daemon=True)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


def announce(
    port: int, addresses: Sequence[str], *, attempts: int = 2, **kwargs
) -> Announcement | None:
    """Announce, or log why not (a network without multicast must not stop the server). A
    busy machine can keep zeroconf's loop from answering in time: that is tried once more."""
    for attempt in range(1, attempts + 1):
        try:
            return Announcement(port, addresses, **kwargs)
        except Exception as exc:
            log.warning("mDNS announcement failed (%d/%d): %r", attempt, attempts, exc)
    return None


class LanSharing:
    """The desktop's "Open on my network": the app on 0.0.0.0 plus its mDNS announcement."""

    def __init__(self, app, *, preferred_port: int, mdns_interfaces: Sequence[str] | None = None):
        self.app = app
        self.preferred_port = preferred_port
        self.mdns_interfaces = mdns_interfaces
        self._listener: Listener | None = None
        self._announcement: Announcement | None = None
        self._lock = threading.Lock()

    def status(self) -> dict:
        with self._lock:
            if self._listener is None:
                return {"running": False, "urls": [], "name": None}
            return {
                "running": True,
                "urls": lan_urls(ANY_HOST, self._listener.port),
                "name": self._announcement.name if self._announcement else None,
            }

    def start(self) -> dict:
        with self._lock:
            if self._listener is None:
                port = choose_port(self.preferred_port, host=ANY_HOST)
                from mediabox.container import container_of

                config = container_of(self.app).config
                self._listener = Listener(
                    self.app,
                    host=ANY_HOST,
                    port=port,
                    threads=8,
                    name="lan",
                    limits=BodyLimits.from_config(config),
                    connection_limit=config.max_connections,
                ).start()
                addresses = list(self.mdns_interfaces) if self.mdns_interfaces else lan_addresses()
                self._announcement = announce(
                    port, addresses or ["127.0.0.1"], interfaces=self.mdns_interfaces
                )
                log.info("LAN: serving on port %d", port)
        return self.status()

    def stop(self) -> dict:
        with self._lock:
            listener, announcement = self._listener, self._announcement
            self._listener = self._announcement = None
        if announcement is not None:
            announcement.withdraw()
        if listener is not None:
            listener.stop()
            log.info("LAN: stopped")
        return self.status()


def lan_banner(host: str, port: int, scheme: str = "http") -> list[str]:
    """The startup banner's LAN part: the URLs a phone can open and a QR code of the first;
    nothing for a server bound to loopback only."""
    if host not in (ANY_HOST, "", "::"):
        return []
    urls = lan_urls(host, port, scheme)
    lines = [f"On your network: {url}" for url in urls]
    return [*lines, "Scan to open on a phone:", terminal_qr(urls[0]).rstrip("\n")]


def announce_server(host: str, port: int, scheme: str = "http") -> Announcement | None:
    """`mediabox serve` on all interfaces announces itself (`_https._tcp` over TLS); on
    loopback it stays quiet."""
    if host not in (ANY_HOST, "", "::"):
        return None
    service = HTTPS_SERVICE_TYPE if scheme == "https" else SERVICE_TYPE
    return announce(port, lan_addresses() or ["127.0.0.1"], service_type=service)
