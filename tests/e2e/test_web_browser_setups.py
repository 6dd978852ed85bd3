"""The player's get-ready lengths in a real Chromium: the first is short, a second exercise in
the same position gets a short one, and a change of position a longer one; every countdown is
the server's, never a number the page makes up."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from playwright.sync_api import expect
from tests.e2e import web_browser
from tests.e2e.web_browser import DESKTOP, new_page, skip_step
from tests.e2e.web_support import calm_answers

from psoas.catalogue import load_catalogue
from psoas.catalogue.questions import load_questionnaire
from psoas.domain.planning.setups import (
    DOWN_OR_UP_SECONDS,
    GET_READY_SECONDS,
    SAME_POSITION_SECONDS,
)

browser, server = web_browser.browser, web_browser.server
pytestmark = pytest.mark.browser
PHONE_390 = {"width": 390, "height": 844}
CAT = load_catalogue()


def _make_plan(page: Any, server: Any) -> list[dict[str, Any]]:
    token = page.request.get(f"{server.url}/api/csrf").json()["csrf_token"]
    headers = {"X-CSRF-Token": token}
    answers = calm_answers(load_questionnaire())
    assert page.request.post(f"{server.url}/api/assessment", data=answers, headers=headers).ok
    assert page.request.post(f"{server.url}/api/plan", data={}, headers=headers).ok
    plan = page.request.get(f"{server.url}/api/plan").json()
    return [s for w in plan["weeks"] for s in w["sessions"] if s["kind"] != "rest"]


def _readies(page: Any, server: Any, session_id: str) -> list[dict[str, Any]]:
    timeline = page.request.get(f"{server.url}/api/sessions/{session_id}/timeline").json()
    return [s for s in timeline["steps"] if s["kind"] == "get_ready"]


def _session_with_a_same_position_pair(page: Any, server: Any) -> tuple[str, int, list]:
    """A planned session whose exercise ``k`` (k > 0) is in the same position as the one before."""
    for session in _make_plan(page, server):
        readies = _readies(page, server, session["id"])
        for k in range(1, len(readies)):
            before = CAT.get(readies[k - 1]["exercise_id"])
            after = CAT.get(readies[k]["exercise_id"])
            if before.position == after.position and set(after.equipment) <= set(before.equipment):
                return session["id"], k, readies
    raise AssertionError("no planned session has two exercises in one position")


def _countdown(page: Any) -> int:
    return int(page.text_content("#big"))


def _skip_to_get_ready(page: Any, exercise_number: int, total: int) -> None:
    wanted = f"Exercise {exercise_number} of {total}"
    for _ in range(60):
        if page.text_content("#phase") == "Get ready" and page.text_content("#overall") == wanted:
            return
        with page.expect_response(lambda r: r.url.endswith("/view")):  # one skip at a time
            skip_step(page)  # and drawn before the screen is read again
        page.clock.run_for(50)
    raise AssertionError(f"never reached the get-ready of {wanted}")


@pytest.mark.parametrize("viewport", [PHONE_390, DESKTOP], ids=["phone", "desktop"])
def test_the_second_get_ready_in_one_position_is_short(browser, server, viewport):
    page = new_page(browser, viewport, server)
    session_id, k, readies = _session_with_a_same_position_pair(page, server)
    assert readies[0]["seconds"] == GET_READY_SECONDS
    assert readies[k]["seconds"] == SAME_POSITION_SECONDS
    web_browser.hold_the_clock(page)
    page.goto(f"/session/{session_id}")
    page.wait_for_selector("#player[data-ready='true']", state="attached")
    page.click("#pain-before button[data-pain='1']")
    page.click("#start")
    expect(page.locator("#phase")).to_have_text("Get ready")
    assert _countdown(page) in (GET_READY_SECONDS - 1, GET_READY_SECONDS)
    _skip_to_get_ready(page, k + 1, len(readies))
    assert page.get_attribute("#figure", "data-exercise") == readies[k]["exercise_id"]
    assert _countdown(page) in (SAME_POSITION_SECONDS - 1, SAME_POSITION_SECONDS)
    page.clock.run_for((SAME_POSITION_SECONDS + 1) * 1000)
    expect(page.locator("#phase")).not_to_have_text("Get ready")  # it ran out by itself
    assert page.js_errors == []


def test_a_change_of_height_gets_a_longer_get_ready(browser, server):
    page = new_page(browser, DESKTOP, server)
    for session in _make_plan(page, server):
        readies = _readies(page, server, session["id"])
        for before, after in itertools.pairwise(readies):
            b, a = CAT.get(before["exercise_id"]), CAT.get(after["exercise_id"])
            if (b.position == "standing") != (a.position == "standing"):
                assert after["seconds"] == DOWN_OR_UP_SECONDS, (b.id, a.id)
                return
    raise AssertionError("this plan never moves between standing and the floor")
