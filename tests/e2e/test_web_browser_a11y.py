"""Accessibility: axe-core (axe-playwright-python) finds no violations on any page, at phone and
desktop sizes, before and after a plan exists, including the result page and the player."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from tests.e2e import web_browser
from tests.e2e.web_browser import DESKTOP, PHONE, click_to_new_page, new_page, next_step
from tests.e2e.web_support import calm_answers

from psoas.catalogue import load_catalogue
from psoas.catalogue.questions import load_questionnaire

browser, server = web_browser.browser, web_browser.server
pytestmark = pytest.mark.browser

FIRST_VISIT = (
    "/",
    "/assessment",
    "/plan",
    "/log",
    "/progress",
    "/exercises",
    "/settings",
    "/nowhere",
)


def _violations(page) -> list[str]:  # type: ignore[no-untyped-def]
    results = Axe().run(page)
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})"
        for v in results.response["violations"]
    ]


def _with_plan(page, server) -> str:  # type: ignore[no-untyped-def]
    token = page.goto("/api/csrf").json()["csrf_token"]
    headers = {"X-CSRF-Token": token}
    answers = calm_answers(load_questionnaire())
    assert page.request.post(f"{server.url}/api/assessment", data=answers, headers=headers).ok
    assert page.request.post(f"{server.url}/api/plan", data={}, headers=headers).ok
    today = page.request.get(f"{server.url}/api/today").json()
    return today["sessions"][0]["id"] if today["sessions"] else ""


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_no_axe_violations_on_any_page(browser, server, viewport):
    page = new_page(browser, viewport, server)
    found = {}
    for path in FIRST_VISIT:
        page.goto(path)
        found[path] = _violations(page)
    session_id = _with_plan(page, server)
    slug = next(iter(load_catalogue())).id
    later = [
        "/",
        "/plan",
        "/progress",
        "/assessment/result",
        f"/exercises/{slug}",
        "/assessment?step=5",
    ]
    if session_id:
        later.append(f"/session/{session_id}")
    for path in later:
        page.goto(path)
        found[f"{path} (with a plan)"] = _violations(page)
    if session_id:
        page.click("#pain-before button[data-pain='1']")
        page.click("#start")
        found["player running"] = _violations(page)
    assert {k: v for k, v in found.items() if v} == {}


def test_no_axe_violations_on_form_errors(browser, server):
    page = new_page(browser, DESKTOP, server)
    page.goto("/log")
    page.fill("#minutes", "9999")
    click_to_new_page(page, "button:has-text('Save session')")  # the page with the errors
    assert page.locator("[role=alert], .field-error").count() >= 1
    assert _violations(page) == []
    page.goto("/assessment")
    page.fill("[name='age']", "5000")
    next_step(page)  # the same step again, with its error
    assert page.locator(".field-error").count() == 1
    assert _violations(page) == []
