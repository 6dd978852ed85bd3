"""The caseload in Debian's Chromium, a physiotherapist on a desktop and clients on phones:
a plan built from the library for a client without an assessment (the client is told), the
clinician's prescriptions surviving the client's regeneration, a high-pain session moving the
client to the top with its reason (and advice on the client's screen), an unread message
counted, a red flag recorded as cleared letting a plan start, an invite re-issued. axe-core
finds nothing on the pages; screenshots go to /work/notes/screenshots/i24 when it exists."""

from __future__ import annotations

import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pyotp
import pytest
import uvicorn
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from tests.e2e import web_browser
from tests.e2e.web_browser import click_to_new_page
from tests.e2e.web_support import calm_answers

from psoas.bootstrap import build_context
from psoas.config import get_settings
from psoas.domain.clinic.accounts import Role
from psoas.services import assessment as assessment_service
from psoas.services import plans
from psoas.services.clinic import accounts, invites
from psoas.web.app import create_app

browser = web_browser.browser
pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
PASSWORD = "a long test password"
SHOTS = Path("/work/notes/screenshots/i24")


class World:
    def __init__(self, folder: Path) -> None:
        url = f"sqlite:///{folder / 'clinic.db'}"
        settings = get_settings(data_dir=folder, database_url=url, mode="clinic")
        self.ctx = build_context(settings)
        self.app = create_app(settings, context=self.ctx)
        self.doctor = accounts.create_account(
            self.ctx,
            email="doc@clinic.test",
            role=Role.CLINICIAN,
            display_name="Dr Doyle",
            password=PASSWORD,
        )
        self.people = {}
        for key, name in (("cara", "Cara New"), ("ben", "Ben Runner"), ("dora", "Dora Flag")):
            issued = invites.invite_client(
                self.ctx, self.doctor, email=f"{key}@clinic.test", display_name=name
            )
            invites.accept_invite(self.ctx, issued.code, PASSWORD)
            self.people[key] = issued.person.id
        assessment_service.run_assessment(
            self.ctx, self.people["ben"], calm_answers(self.ctx.questionnaire)
        )
        plans.new_plan(self.ctx, self.people["ben"])
        flagged = calm_answers(self.ctx.questionnaire, saddle_numbness=True)
        assessment_service.run_assessment(self.ctx, self.people["dora"], flagged)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        self.server = uvicorn.Server(
            uvicorn.Config(self.app, host="127.0.0.1", port=port, log_level="warning")
        )
        self.url = f"http://127.0.0.1:{port}"
        self.thread = threading.Thread(target=self.server.run, daemon=True)


@pytest.fixture
def world(tmp_path) -> Iterator[World]:  # type: ignore[no-untyped-def]
    made = World(tmp_path)
    made.thread.start()
    deadline = time.monotonic() + 20
    while not made.server.started:
        assert time.monotonic() < deadline, "the test server did not start"
        time.sleep(0.05)
    yield made
    made.server.should_exit = True
    made.thread.join(timeout=10)


def _page(browser: Any, viewport: dict[str, int], world: World, email: str) -> Any:
    page = browser.new_context(viewport=viewport, base_url=world.url).new_page()
    page.set_default_timeout(15000)
    page.goto("/login")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.click("button:has-text('Log in')")
    page.wait_for_url(lambda url: urlsplit(url).path != "/login")  # and its page has loaded
    return page


def _axe(page: Any) -> list[str]:
    page.wait_for_load_state()  # the whole page, not the part read so far
    results = Axe().run(page)
    return [f"{page.url} {v['id']}: {v['help']}" for v in results.response["violations"]]


def _shot(page: Any, name: str) -> None:
    if SHOTS.parent.exists():
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / name), full_page=True)


def _add_from_library(page: Any, search: str, name: str) -> None:
    slug = name.lower().replace(" ", "-")
    page.fill("#library-search", search)
    item = page.locator(f"#library-list li[data-id='{slug}']:not([hidden])")
    item.locator("a.add-pick").click()
    page.wait_for_selector(f".build-row legend:has-text('{name}')")


def _session_with_pain(page: Any, before: int, after: int) -> str:
    page.clock.install()
    page.goto("/")
    page.click("text=Start session")
    page.wait_for_selector("#player[data-ready='true']", state="attached")
    page.click(f"#pain-before button[data-pain='{before}']")
    page.click("#start")
    for _ in range(200):
        if page.is_visible("#player-after"):
            break
        page.clock.run_for(30000)
    page.click(f"#pain-after button[data-pain='{after}']")
    page.click("#save")
    page.wait_for_selector("#player-done:not([hidden])")
    return page.inner_text("#player-done")


@pytest.mark.parametrize("client_view", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_physio_runs_a_caseload(browser, world, client_view, tmp_path):  # type: ignore[no-untyped-def]
    problems: list[str] = []
    ids = world.people
    doctor = _page(browser, DESKTOP if client_view is PHONE else PHONE, world, "doc@clinic.test")
    label = "phone" if client_view is PHONE else "desktop"
    staff_label = "desktop" if client_view is PHONE else "phone"

    # A plan built from the library for a client without an assessment.
    doctor.goto(f"/clients/{ids['cara']}/plan/build")
    doctor.click("button:has-text('Start an empty plan')")
    doctor.wait_for_selector("#builder-form")  # the plan's page, not the one that started it
    doctor.wait_for_selector("#library-list[data-ready='true']", state="attached")
    url_before = doctor.url
    _add_from_library(doctor, "bridge", "Glute bridge")
    _add_from_library(doctor, "dead", "Dead bug")
    assert doctor.url == url_before  # rows were added without a page load
    doctor.locator(".build-row").first.locator("input[name^='note-']").fill(
        "Squeeze your glutes at the top"
    )
    doctor.locator(".build-row").nth(1).locator("input[value='sat']").check()
    problems += _axe(doctor)
    _shot(doctor, f"builder-{staff_label}.png")
    doctor.click("#save-plan")
    doctor.wait_for_selector("text=Saved. The client sees what changed.")
    expect(doctor.locator(".build-row")).to_have_count(2)

    cara = _page(browser, client_view, world, "cara@clinic.test")
    cara.wait_for_selector("text=Your physio changed your plan")
    assert "Squeeze your glutes at the top" in cara.inner_text("#plan-changes")
    today = cara.inner_text("section[aria-labelledby^='today-title']")
    assert "Glute bridge" in today and "Note from your physio" in today
    assert "this computer" not in cara.inner_text("main")
    problems += _axe(cara)
    _shot(cara, f"client-notice-{label}.png")
    click_to_new_page(cara, "#plan-changes button:has-text('Got it')")
    expect(cara.locator("#plan-changes")).to_have_count(0)
    cara.goto("/plan")
    assert "Note from your physio: Squeeze your glutes at the top" in cara.text_content("main")

    # The clinician's prescription survives the client's regeneration.
    doctor.goto(f"/clients/{ids['ben']}/plan/build")
    doctor.wait_for_selector("#library-list[data-ready='true']", state="attached")
    _add_from_library(doctor, "step", "Step-up")
    doctor.click("#save-plan")
    saved = doctor.locator("text=Saved. The client sees what changed.")
    expect(doctor.locator("text=Save anyway").or_(saved).first).to_be_visible()
    if doctor.is_visible("text=Save anyway"):
        doctor.check("input[name='confirm_long']")
        doctor.click("#save-plan")
    doctor.wait_for_selector("text=Saved. The client sees what changed.")
    ben = _page(browser, client_view, world, "ben@clinic.test")
    ben.goto("/plan")
    assert ben.is_visible("#regenerate-note")
    ben.click("button:has-text('Regenerate my plan')")
    ben.wait_for_selector("text=Your new plan is ready.")
    ben.wait_for_load_state()  # the new plan's page read to its end
    assert "Step-up" in ben.text_content("main")

    # A high-pain session: advice for the client, an alert with its reason for the physio.
    done = _session_with_pain(ben, 4, 7)
    assert "Your pain reached 7/10" in done and "Your clinic has been told" in done
    _shot(ben, f"client-advice-{label}.png")
    ben.goto("/messages")
    ben.fill("#body", "My hip felt worse after today's session.")
    click_to_new_page(ben, "button:has-text('Send')")  # the message is kept
    doctor.goto("/clients")
    first = doctor.locator("table.clients tbody tr").first
    assert "Ben Runner" in first.inner_text()
    assert "pain 7/10 after the session on" in first.inner_text()
    assert "1 unread message" in first.inner_text()
    assert doctor.text_content("nav .count") == "1 unread"
    problems += _axe(doctor)
    _shot(doctor, f"dashboard-alert-{staff_label}.png")
    click_to_new_page(doctor, first.locator("button:has-text('Mark seen')"))
    expect(doctor.locator("nav .count")).to_have_count(0)
    assert (
        "pain 7/10"
        not in doctor.locator("table.clients tbody tr", has_text="Ben Runner").inner_text()
    )

    # A red flag recorded as cleared lets a plan start.
    doctor.goto(f"/clients/{ids['dora']}")
    doctor.select_option("#rf-status", "cleared")
    doctor.fill("#rf-note", "Seen by her GP, cleared to exercise")
    doctor.click("form[action$='/red-flag'] button")
    doctor.wait_for_selector("text=Red flag cleared to exercise on")
    problems += _axe(doctor)
    _shot(doctor, f"client-records-{staff_label}.png")
    doctor.goto(f"/clients/{ids['dora']}/plan/build")
    doctor.click("button:has-text('Start an empty plan')")
    doctor.wait_for_selector("#builder-form")

    # An invite re-issued, with its QR code.
    doctor.goto("/clients")
    doctor.fill("#display_name", "Eli Pending")
    doctor.fill("#email", "eli@clinic.test")
    click_to_new_page(doctor, "button:has-text('Create invite link')")
    first_link = doctor.inner_text("#invite-link")
    doctor.click("table.clients a:has-text('Eli Pending')")
    doctor.click("button:has-text('Re-issue the invite link')")
    expect(doctor.locator("#invite-link")).not_to_have_text(first_link)
    doctor.wait_for_selector("svg.qr")
    problems += _axe(doctor)
    _shot(doctor, f"invite-reissued-{staff_label}.png")

    # Two-factor set-up shows the recovery codes once.
    doctor.goto("/account")
    secret = doctor.inner_text("code.secret").strip()
    doctor.fill("#code", pyotp.TOTP(secret).now())
    doctor.click("button:has-text('Turn on two-factor log-in')")
    doctor.wait_for_selector("#recovery-codes")
    expect(doctor.locator("#recovery-codes li")).to_have_count(10)
    problems += _axe(doctor)
    _shot(doctor, f"recovery-codes-{staff_label}.png")

    # The visit sheet, rendered to a picture.
    response = doctor.request.get(f"/clients/{ids['cara']}/visit-sheet.pdf?period=week")
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    pdf = tmp_path / "sheet.pdf"
    pdf.write_bytes(response.body())
    out = (SHOTS if SHOTS.parent.exists() else tmp_path) / "visit-sheet-week"
    SHOTS.mkdir(parents=True, exist_ok=True) if SHOTS.parent.exists() else None
    subprocess.run(["pdftoppm", "-png", "-r", "90", str(pdf), str(out)], check=True)
    assert problems == []
