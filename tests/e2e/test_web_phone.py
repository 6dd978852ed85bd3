"""`psoas serve --phone` as a real server process bound to 127.0.0.1 (this computer) and
127.0.0.2 (standing in for the home-network address). Requests whose peer is 127.0.0.2 are
"the network": refused unless the device completed pairing; the paired device gets its pages
until the desktop unpairs it. Over plain HTTP and over HTTPS with a self-signed certificate."""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from psoas.cli import app

PHONE_IP = "127.0.0.2"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
CODE = re.compile(r"Pairing code: ([A-Z0-9]{4}-[A-Z0-9]{4})")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PhoneServer:
    def __init__(self, folder: Path, cert: tuple[Path, Path] | None = None) -> None:
        self.port = _free_port()
        self.scheme = "https" if cert else "http"
        args = [sys.executable, "-m", "psoas", "serve", "--phone", "--port", str(self.port)]
        args += ["--phone-address", PHONE_IP]
        if cert:
            args += ["--ssl-certfile", str(cert[0]), "--ssl-keyfile", str(cert[1])]
        env = {**os.environ, "PSOAS_DATA_DIR": str(folder), "PSOAS_DATABASE_URL": ""}
        self.out = folder / "serve.txt"
        with self.out.open("w") as sink:
            self.process = subprocess.Popen(args, stdout=sink, stderr=subprocess.STDOUT, env=env)
        self.verify: str | bool = str(cert[0]) if cert else False
        self.clients: list[httpx.Client] = []
        self.code = self._wait()

    def _wait(self) -> str:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            found = CODE.search(self.out.read_text())
            if found and self._listening():
                return found.group(1)
            if self.process.poll() is not None:
                raise AssertionError(self.out.read_text())
            time.sleep(0.2)
        raise AssertionError("the phone server did not start: " + self.out.read_text())

    def _listening(self) -> bool:
        try:
            socket.create_connection((PHONE_IP, self.port), timeout=1).close()
            return True
        except OSError:
            return False

    def client(self, source: str, target: str | None = None) -> httpx.Client:
        """A device whose connections come from ``source``, talking to ``target``."""
        transport = httpx.HTTPTransport(local_address=source, verify=self.verify)
        base = f"{self.scheme}://{target or source}:{self.port}"
        client = httpx.Client(transport=transport, base_url=base, verify=self.verify)
        self.clients.append(client)
        return client

    def stop(self) -> None:
        for client in self.clients:
            client.close()
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
            raise AssertionError("the server did not stop on SIGTERM") from None


@pytest.fixture
def plain(tmp_path) -> Iterator[PhoneServer]:  # type: ignore[no-untyped-def]
    server = PhoneServer(tmp_path)
    yield server
    server.stop()


def _pair(phone: httpx.Client, code: str, name: str = "Test phone") -> httpx.Response:
    token = CSRF.search(phone.get("/pair").text).group(1)  # type: ignore[union-attr]
    body = {"csrf_token": token, "code": code, "device_name": name}
    return phone.post("/pair", data=body)


def _desktop_form(desktop: httpx.Client, url: str, **fields: str) -> httpx.Response:
    token = CSRF.search(desktop.get("/settings").text).group(1)  # type: ignore[union-attr]
    return desktop.post(url, data={"csrf_token": token, **fields})


def test_unpaired_devices_get_nothing_and_a_paired_one_gets_its_pages(plain):
    phone = plain.client(PHONE_IP)
    desktop = plain.client("127.0.0.1")
    assert desktop.get("/").status_code == 200
    for path in ("/", "/api/today", "/settings", "/session/anything", "/sw.js"):
        refused = phone.get(path)
        assert refused.status_code == 403, path
        assert "not paired" in refused.text
    assert phone.post("/api/plan", json={}).status_code == 403
    # the peer decides, not the address dialled: the network reaching the desktop socket
    assert plain.client(PHONE_IP, "127.0.0.1").get("/api/today").status_code == 403
    assert phone.get("/", headers={"Host": "evil.example"}).status_code == 421
    page = phone.get("/pair")
    assert page.status_code == 200 and "not encrypted" in page.text

    wrong = _pair(phone, "AAAA-AAAA")
    assert wrong.status_code == 422 and "wrong or has expired" in wrong.text
    assert phone.get("/").status_code == 403
    paired = _pair(phone, plain.code.lower().replace("-", " "))  # typed loosely
    assert paired.status_code == 303
    cookie = paired.headers["set-cookie"]
    assert "psoas_device=" in cookie and "HttpOnly" in cookie and "Secure" not in cookie
    assert phone.get("/").status_code == 200
    assert phone.get("/api/today").status_code == 200
    assert "Plain connection (HTTP)" in phone.get("/habits").text

    second = plain.client(PHONE_IP)
    assert second.get("/api/today").status_code == 403
    assert _pair(second, plain.code).status_code == 422  # a code pairs one phone only
    assert phone.post("/settings/phone/code").status_code in (400, 403)  # desktop only

    settings = desktop.get("/settings").text
    assert "Test phone" in settings
    device_id = re.search(r'name="device_id" value="([^"]+)"', settings).group(1)  # type: ignore[union-attr]
    revoked = _desktop_form(desktop, "/settings/phone/revoke", device_id=device_id)
    assert revoked.status_code == 303
    assert phone.get("/api/today").status_code == 403
    assert "Test phone" not in desktop.get("/settings").text


def test_the_desktop_makes_new_codes_and_wrong_guesses_use_one_up(plain):
    desktop = plain.client("127.0.0.1")
    assert _desktop_form(desktop, "/settings/phone/code").status_code == 303
    settings = desktop.get("/settings").text
    code = re.search(r'id="pair-code">([A-Z0-9-]+)<', settings).group(1)  # type: ignore[union-attr]
    assert code != plain.code and f"http://{PHONE_IP}:{plain.port}/pair" in settings
    assert 'class="qr"' in settings
    phone = plain.client(PHONE_IP)
    assert _pair(phone, plain.code).status_code == 422  # the old code stopped working
    for _ in range(5):
        assert _pair(phone, "ZZZZ-ZZZZ").status_code == 422
    assert _pair(phone, code).status_code == 422  # five wrong guesses used it up
    assert phone.get("/").status_code == 403


def _certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for both test addresses (cryptography, a test dependency)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "psoas test")])
    now = dt.datetime.now(dt.UTC)
    addresses = [x509.IPAddress(ipaddress.ip_address(a)) for a in ("127.0.0.1", PHONE_IP)]
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName(addresses), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
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


def test_https_with_a_certificate(tmp_path):
    server = PhoneServer(tmp_path, _certificate(tmp_path))
    try:
        assert "plain HTTP" not in server.out.read_text()
        phone = server.client(PHONE_IP)
        page = phone.get("/pair")
        assert page.status_code == 200 and "not encrypted" not in page.text
        assert phone.get("/api/today").status_code == 403
        paired = _pair(phone, server.code)
        assert paired.status_code == 303 and "Secure" in paired.headers["set-cookie"]
        assert phone.get("/api/today").status_code == 200
        assert phone.get("/manifest.webmanifest").status_code == 200
        assert server.client("127.0.0.1").get("/settings").status_code == 200
    finally:
        server.stop()


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--phone", "--clinic"], "personal mode"),
        (["--phone", "--phone-address", "127.0.0.1"], "home-network address"),
        (["--phone", "--phone-address", "my-phone"], "--phone-address"),
        (["--ssl-certfile", "cert.pem"], "both --ssl-certfile and --ssl-keyfile"),
        (["--ssl-certfile", "nope.pem", "--ssl-keyfile", "nope.key"], "no such file"),
    ],
)
def test_bad_phone_options_get_one_line_and_exit_2(args, words, tmp_path, monkeypatch):
    monkeypatch.setenv("PSOAS_DATA_DIR", str(tmp_path))
    result = CliRunner().invoke(app, ["serve", *args])
    assert result.exit_code == 2, result.output
    assert words in result.output and "Traceback" not in result.output
