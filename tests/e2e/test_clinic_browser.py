"""The clinic journey in Debian's Chromium: the admin (made with `psoas users add`) creates a
clinician, the clinician invites a client, the client sets a password, completes the assessment
and a guided session on a phone, and the clinician sees it on the dashboard and adjusts the
plan. axe-core finds no violations on the clinic pages."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import uvicorn
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from tests.e2e import web_browser
from tests.e2e.web_browser import DESKTOP, PHONE, click_to_new_page, go_through_assessment
from tests.e2e.web_support import calm_answers

from psoas.bootstrap import build_context
from psoas.catalogue.questions import load_questionnaire
from psoas.config import get_settings
from psoas.web.app import create_app

browser = web_browser.browser
pytestmark = pytest.mark.browser
ADMIN = ("admin@clinic.test", "admin password 1")
DOCTOR = ("doctor@clinic.test", "doctor password 1")
CLIENT = ("cara@clinic.test", "client password 1")


def _env(folder: Path) -> dict[str, str]:
    return {
        **os.environ,
        "PSOAS_DATA_DIR": str(folder),
        "PSOAS_DATABASE_URL": f"sqlite:///{folder / 'psoas.db'}",
        "PSOAS_MODE": "clinic",
    }


class ClinicServer:
    """uvicorn in a thread serving clinic mode from ``folder``'s SQLite file."""

    def __init__(self, folder: Path) -> None:
        env = _env(folder)
        settings = get_settings(
            data_dir=folder, database_url=env["PSOAS_DATABASE_URL"], mode="clinic"
        )
        app = create_app(settings, context=build_context(settings))
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.url = f"http://127.0.0.1:{port}"
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> ClinicServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            assert time.monotonic() < deadline, "the test server did not start"
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture
def clinic_server(tmp_path) -> Iterator[ClinicServer]:  # type: ignore[no-untyped-def]
    command = [sys.executable, "-m", "psoas", "users", "add", "--role", "admin"]
    command += ["--email", ADMIN[0], "--name", "Ada Admin", "--password-stdin"]
    made = subprocess.run(
        command, input=ADMIN[1] + "\n", env=_env(tmp_path), capture_output=True, text=True
    )
    assert made.returncode == 0, made.stderr
    listed = subprocess.run(
        [sys.executable, "-m", "psoas", "users", "list"],
        env=_env(tmp_path),
        capture_output=True,
        text=True,
    )
    assert ADMIN[0] in listed.stdout
    with ClinicServer(tmp_path) as live:
        yield live


def _page(browser: Any, viewport: dict[str, int], server: ClinicServer) -> Any:
    page = browser.new_context(viewport=viewport, base_url=server.url).new_page()
    page.set_default_timeout(15000)
    return page


def _log_in(page: Any, email: str, password: str) -> None:
    page.goto("/login")
    page.fill("#email", email)
    page.fill("#password", password)
    page.click("button:has-text('Log in')")
    page.wait_for_url(lambda url: urlsplit(url).path != "/login")  # and its page has loaded


def _violations(page: Any) -> list[str]:
    page.wait_for_load_state()  # the whole page, not the part read so far
    results = Axe().run(page)
    return [f"{page.url} {v['id']}: {v['help']}" for v in results.response["violations"]]


def _finish_session(page: Any) -> None:
    page.clock.install()
    page.goto("/")
    page.click("text=Start session")
    page.wait_for_selector("#player[data-ready='true']", state="attached")
    page.click("#pain-before button[data-pain='2']")
    page.click("#start")
    for _ in range(200):
        if page.is_visible("#player-after"):
            break
        page.clock.run_for(30000)
    page.click("#pain-after button[data-pain='1']")
    page.select_option("#effort", "4")
    page.click("#save")
    page.wait_for_selector("#player-done:not([hidden])")


def test_admin_clinician_client_journey(browser, clinic_server):
    problems: list[str] = []
    visitor = _page(browser, PHONE, clinic_server)
    for path in ("/login", "/request"):
        visitor.goto(path)
        problems += _violations(visitor)
    visitor.fill("#name", "Vera Visitor")
    visitor.fill("#contact", "vera@example.org")
    visitor.fill("#concern", "My hips feel tight after long drives.")
    visitor.check("input[name='consent']")
    visitor.click("button:has-text('Send request')")
    expect(visitor.locator("text=Thank you")).to_be_visible()
    admin = _page(browser, DESKTOP, clinic_server)
    _log_in(admin, *ADMIN)
    expect(admin).to_have_url(re.compile(r"/admin/users$"))
    admin.fill("#display_name", "Dr Dana Doyle")
    admin.fill("#email", DOCTOR[0])
    admin.select_option("#role", "clinician")
    admin.fill("#password", DOCTOR[1])
    admin.click("button:has-text('Create account')")
    expect(admin.locator(f"text=Account created for {DOCTOR[0]}")).to_be_visible()
    problems += _violations(admin)
    admin.goto("/admin/audit")
    problems += _violations(admin)
    admin.goto("/admin/settings")
    admin.fill("#name", "Riverside Hip Clinic")
    admin.fill("#quiet_days", "5")
    admin.click("button:has-text('Save settings')")
    expect(admin.locator("text=Settings saved.")).to_be_visible()
    problems += _violations(admin)

    doctor = _page(browser, DESKTOP, clinic_server)
    _log_in(doctor, *DOCTOR)
    expect(doctor).to_have_url(re.compile(r"/clients$"))
    assert doctor.inner_text(".clinic-name") == "Riverside Hip Clinic"
    expect(doctor.locator("text=no activity for 5 days")).to_be_visible()
    doctor.fill("#display_name", "Cara Client")
    doctor.fill("#email", CLIENT[0])
    click_to_new_page(doctor, "button:has-text('Create invite link')")
    link = doctor.inner_text("#invite-link")
    problems += _violations(doctor)
    doctor.goto("/requests")
    assert doctor.is_visible("text=Vera Visitor")
    problems += _violations(doctor)
    doctor.goto("/account")
    problems += _violations(doctor)

    client = _page(browser, PHONE, clinic_server)
    client.goto(link.replace(clinic_server.url, ""))
    client.fill("#password", CLIENT[1])
    client.fill("#again", CLIENT[1])
    client.click("button:has-text('Set password')")
    expect(client.locator("text=Your password is set")).to_be_visible()
    _log_in(client, *CLIENT)
    go_through_assessment(client, calm_answers(load_questionnaire()))
    client.goto("/plan")
    client.click("button:has-text('Make my plan')")
    expect(client.locator("text=Your new plan is ready.")).to_be_visible()
    _finish_session(client)
    client.goto("/messages")
    problems += _violations(client)

    doctor.goto("/clients")
    row = doctor.locator("tr", has_text="Cara Client")
    assert "Proceed" in row.inner_text() and "100 %" in row.inner_text()
    doctor.click("text=Cara Client")
    expect(doctor.locator("text=Recent sessions")).to_be_visible()
    problems += _violations(doctor)
    doctor.select_option("#kind", "dose")
    exercise = doctor.locator(".prescriptions li").first.inner_text().split(" · ")[0]
    doctor.select_option("#exercise_id", label=exercise)
    doctor.fill("#sets", "2")
    doctor.fill("#hold_seconds", "40")
    doctor.click("button:has-text('Change the plan')")
    changed = doctor.locator("text=/Plan changed in \\d+ sessions/")
    expect(doctor.locator("text=Save anyway").or_(changed).first).to_be_visible()
    if doctor.is_visible("text=Save anyway"):  # the longer hold runs past the client's minutes
        assert "the client has 12 minutes a day" in doctor.inner_text("main")
        doctor.check("input[name=confirm_long]")
        doctor.click("button:has-text('Change the plan')")
    expect(changed.first).to_be_visible()
    notice = doctor.inner_text("main")
    assert re.search(r"Plan changed in \d+ sessions", notice), notice[:400]
    assert problems == []
