"""Today, the plan calendar, progress and downloads in a real Chromium, phone and desktop:
Today answers 'what now' in the first screen; the plan shows Monday-to-Sunday weeks in seven
columns (a list on a phone) with this week open; progress charts fill their card."""

from __future__ import annotations

from typing import Any

import pytest
from tests.e2e import web_browser
from tests.e2e.web_browser import DESKTOP, new_page
from tests.e2e.web_support import calm_answers

from psoas.catalogue.questions import load_questionnaire

browser, server = web_browser.browser, web_browser.server
pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


def _with_plan(page: Any, server: Any) -> None:
    token = page.request.get(f"{server.url}/api/csrf").json()["csrf_token"]
    headers = {"X-CSRF-Token": token}
    answers = calm_answers(load_questionnaire())
    assert page.request.post(f"{server.url}/api/assessment", data=answers, headers=headers).ok
    assert page.request.post(f"{server.url}/api/plan", data={}, headers=headers).ok


def test_a_new_person_sees_one_thing_to_do(browser, server):
    page = new_page(browser, PHONE, server)
    page.goto("/")
    cards = page.locator("main .card")
    assert cards.count() == 1 and "Start the assessment" in cards.first.inner_text()
    assert page.locator(".today-stats, .chart").count() == 0  # no empty cards


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_today_fits_what_now_in_the_first_screen(browser, server, viewport):
    page = new_page(browser, viewport, server)
    _with_plan(page, server)
    page.goto("/")
    hero = page.locator(".hero").first
    if "A rest day" in hero.inner_text() or "No session" in hero.inner_text():
        pytest.skip("today is a rest day in this plan")
    start = page.locator("a.button:has-text('Start session')")
    assert start.count() == 1
    box = start.bounding_box()
    assert box["y"] + box["height"] <= viewport["height"]  # on the first screen
    thumbs = hero.locator(".thumbs li")
    assert thumbs.count() >= 2 and hero.locator(".thumbs svg").count() == thumbs.count()
    stats = page.locator(".today-stats").inner_text()
    assert "in a row" in stats and "next self-test" in stats
    assert page.js_errors == []


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_plan_calendar_weeks_monday_to_sunday(browser, server, viewport):
    page = new_page(browser, viewport, server)
    _with_plan(page, server)
    page.goto("/plan")
    weeks = page.locator("details.cal-week")
    assert weeks.count() >= 4
    open_weeks = page.locator("details.cal-week[open]")
    assert open_weeks.count() == 1 and "This week" in open_weeks.inner_text()
    days = open_weeks.locator(".cal-days")
    columns = page.evaluate(
        "el => getComputedStyle(el).gridTemplateColumns.split(' ').length",
        days.element_handle(),
    )
    assert columns == (7 if viewport is DESKTOP else 1)
    labels = [t.strip()[:3] for t in open_weeks.locator(".cal-dow").all_text_contents()]
    assert labels == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 5000
    first_day = open_weeks.locator("details.cal-more").first
    first_day.locator("summary").click()
    assert first_day.locator("li a").first.is_visible()  # the day's exercises
    closed = weeks.nth(weeks.count() - 1)
    assert not closed.evaluate("d => d.open")
    closed.locator("summary").first.click()
    assert closed.evaluate("d => d.open")
    downloads = page.locator("#downloads-title + ul a")
    assert downloads.count() == 7
    assert page.js_errors == []


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_progress_charts_fill_their_card(browser, server, viewport):
    page = new_page(browser, viewport, server)
    _with_plan(page, server)
    page.goto("/progress")
    for chart in page.locator(".chart svg.chart-svg").all():
        card = chart.evaluate("el => el.closest('.card').getBoundingClientRect().width")
        assert chart.bounding_box()["width"] >= card * 0.85
    text = page.inner_text("main")
    assert "Downloads and sharing" in text
    assert page.js_errors == []
