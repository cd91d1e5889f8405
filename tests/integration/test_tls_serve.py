"""`mediabox serve --cert --key`: the app and the share gateway over HTTPS (cheroot), with the
same body limits and the common error shape, Secure cookies, a photo uploaded and served back,
SIGTERM stopping it with 0, and a clear message for a certificate that cannot be used."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import ipaddress
import json
import os
import re
import socket
import ssl
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from PIL import Image

from tests.support.processes import Collected

OWNER = {"email": "tls@example.com", "password": "a long tls passphrase"}


def self_signed(folder: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(key.public_key()), critical=False
        )
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE", "S3_", "MEDIA"))}
    env.pop("REDIS_URL", None)
    return env | {"MEDIABOX_DATA_DIR": str(data_dir), "ALLOW_REGISTRATION": "true"}


def serve(args: list[str], env: dict[str, str]) -> Collected:
    """`mediabox serve ARGS` in a child process, its output collected."""
    return Collected([sys.executable, "-m", "mediabox.cli", "serve", *args], env)


@pytest.fixture
def https_server(tmp_path):
    cert, key = self_signed(tmp_path)
    port, share_port = _free_port(), _free_port()
    served = serve(
        [
            "--host", "127.0.0.1", "--port", str(port), "--share-port", str(share_port),
            "--cert", str(cert), "--key", str(key),
        ],
        _env(tmp_path / "data"),
    )  # fmt: skip
    try:
        served.wait_for(r"Share gateway \(share links only\) on https://")
        served.wait_for(rf"Serving on https://127\.0\.0\.1:{port}/")
        yield served, f"https://127.0.0.1:{port}", f"https://127.0.0.1:{share_port}", str(cert)
    finally:
        served.kill()


def _declare_a_big_body(base: str, ca: str, size: int) -> tuple[int, bytes]:
    """POST a login whose Content-Length says `size` and send none of it: the answer comes
    before the body (a server that waited for it would time out here)."""
    host, port = base.split("://")[1].split(":")
    context = ssl.create_default_context(cafile=ca)
    with (
        socket.create_connection((host, int(port)), timeout=30) as raw,
        context.wrap_socket(raw, server_hostname=host) as tls,
    ):
        tls.sendall(
            b"POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/json\r\n" + f"Content-Length: {size}\r\n\r\n".encode()
        )
        answer = b""
        while chunk := tls.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), body


def _send_a_big_chunked_body(base: str, ca: str, size: int) -> tuple[int, bytes]:
    """POST a login as a chunked body of `size` bytes: refused before it is read."""
    host, port = base.split("://")[1].split(":")
    context = ssl.create_default_context(cafile=ca)
    chunk = b" " * 65536
    with (
        socket.create_connection((host, int(port)), timeout=30) as raw,
        context.wrap_socket(raw, server_hostname=host) as tls,
    ):
        tls.sendall(
            b"POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
        )
        try:
            for _ in range(size // len(chunk)):
                tls.sendall(b"%x\r\n%b\r\n" % (len(chunk), chunk))
            tls.sendall(b"0\r\n\r\n")
        except OSError:
            pass  # the server answered and closed before the end
        answer = b""
        with contextlib.suppress(OSError):
            while chunk := tls.recv(65536):
                answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    length = re.search(rb"(?i)content-length: *(\d+)", head)
    return int(head.split(b" ", 2)[1]), body[: int(length.group(1))] if length else body


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (200, 60, 30)).save(buffer, "JPEG")
    return buffer.getvalue()


def test_the_app_and_the_gateway_over_https(https_server):
    served, base, gateway, ca = https_server
    session = requests.Session()
    session.trust_env = False  # REQUESTS_CA_BUNDLE would win over `verify`
    session.verify = ca
    assert session.get(f"{base}/api/v1/health", timeout=30).status_code == 200

    with pytest.raises(requests.exceptions.SSLError):
        requests.get(f"{base}/api/v1/health", timeout=30)  # not trusted without the cert
    try:
        plain = requests.get(f"http://{base.split('://')[1]}/api/v1/health", timeout=30)
    except requests.ConnectionError:
        pass  # refused with a reset
    else:
        assert plain.status_code == 400, "plain HTTP on the HTTPS port is refused"

    assert session.post(f"{base}/api/v1/auth/register", json=OWNER, timeout=30).status_code == 201
    login = session.post(f"{base}/api/v1/auth/login", json=OWNER, timeout=30)
    assert login.status_code == 200, login.text
    cookies = {cookie.name: cookie for cookie in session.cookies}
    assert cookies and all(cookie.secure for cookie in cookies.values()), cookies
    bearer = {"Authorization": f"Bearer {login.json()['access_token']}"}

    photo = _jpeg()
    created = session.post(
        f"{base}/api/v1/uploads/create",
        json={"filename": "tls.jpg", "content_type": "image/jpeg", "size_bytes": len(photo)},
        headers=bearer,
        timeout=30,
    )
    assert created.status_code == 201, created.text
    created = created.json()
    plan = created["upload"]
    put = session.put(base + plan["url"], data=photo, headers=plan["headers"], timeout=60)
    assert put.status_code == 200, put.text
    done = session.post(
        f"{base}/api/v1/uploads/{created['asset_id']}/finalize", headers=bearer, timeout=60
    )
    assert done.status_code == 200, done.text
    grant = session.get(
        f"{base}/api/v1/assets/{created['asset_id']}/download-url?kind=original",
        headers=bearer,
        timeout=30,
    )
    assert grant.status_code == 200, grant.text
    original = session.get(base + grant.json()["url"], timeout=30)
    assert original.status_code == 200 and original.content == photo

    status, body = _declare_a_big_body(base, ca, 2 * 1024 * 1024)
    assert status == 413, body
    assert json.loads(body)["error"]["code"] == "payload_too_large"
    status, body = _send_a_big_chunked_body(base, ca, 2 * 1024 * 1024)
    assert status == 411, body
    assert json.loads(body)["error"]["code"] == "length_required"

    assert session.get(f"{gateway}/api/v1/health", timeout=30).status_code == 404
    assert session.get(f"{gateway}/api/v1/assets", headers=bearer, timeout=30).status_code == 404
    assert session.get(f"{gateway}/s/unknown-token", timeout=30).status_code == 404

    assert served.stop() < 10 and served.proc.returncode == 0, served.output


def test_a_certificate_that_cannot_be_used_is_a_clear_error(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    cert, _key = self_signed(tmp_path / "a")
    _other_cert, other_key = self_signed(tmp_path / "b")
    port = str(_free_port())
    served = serve(
        ["--host", "127.0.0.1", "--port", port, "--cert", str(cert), "--key", str(other_key)],
        _env(tmp_path / "data"),
    )
    try:
        served.proc.wait(timeout=90)
    finally:
        served.kill()
    time.sleep(0.2)  # the reader thread takes the last lines
    assert served.proc.returncode != 0
    assert f"cannot use the TLS certificate {cert}" in served.output, served.output
    assert "Traceback" not in served.output, served.output


def test_cert_without_key_is_a_usage_error(tmp_path):
    cert, _key = self_signed(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "mediabox.cli", "serve", "--cert", str(cert)],
        env=_env(tmp_path / "data"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "--cert and --key go together" in done.stderr
