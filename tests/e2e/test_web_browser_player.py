"""The guided player in a real Chromium, phone and desktop: the exercise's animated drawing in
the middle, the side badge, set counts, 'This hurts' stopping the clock at once in a sheet that
nothing covers, the progress bar on skip, the keyboard, and the app's own quit dialog."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect
from tests.e2e import web_browser
from tests.e2e.web_browser import DESKTOP, PHONE, new_page, skip_step
from tests.e2e.web_support import calm_answers

from psoas.catalogue.questions import load_questionnaire

browser, server = web_browser.browser, web_browser.server
pytestmark = pytest.mark.browser
PHONE_390 = {"width": 390, "height": 844}


def _start_session(page: Any, server: Any) -> dict[str, Any]:
    token = page.request.get(f"{server.url}/api/csrf").json()["csrf_token"]
    headers = {"X-CSRF-Token": token}
    answers = calm_answers(load_questionnaire())
    assert page.request.post(f"{server.url}/api/assessment", data=answers, headers=headers).ok
    assert page.request.post(f"{server.url}/api/plan", data={}, headers=headers).ok
    web_browser.hold_the_clock(page)
    page.goto("/")
    page.click("text=Start session")
    page.wait_for_selector("#player[data-ready='true']", state="attached")
    page.click("#pain-before button[data-pain='1']")
    page.click("#start")
    return page.evaluate("JSON.parse(document.getElementById('player-data').textContent)")


def _bar(page: Any) -> float:
    return float(page.evaluate("parseFloat(document.getElementById('bar-fill').style.width)"))


def _animations_paused(page: Any) -> bool:
    return page.evaluate("document.querySelector('#figure svg').animationsPaused()")


def _fully_clickable(page: Any, selector: str) -> bool:
    """Inside the viewport and the topmost element at its centre (nothing fixed covers it)."""
    return page.evaluate(
        """sel => { const el = document.querySelector(sel); const r = el.getBoundingClientRect();
        const inside = r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth;
        const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return inside && (top === el || el.contains(top)); }""",
        selector,
    )


def _skip_to(page: Any, predicate: str) -> None:
    for _ in range(40):
        if page.evaluate(predicate):
            return
        skip_step(page)  # shown before looking again: no skip still on its way
        page.clock.run_for(300)
    raise AssertionError(f"never reached: {predicate}")


@pytest.mark.parametrize("viewport", [PHONE_390, PHONE, DESKTOP], ids=["phone", "small", "desktop"])
def test_picture_side_counts_and_progress(browser, server, viewport):
    page = new_page(browser, viewport, server)
    data = _start_session(page, server)
    cards = data["initial_view"]["cards"]
    assert page.text_content("#phase") == "Get ready"
    assert page.text_content("#overall") == f"Exercise 1 of {len(cards)}"
    first = cards[0]["exercise_id"]
    assert page.get_attribute("#figure", "data-exercise") == first
    assert page.locator("#figure svg animate, #figure svg animateTransform").count() > 0
    assert page.locator("#figure svg").is_visible()
    assert not _animations_paused(page)
    assert int(page.text_content("#big")) in (9, 10)  # a short first countdown
    page.clock.run_for(2000)
    before = _bar(page)
    page.click("#skip")  # to the first set
    expect(page.locator("#phase")).not_to_have_text("Get ready")
    assert _bar(page) > before
    assert page.text_content("#exercise-name") == cards[0]["name"]
    assert page.text_content("#overall") == f"Exercise 1 of {len(cards)}"
    assert "Set 1 of" in page.text_content("#sub")
    _skip_to(page, "!document.getElementById('side').hidden")
    side = page.text_content("#side")
    assert side in ("LEFT SIDE", "RIGHT SIDE")
    assert page.locator("#side").is_visible()
    body = page.inner_text("#player-run")
    for line in {page.text_content("#exercise-name"), page.text_content("#cue")} - {""}:
        assert body.count(line) == 1, line  # no text twice on one screen
    assert page.js_errors == []


@pytest.mark.parametrize("viewport", [PHONE_390, DESKTOP], ids=["phone", "desktop"])
def test_this_hurts_pauses_at_once_and_its_choices_are_never_covered(browser, server, viewport):
    page = new_page(browser, viewport, server)
    _start_session(page, server)
    page.click("#skip")
    page.clock.run_for(2000)
    page.click("#hurts")
    expect(page.locator("#phase")).to_have_text("Paused")
    assert page.evaluate("document.getElementById('hurts-dialog').open")
    frozen = page.text_content("#big")
    page.clock.run_for(15000)
    assert page.text_content("#big") == frozen
    assert _animations_paused(page)
    for n in (0, 5, 10):
        assert _fully_clickable(page, f"#pain-now button[data-pain='{n}']"), n
    page.click("#pain-now button[data-pain='8']")
    expect(page.locator("#pain-choice")).to_be_visible()
    assert _fully_clickable(page, "#choose-stop")
    if page.locator("#choose-easier").is_visible():
        assert _fully_clickable(page, "#choose-easier")
    page.clock.run_for(15000)
    assert page.text_content("#big") == frozen  # nothing runs while the choice is open
    page.click("#choose-stop")
    expect(page.locator("#phase")).not_to_have_text("Paused")
    assert not page.evaluate("document.getElementById('hurts-dialog').open")


def test_mild_pain_carries_on_where_it_was(browser, server):
    page = new_page(browser, PHONE_390, server)
    _start_session(page, server)
    page.click("#skip")
    page.clock.run_for(1000)
    page.keyboard.press("h")
    expect(page.locator("#phase")).to_have_text("Paused")
    page.click("#pain-now button[data-pain='3']")
    expect(page.locator("#advice")).to_contain_text("acceptable")
    expect(page.locator("#pause")).to_have_text("Pause")  # running again
    ticking = page.text_content("#big")
    page.clock.run_for(3000)
    assert page.text_content("#big") != ticking


def test_keyboard_and_the_apps_own_quit_dialog(browser, server):
    page = new_page(browser, DESKTOP, server)
    native: list[str] = []
    page.on("dialog", lambda d: (native.append(d.message), d.dismiss()))
    _start_session(page, server)
    page.locator("body").focus()
    page.keyboard.press("Space")
    expect(page.locator("#pause")).to_have_text("Resume")
    page.keyboard.press("Space")
    expect(page.locator("#pause")).to_have_text("Pause")
    page.keyboard.press("ArrowRight")
    expect(page.locator("#phase")).not_to_have_text("Get ready")
    work = page.text_content("#phase")
    page.keyboard.press("ArrowLeft")  # just began: back to the countdown
    expect(page.locator("#phase")).to_have_text("Get ready")
    assert work != "Get ready"
    page.click("#quit")
    assert page.evaluate("document.getElementById('quit-dialog').open")
    page.click("#quit-no")
    assert page.is_visible("#player-run")
    page.click("#quit")
    page.click("#quit-yes")
    expect(page.locator("#player-after")).to_be_visible()
    assert native == []
    assert page.js_errors == []
