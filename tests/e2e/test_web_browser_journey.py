"""A person in a real Chromium: assessment, plan, a full guided session with the timers run by
Playwright's clock, pain logged, progress updated; the urgent-referral path; phone and desktop."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from tests.e2e import web_browser
from tests.e2e.web_browser import (
    DESKTOP,
    PHONE,
    click_to_new_page,
    go_through_assessment,
    new_page,
    stop_the_clock,
)
from tests.e2e.web_support import calm_answers

from psoas.catalogue.questions import load_questionnaire

browser, server = web_browser.browser, web_browser.server
pytestmark = pytest.mark.browser


def _seconds(text: str) -> int:
    minutes, _, seconds = text.strip().rpartition(":")
    return int(minutes or 0) * 60 + int(seconds)


def test_new_person_assessment_plan_full_session_and_progress_on_a_phone(browser, server):
    page = new_page(browser, PHONE, server)
    page.clock.install()
    page.goto("/")
    click_to_new_page(page, "text=Start the assessment")
    go_through_assessment(page, calm_answers(load_questionnaire()))
    expect(page.locator("text=You can start")).to_be_visible()
    page.click("text=Go to my plan")
    page.click("button:has-text('Make my plan')")
    expect(page.locator("text=Your new plan is ready.")).to_be_visible()
    page.goto("/")
    page.click("text=Start session")
    page.wait_for_selector("#player[data-ready='true']", state="attached")

    page.click("#pain-before button[data-pain='2']")
    stop_the_clock(page)  # the countdown moves only with run_for, however slow the machine
    page.click("#start")
    assert page.text_content("#phase") == "Get ready"
    first = _seconds(page.inner_text("#big"))
    page.clock.run_for(3000)
    assert _seconds(page.inner_text("#big")) == first - 3
    page.click("#pause")
    expect(page.locator("#pause")).to_have_text("Resume")
    frozen = page.inner_text("#big")
    page.clock.run_for(20000)
    assert page.inner_text("#big") == frozen
    page.click("#pause")
    expect(page.locator("#pause")).to_have_text("Pause")
    page.click("#skip")
    expect(page.locator("#phase")).not_to_have_text("Get ready")

    for _ in range(200):
        if page.is_visible("#player-after"):
            break
        page.clock.run_for(30000)
    assert page.is_visible("#player-after")
    page.click("#pain-after button[data-pain='1']")
    page.select_option("#effort", "4")
    page.click("#save")
    expect(page.locator("#player-done")).to_be_visible()  # polled by Playwright, not the page
    assert "Session complete" in page.inner_text("#saved-summary")

    page.goto("/log")
    page.select_option("#kind", "pain")
    page.fill("#value", "2")
    page.click("button:has-text('Save measurement')")
    expect(page.locator("text=Saved.")).to_be_visible()
    page.goto("/progress")
    assert re.search(r"1 of \d+\s+sessions this week", page.inner_text("main"))
    assert page.is_visible("svg.chart-svg")
    assert page.js_errors == []


def test_timers_follow_timestamps_when_the_tab_sleeps(browser, server):
    page = new_page(browser, DESKTOP, server)
    page.clock.install()
    page.request.post  # noqa: B018 (the fixture server is ready)
    answers = calm_answers(load_questionnaire())
    token = page.goto("/api/csrf").json()["csrf_token"]
    headers = {"X-CSRF-Token": token}
    assert page.request.post(f"{server.url}/api/assessment", data=answers, headers=headers).ok
    assert page.request.post(f"{server.url}/api/plan", data={}, headers=headers).ok
    page.goto("/")
    page.click("text=Start session")
    page.wait_for_selector("#player[data-ready='true']", state="attached")
    page.click("#pain-before button[data-pain='0']")
    stop_the_clock(page)  # only the jumps below move the clock
    page.click("#start")
    total = page.evaluate(
        "JSON.parse(document.getElementById('player-data').textContent)"
        ".initial_view.steps.reduce((s, x) => s + x.seconds, 0)"
    )
    page.clock.fast_forward((total - 5) * 1000)  # one jump, as after a sleeping phone
    page.clock.run_for(1000)
    assert page.is_visible("#player-run")
    assert "Exercise" in page.inner_text("#overall")
    page.clock.run_for(6000)
    assert page.is_visible("#player-after")


def test_urgent_referral_path_on_a_desktop(browser, server):
    page = new_page(browser, DESKTOP, server)
    answers = calm_answers(load_questionnaire(), bladder_bowel=True)
    go_through_assessment(page, answers)
    banner = page.locator("[role=alert]").first
    assert "Go to an emergency department now" in banner.inner_text()
    assert page.locator("text=Go to my plan").count() == 0
    page.goto("/")
    assert page.is_visible(".banner-danger")
    page.goto("/plan")
    assert page.locator("button:has-text('Make my plan')").count() == 0
    assert page.js_errors == []


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_pages_fit_the_screen_without_sideways_scrolling(browser, server, viewport):
    page = new_page(browser, viewport, server)
    for path in ("/", "/assessment", "/plan", "/log", "/progress", "/exercises", "/settings"):
        page.goto(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"] + 1, (path, width)
    assert page.js_errors == []
