"""The in-page break timer, the break micro-routine and the habit checklist in a real Chromium.

The server runs on a fake clock (Monday 08:00 UTC) and the page on Playwright's clock, set to the
same moment, so the test moves both: the banner must appear at the due time and not before,
Done must be recorded, and the micro-routine must play to the end in the session player.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from tests.e2e import web_browser
from tests.e2e.web_browser import DESKTOP, PHONE, LiveServer, new_page, stop_the_clock
from tests.e2e.web_support import calm_answers
from tests.fakes import FakeClock

from psoas.catalogue.questions import load_questionnaire

browser = web_browser.browser
pytestmark = pytest.mark.browser
MONDAY_8 = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)

# Counts the system notifications the page creates, then hands over to the real constructor.
NOTIFICATION_SPY = """
(() => {
  const Real = window.Notification;
  if (!Real) return;
  window.__notified = [];
  function Spy(title, options) { window.__notified.push(title); return new Real(title, options); }
  Object.defineProperty(Spy, "permission", { get: () => Real.permission });
  Spy.requestPermission = (...args) => Real.requestPermission(...args);
  window.Notification = Spy;
})();
"""


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(MONDAY_8)


@pytest.fixture
def server(tmp_path, clock):  # type: ignore[no-untyped-def]
    with LiveServer(tmp_path, clock) as live:
        yield live


def _violations(page: Any) -> list[str]:
    page.wait_for_load_state()  # the whole page, not the part read so far
    results = Axe().run(page)
    return [f"{v['id']}: {v['help']}" for v in results.response["violations"]]


def _status(page: Any, server: LiveServer) -> dict:
    return page.request.get(f"{server.url}/api/breaks/status").json()["today"]


def test_break_timer_fires_on_time_and_done_is_recorded_then_the_routine_plays(
    browser, server, clock
):
    page = new_page(browser, DESKTOP, server)
    page.context.grant_permissions(["notifications"], origin=server.url)
    page.add_init_script(NOTIFICATION_SPY)
    page.clock.install(time=MONDAY_8)
    page.goto("/settings")
    page.check("input[name='break_enabled']")
    page.fill("#work_start", "08:00")
    page.fill("#interval", "30")
    page.click("button:has-text('Save reminders')")
    expect(page.locator("text=Reminder settings saved.")).to_be_visible()
    page.click("#break-timer-toggle")
    expect(page.locator("#break-timer-state")).to_contain_text(
        "on in this browser, with notifications"
    )
    expect(page.locator("#break-timer-state")).to_contain_text("Next: sitting break")

    # To 08:29:30 exactly and stopped there: the page's clock has run with the real one since
    # 08:00, and a slow machine must not carry it past 08:30 (nor remove the note below).
    page.clock.pause_at(datetime(2026, 11, 23, 8, 29, 30, tzinfo=UTC))
    assert not page.is_visible("#break-banner")
    page.clock.fast_forward("00:45")  # one jump past 08:30, as after a sleeping laptop
    page.clock.run_for(1000)
    banner = page.locator("#break-banner")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("Sitting break")
    assert banner.locator("li").count() >= 1
    assert page.evaluate("window.__notified") == ["Sitting break"]
    page.clock.resume()  # axe-core waits on the page's timers
    assert _violations(page) == []
    stop_the_clock(page)

    clock.set(datetime(2026, 11, 23, 8, 31, tzinfo=UTC))
    banner.locator("button[data-outcome='taken']").click()
    expect(page.locator("#break-banner")).to_have_count(0)
    expect(page.locator("#break-note")).to_contain_text("Break recorded")
    assert _status(page, server)["taken"] == 1
    expect(page.locator("#break-timer-state")).to_contain_text("09:01")  # the next is known

    page.clock.fast_forward("31:00")  # the next break: a full interval after the one taken
    page.clock.run_for(1000)
    expect(page.locator("#break-banner")).to_be_visible()
    clock.set(datetime(2026, 11, 23, 9, 2, tzinfo=UTC))
    page.click("#break-banner a:has-text('Play the routine')")
    page.wait_for_url("**/breaks/play?**")
    expect(page.locator("#player[data-ready='true']")).to_be_attached()  # its clock is stopped
    expect(page.locator("#start")).to_be_enabled()  # no pain rating needed for a break
    page.click("#start")
    for _ in range(20):
        if page.is_visible("#player-done"):
            break
        page.clock.run_for(15000)
    expect(page.locator("#player-done")).to_be_visible()
    expect(page.locator("#saved-summary")).to_contain_text("Break taken")
    assert _status(page, server)["taken"] == 2
    assert page.js_errors == []


def test_without_notification_permission_the_banner_appears_in_the_page(browser, server):
    page = new_page(browser, PHONE, server)
    page.add_init_script(
        "Object.defineProperty(Notification, 'permission', {get: () => 'denied'});"
    )
    page.clock.install(time=MONDAY_8)
    token = page.request.get(f"{server.url}/api/csrf").json()["csrf_token"]
    body = {"enabled": True, "start": "08:00", "interval": 20}
    page.request.put(f"{server.url}/api/reminders", data=body, headers={"X-CSRF-Token": token})
    page.goto("/settings")
    page.click("#break-timer-toggle")
    state = page.locator("#break-timer-state")
    expect(state).to_contain_text("Notifications are blocked")
    page.goto("/habits")  # the timer runs on every page once it is on
    page.clock.run_for("20:05")
    banner = page.locator("#break-banner")
    expect(banner).to_be_visible()
    banner.locator("button[data-outcome='snoozed']").click()
    expect(page.locator("#break-banner")).to_have_count(0)
    assert _status(page, server)["snoozed"] == 1
    assert page.js_errors == []


def test_the_session_reminder_fires_at_its_time_while_todays_session_is_not_done(browser, server):
    page = new_page(browser, DESKTOP, server)
    page.clock.install(time=MONDAY_8)
    token = page.request.get(f"{server.url}/api/csrf").json()["csrf_token"]
    headers = {"X-CSRF-Token": token}
    answers = calm_answers(load_questionnaire())
    assert page.request.post(f"{server.url}/api/assessment", data=answers, headers=headers).ok
    assert page.request.post(f"{server.url}/api/plan", data={}, headers=headers).ok
    body = {"enabled": False, "session_reminder": True, "session_at": "08:10"}
    assert page.request.put(f"{server.url}/api/reminders", data=body, headers=headers).ok
    page.goto("/settings")
    page.click("#break-timer-toggle")
    if page.is_visible("#break-timer-ask"):
        page.click("#break-timer-banner-only")
    page.goto("/progress")
    page.clock.pause_at(datetime(2026, 11, 23, 8, 9, 50, tzinfo=UTC))  # not a second later
    assert not page.is_visible("#break-banner")
    page.clock.resume()  # the reminder's time may still be on its way from the server
    page.clock.run_for("00:15")
    banner = page.locator("#break-banner")
    expect(banner).to_contain_text("Today's psoas session")
    expect(banner.locator('a:has-text("Open today\'s session")')).to_have_attribute("href", "/")
    banner.locator("button:has-text('Dismiss')").click()
    expect(page.locator("#break-banner")).to_have_count(0)
    assert page.js_errors == []


def test_asking_for_notifications_waits_for_a_click_and_explains_first(browser, server):
    page = new_page(browser, PHONE, server)
    page.add_init_script(
        "Object.defineProperty(Notification, 'permission', {get: () => 'default'});"
        "window.__asked = 0; Notification.requestPermission = () => { window.__asked++;"
        " return Promise.resolve('denied'); };"
    )
    page.goto("/settings")
    assert page.evaluate("window.__asked") == 0
    page.click("#break-timer-toggle")
    expect(page.locator("#break-timer-ask")).to_be_visible()
    assert page.evaluate("window.__asked") == 0
    page.click("#break-timer-allow")
    expect(page.locator("#break-timer-ask")).to_be_hidden()
    assert page.evaluate("window.__asked") == 1
    expect(page.locator("#break-timer-state")).to_contain_text("reminders shown in the page")
    page.click("#break-timer-toggle")
    expect(page.locator("#break-timer-state")).to_contain_text("off in this browser")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_habits_reminders_and_break_player_pages_have_no_axe_violations(browser, server, viewport):
    page = new_page(browser, viewport, server)
    found = {}
    for path in ("/habits", "/settings", "/breaks/play?slot=1", "/", "/progress"):
        page.goto(path)
        found[path] = _violations(page)
    page.goto("/habits")
    page.click("form[action='/habits'] button >> nth=0")
    expect(page.locator("text=Saved.")).to_be_visible()
    found["/habits ticked"] = _violations(page)
    page.goto("/settings")
    page.fill("#interval", "90")
    page.click("button:has-text('Save reminders')")
    expect(page.locator("#interval-error")).to_be_visible()
    found["/settings errors"] = _violations(page)
    assert {k: v for k, v in found.items() if v} == {}
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"]
