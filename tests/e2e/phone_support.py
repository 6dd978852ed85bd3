"""A real `psoas serve --phone` process for the tests: bound to 127.0.0.1 (this computer) and
127.0.0.2 (standing in for the home-network address), with clients whose connections come
from either address, and a self-signed certificate for the HTTPS case."""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

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


def pair(phone: httpx.Client, code: str, name: str = "Test phone") -> httpx.Response:
    token = CSRF.search(phone.get("/pair").text).group(1)  # type: ignore[union-attr]
    body = {"csrf_token": token, "code": code, "device_name": name}
    return phone.post("/pair", data=body)


def certificate(folder: Path) -> tuple[Path, Path]:
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
