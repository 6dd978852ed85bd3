"""The assessment in a real Chromium: a follow-up question appears on the same page as the
answer that asks for it, the self-test shows one side at a time with its picture, and the
answers given that way are the ones the result uses."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from tests.e2e import web_browser
from tests.e2e.web_browser import PHONE, fill_assessment_step, new_page, next_step
from tests.e2e.web_support import calm_answers

from psoas.catalogue.questions import load_questionnaire

browser, server = web_browser.browser, web_browser.server
pytestmark = pytest.mark.browser


def _to_step_with(page, name: str, answers: dict) -> None:  # type: ignore[no-untyped-def]
    page.goto("/assessment")
    for _ in range(20):
        if page.locator(f"input[name='{name}']").count():
            return
        fill_assessment_step(page, answers)
        next_step(page)
    raise AssertionError(f"no step asks {name}")


def test_follow_ups_appear_in_place_and_the_self_test_goes_side_by_side(browser, server):
    page = new_page(browser, PHONE, server)
    answers = calm_answers(load_questionnaire())
    _to_step_with(page, "hip_replacement", answers)
    follow_up = page.locator(".q-wrap[data-when-question='hip_replacement']").first
    assert follow_up.is_hidden()
    count = page.text_content("p.muted")
    page.check("input[name='hip_replacement'][value='yes']")
    expect(follow_up).to_be_visible()  # no round trip to the server
    page.check("input[name='hip_replacement'][value='no']")
    expect(follow_up).to_be_hidden()
    assert page.text_content("p.muted") == count

    _to_step_with(page, "self_test_done", answers)
    left, right = (
        page.locator(".side-group[data-side='left']"),
        page.locator(".side-group[data-side='right']"),
    )
    assert left.is_hidden() and right.is_hidden()
    page.check("input[name='self_test_done'][value='yes']")
    expect(left).to_be_visible()
    expect(right).to_be_hidden()
    assert left.locator(".side-figure svg").count() == 1
    assert "LEFT" in left.locator("h2").inner_text()
    page.check("input[name='left_thigh'][value='above']")
    page.check("input[name='left_knee'][value='bent']")
    page.check("input[name='left_thigh_out'][value='no']")
    page.check("input[name='left_back_flat'][value='yes']")
    page.click("text=Done: go on to the right side")
    expect(left).to_be_hidden()
    expect(right).to_be_visible()
    assert right.locator(".side-figure svg").count() == 1
    page.check("input[name='right_thigh'][value='level']")
    page.check("input[name='right_knee'][value='bent']")
    page.check("input[name='right_thigh_out'][value='no']")
    page.check("input[name='right_back_flat'][value='yes']")
    next_step(page)
    assert page.locator("input[name='self_test_done']").count() == 0  # the step was accepted
    for _ in range(20):
        if "/assessment/result" in page.url:
            break
        fill_assessment_step(page, answers)
        next_step(page)
    result = page.request.get(f"{server.url}/api/assessment/latest").json()
    sides = {s["side"]: s["thigh"] for s in result["result"]["sides"]}
    assert sides == {"left": "above", "right": "level"}
    assert page.js_errors == []
