"""Optional SMTP: invite and reset links are e-mailed through a real (local, minimal) SMTP
server when PSOAS_SMTP_URL is set; without it, or when the server is down, the links are only
shown."""

from __future__ import annotations

import re
import socket
import socketserver
import threading
from collections.abc import Iterator
from dataclasses import replace

import pytest
from tests.e2e.clinic_support import make_clinic

from psoas.bootstrap import SmtpMailer
from psoas.config import get_settings
from psoas.domain.errors import InvalidValue


class _SmtpSession(socketserver.StreamRequestHandler):
    """Just enough SMTP (RFC 5321) to accept mail: greet, EHLO, MAIL, RCPT, DATA, QUIT."""

    def handle(self) -> None:
        self._say("220 test ready")
        while line := self.rfile.readline().decode("ascii", "replace").strip():
            verb = line.split(" ", 1)[0].upper()
            if verb in ("EHLO", "HELO"):
                self._say("250 test")
            elif verb == "DATA":
                self._say("354 go ahead")
                self.server.messages.append(self._data())  # type: ignore[attr-defined]
                self._say("250 queued")
            elif verb == "QUIT":
                self._say("221 bye")
                return
            else:
                self._say("250 ok")

    def _data(self) -> str:
        lines = []
        while (line := self.rfile.readline().decode("utf-8", "replace")) not in (".\r\n", ""):
            lines.append(line)
        return "".join(lines)

    def _say(self, text: str) -> None:
        self.wfile.write(f"{text}\r\n".encode("ascii"))


@pytest.fixture
def smtp() -> Iterator[socketserver.ThreadingTCPServer]:
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _SmtpSession)
    server.messages = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def _url(server: socketserver.TCPServer) -> str:
    return f"smtp://127.0.0.1:{server.server_address[1]}"


def test_the_mailer_sends_and_reports_a_server_that_is_down(smtp):
    mailer = SmtpMailer(_url(smtp), "clinic@example.org")
    assert mailer.send("cara@example.org", "Hello", "A link: https://x/invite/abc")
    assert "To: cara@example.org" in smtp.messages[0] and "invite/abc" in smtp.messages[0]
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        free = s.getsockname()[1]
    assert not SmtpMailer(f"smtp://127.0.0.1:{free}", "x@example.org", timeout=2).send(
        "a@b.c", "s", "b"
    )


def test_a_bad_smtp_url_names_the_setting():
    with pytest.raises(InvalidValue) as bad:
        SmtpMailer("http://mail.example.org", "x@example.org")
    assert bad.value.field == "PSOAS_SMTP_URL"


def test_invites_and_resets_are_emailed_when_smtp_is_configured(smtp, tmp_path, request):
    clinic = make_clinic("sqlite", tmp_path, request, with_records=False)
    clinic.ctx = replace(clinic.ctx, mailer=SmtpMailer(_url(smtp), "clinic@example.org"))
    clinic.app.state.context = clinic.ctx
    doctor = clinic.client("clinician_a")
    page = doctor.form("/clients/invite", {"email": "cara@example.org", "display_name": "Cara"})
    link = re.search(r'id="invite-link">([^<]+)<', page.text).group(1)
    assert "Also sent by e-mail to cara@example.org" in page.text
    assert link in smtp.messages[0].replace("=\r\n", "")
    reset = doctor.form(f"/clients/{clinic.person_a}/reset", {})
    assert "Also sent by e-mail to client_a@clinic.test" in reset.text
    assert len(smtp.messages) == 2


def test_without_smtp_the_links_are_only_shown(tmp_path, request):
    assert get_settings().smtp_url == ""
    clinic = make_clinic("sqlite", tmp_path, request, with_records=False)
    page = clinic.client("clinician_a").form(
        "/clients/invite", {"email": "dan@example.org", "display_name": "Dan"}
    )
    assert 'id="invite-link"' in page.text and "Also sent by e-mail" not in page.text
