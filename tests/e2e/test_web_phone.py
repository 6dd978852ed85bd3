"""`psoas serve --phone` as a real server process bound to 127.0.0.1 (this computer) and
127.0.0.2 (standing in for the home-network address). Requests whose peer is 127.0.0.2 are
"the network": refused unless the device completed pairing; the paired device gets its pages
until the desktop unpairs it. Over plain HTTP and over HTTPS with a self-signed certificate."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest
from tests.e2e.phone_support import CSRF, PHONE_IP, PhoneServer, certificate, pair
from typer.testing import CliRunner

from psoas.cli import app


@pytest.fixture
def plain(tmp_path) -> Iterator[PhoneServer]:  # type: ignore[no-untyped-def]
    server = PhoneServer(tmp_path)
    yield server
    server.stop()


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

    wrong = pair(phone, "AAAA-AAAA")
    assert wrong.status_code == 422 and "wrong or has expired" in wrong.text
    assert phone.get("/").status_code == 403
    paired = pair(phone, plain.code.lower().replace("-", " "))  # typed loosely
    assert paired.status_code == 303
    cookie = paired.headers["set-cookie"]
    assert "psoas_device=" in cookie and "HttpOnly" in cookie and "Secure" not in cookie
    assert phone.get("/").status_code == 200
    assert phone.get("/api/today").status_code == 200
    assert "Plain connection (HTTP)" in phone.get("/habits").text

    second = plain.client(PHONE_IP)
    assert second.get("/api/today").status_code == 403
    assert pair(second, plain.code).status_code == 422  # a code pairs one phone only
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
    assert pair(phone, plain.code).status_code == 422  # the old code stopped working
    for _ in range(5):
        assert pair(phone, "ZZZZ-ZZZZ").status_code == 422
    assert pair(phone, code).status_code == 422  # five wrong guesses used it up
    assert phone.get("/").status_code == 403


def test_https_with_acertificate(tmp_path):
    server = PhoneServer(tmp_path, certificate(tmp_path))
    try:
        assert "plain HTTP" not in server.out.read_text()
        phone = server.client(PHONE_IP)
        page = phone.get("/pair")
        assert page.status_code == 200 and "not encrypted" not in page.text
        assert phone.get("/api/today").status_code == 403
        paired = pair(phone, server.code)
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
