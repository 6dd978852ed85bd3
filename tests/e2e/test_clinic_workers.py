"""Two real psoas processes (``psoas serve --clinic``) on one PostgreSQL database, as behind a
load balancer: a browser's requests alternate between them. Whatever one process writes, the
other reads at once; log-in limits, account locks and two-factor replay count across both;
every look at a client's records is in the audit log once, whichever process answered; an
assessment goes on page by page across both; and ``--workers 2`` serves too.

PostgreSQL only (several processes need a shared server database); skipped without it on a
plain machine, failed under PSOAS_TEST_STRICT=1.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pyotp
import pytest
from tests.e2e.clinic_support import PASSWORD, database_url
from tests.e2e.web_support import calm_answers, field_errors, form_value

from psoas.bootstrap import Argon2Hasher, build_context
from psoas.config import get_settings
from psoas.domain.clinic.accounts import MAX_FAILURES_PER_SOURCE, AuditAction, Role, User
from psoas.services import assessment as assessment_service
from psoas.services import plans
from psoas.services.clinic import accounts, invites

CLINICIAN = "clinician@clinic.test"
CLIENT = "client@clinic.test"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start(url: str, folder: Path, workers: int = 1) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    env = {
        **os.environ,
        "PSOAS_DATABASE_URL": url,
        "PSOAS_DATA_DIR": str(folder),  # one data folder: the same cookie-signing key
        "PSOAS_SECURE_COOKIES": "false",
    }
    command = [sys.executable, "-m", "psoas", "serve", "--clinic", "--port", str(port)]
    if workers > 1:
        command += ["--workers", str(workers)]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/login", timeout=5).status_code == 200:
                return server, base
        except httpx.TransportError:
            time.sleep(0.2)
    server.terminate()
    raise AssertionError(f"psoas did not start at {base}")


@dataclass
class Pair:
    ctx: Any
    bases: tuple[str, str]
    users: dict[str, User]
    folder: Path
    url: str


class Browser:
    """One person's browser (one cookie jar) whose requests a balancer sends to either process."""

    def __init__(self, pair: Pair, address: str) -> None:
        self.pair = pair
        self.http = httpx.Client(headers={"X-Forwarded-For": address}, timeout=60)

    def url(self, worker: int, path: str) -> str:
        return f"{self.pair.bases[worker]}{path}"

    def get(self, worker: int, path: str) -> httpx.Response:
        return self.http.get(self.url(worker, path))

    def token(self, worker: int) -> str:
        return str(self.get(worker, "/api/csrf").json()["csrf_token"])

    def form(self, worker: int, path: str, data: dict[str, str]) -> httpx.Response:
        body = {**data, "csrf_token": self.token(worker)}
        return self.http.post(self.url(worker, path), data=body)

    def api(self, worker: int, path: str, body: object) -> httpx.Response:
        headers = {"X-CSRF-Token": self.token(worker)}
        return self.http.post(self.url(worker, path), json=body, headers=headers)

    def log_in(self, worker: int, email: str, password: str = PASSWORD) -> httpx.Response:
        return self.form(worker, "/login", {"email": email, "password": password})


@pytest.fixture(scope="module")
def pair(tmp_path_factory, request) -> Iterator[Pair]:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("workers")
    url = database_url("postgresql", folder, request)
    settings = get_settings(data_dir=folder, database_url=url, mode="clinic")
    ctx = build_context(settings)
    ctx = type(ctx)(**{**ctx.__dict__, "hasher": Argon2Hasher(memory_kib=1024, passes=1)})
    users = {
        "admin": accounts.create_account(
            ctx, email="admin@clinic.test", role=Role.ADMIN, display_name="Admin", password=PASSWORD
        ),
        "clinician": accounts.create_account(
            ctx, email=CLINICIAN, role=Role.CLINICIAN, display_name="Dr Two", password=PASSWORD
        ),
    }
    issued = invites.invite_client(ctx, users["clinician"], email=CLIENT, display_name="Cleo")
    users["client"] = invites.accept_invite(ctx, issued.code, PASSWORD)
    pid = users["client"].person_id
    assessment_service.run_assessment(ctx, pid, calm_answers(ctx.questionnaire))
    plans.new_plan(ctx, pid)
    servers = [_start(url, folder) for _ in range(2)]
    try:
        yield Pair(ctx, (servers[0][1], servers[1][1]), users, folder, url)
    finally:
        for server, _ in servers:
            server.terminate()
            server.wait(timeout=30)


def test_a_write_through_one_process_is_read_at_once_through_the_other(pair: Pair):
    client = Browser(pair, "198.51.100.1")
    assert client.log_in(0, CLIENT).status_code == 303
    pains = "/api/measurements?kind=pain"
    before = client.get(1, "/api/progress").json()  # the other process reads (and may keep) it
    known = [m["value"] for m in client.get(1, pains).json()]
    assert client.api(0, "/api/measurements", {"kind": "pain", "value": 6}).status_code == 201
    assert client.get(1, "/api/progress").json() != before
    assert [m["value"] for m in client.get(1, pains).json()] == [*known, 6.0]
    clinician = Browser(pair, "198.51.100.2")
    assert clinician.log_in(1, CLINICIAN).status_code == 303
    pid = pair.users["client"].person_id
    note = {"kind": "pain", "value": 3}
    assert clinician.api(1, f"/api/clients/{pid}/measurements", note).status_code == 201
    assert [m["value"] for m in client.get(0, pains).json()] == [*known, 6.0, 3.0]
    rows = clinician.get(0, "/api/clients").json()
    assert [r["person_id"] for r in rows] == [pid]


def test_the_caseload_shows_a_clients_write_at_once_whichever_process_answers(pair: Pair):
    """The list's kept rows live in the database with a version the write itself moves, so a
    clinician never sees a row older than the client's last write on either process."""
    clinician = Browser(pair, "198.51.100.5")
    assert clinician.log_in(0, CLINICIAN).status_code == 303
    client = Browser(pair, "198.51.100.6")
    assert client.log_in(1, CLIENT).status_code == 303

    def alerts(worker: int) -> list[str]:
        rows = clinician.get(worker, "/api/clients").json()
        return [a["reason"] for a in rows[0]["alerts"] if a["kind"] == "high pain"]

    before = alerts(0)
    assert alerts(1) == before  # both processes now serve the kept row
    assert client.api(1, "/api/measurements", {"kind": "pain", "value": 9}).status_code == 201
    assert len(alerts(0)) == len(before) + 1 and any("9/10" in a for a in alerts(0))
    assert len(alerts(1)) == len(before) + 1
    assert "9/10" in clinician.get(1, "/clients").text


def test_the_log_in_limit_of_an_address_counts_across_processes(pair: Pair):
    sprayer = Browser(pair, "203.0.113.7")
    for n in range(MAX_FAILURES_PER_SOURCE):
        assert sprayer.log_in(n % 2, f"guess{n}@clinic.test", "Winter2026!").status_code == 401
    for worker in (0, 1):  # the right password waits now, on either process
        blocked = sprayer.log_in(worker, CLINICIAN)
        assert blocked.status_code == 429 and blocked.headers["Retry-After"]
    elsewhere = Browser(pair, "198.51.100.30")
    assert elsewhere.log_in(1, CLINICIAN).status_code == 303


def test_two_factor_codes_lock_and_are_never_replayed_across_processes(pair: Pair):
    setup = Browser(pair, "198.51.100.40")
    assert setup.log_in(0, "admin@clinic.test").status_code == 303
    page = setup.get(1, "/account").text
    secret = page.split('name="secret" value="')[1].split('"')[0]
    code = pyotp.TOTP(secret).now()
    assert setup.form(1, "/account/two-factor", {"secret": secret, "code": code}).status_code == 303
    fresh = Browser(pair, "198.51.100.41")
    assert fresh.log_in(1, "admin@clinic.test").status_code == 200  # asks for a code
    replay = fresh.form(0, "/login/code", {"code": code})  # accepted once, on the other process
    assert replay.status_code == 422
    assert fresh.get(0, "/admin/audit").status_code in (303, 401)  # still not logged in
    guesser = Browser(pair, "198.51.100.42")
    assert guesser.log_in(0, "admin@clinic.test").status_code == 200
    for n in range(5):  # wrong codes alternate between the processes
        assert guesser.form(n % 2, "/login/code", {"code": "000000"}).status_code == 422
    right = guesser.form(1, "/login/code", {"code": pyotp.TOTP(secret).now()})
    assert right.status_code == 401 and "locked" in right.text


def test_every_look_at_a_record_is_audited_once_whichever_process_answers(pair: Pair):
    clinician = Browser(pair, "198.51.100.50")
    assert clinician.log_in(0, CLINICIAN).status_code == 303
    pid = pair.users["client"].person_id
    before = _views(pair, pid)
    for n in range(6):
        assert clinician.get(n % 2, f"/api/clients/{pid}").status_code == 200
    assert _views(pair, pid) - before == 6


def _views(pair: Pair, pid: str) -> int:
    with pair.ctx.uow() as uow:
        entries = uow.audit.list(person_id=pid, limit=10_000)
    clinician = pair.users["clinician"].id
    return sum(
        1
        for e in entries
        if e.actor_id == clinician and e.action is AuditAction.VIEWED and e.what == "client detail"
    )


def test_an_assessment_goes_on_page_by_page_whichever_process_answers(pair: Pair):
    client = Browser(pair, "198.51.100.70")
    assert client.log_in(0, CLIENT).status_code == 303
    answers = calm_answers(pair.ctx.questionnaire)
    response, turn = client.get(1, "/assessment"), 0
    for _ in range(40):  # each page goes to the other process than the one that showed it
        step = re.search(r'name="step" value="(\d+)"', response.text)
        assert step, response.text[:300]
        names = set(re.findall(r'name="([a-z_0-9]+)"', response.text)) - {"csrf_token", "step"}
        data = {n: form_value(answers[n]) for n in names if n in answers}
        response = client.form(
            turn, "/assessment", {**data, "step": step.group(1), "action": "next"}
        )
        turn = 1 - turn
        if response.status_code == 303:
            if response.headers["location"].endswith("/assessment/result"):
                break
            response = client.get(turn, response.headers["location"])
        else:
            assert response.status_code == 200, field_errors(response.text)
    else:
        raise AssertionError("the assessment did not finish")
    with pair.ctx.uow() as uow:
        assert uow.drafts.get(pair.users["client"].person_id) == {}  # done: the draft is gone


def test_workers_option_serves_from_several_processes(pair: Pair):
    server, base = _start(pair.url, pair.folder, workers=2)  # the same database
    try:
        clinician = httpx.Client(headers={"X-Forwarded-For": "198.51.100.60"}, timeout=60)
        token = clinician.get(f"{base}/api/csrf").json()["csrf_token"]
        body = {"email": CLINICIAN, "password": PASSWORD, "csrf_token": token}
        assert clinician.post(f"{base}/login", data=body).status_code == 303
        for _ in range(8):  # whichever worker answers, the session and the caseload are there
            assert len(clinician.get(f"{base}/api/clients").json()) == 1
        workers = [
            pid
            for pid in Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
            if "spawn_main" in Path(f"/proc/{pid}/cmdline").read_text()
        ]
        assert len(workers) == 2
        for pid in workers:  # glibc's mmap threshold fixed (psoas.cli.serve_memory)
            assert b"MALLOC_MMAP_THRESHOLD_=131072" in Path(f"/proc/{pid}/environ").read_bytes()
    finally:
        server.terminate()
        server.wait(timeout=30)
