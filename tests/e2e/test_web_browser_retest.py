"""A re-test day in a real Chromium: the guided self-test before the exercises, a contradicting
angle shown next to its field, both sides saved, then the timed session starts as usual."""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import expect
from tests.e2e import web_browser
from tests.e2e.retest_support import seed_retest_plan, self_test_measurements
from tests.e2e.web_browser import DESKTOP, new_page

from psoas.bootstrap import build_context
from psoas.config import get_settings

browser, server = web_browser.browser, web_browser.server
pytestmark = pytest.mark.browser
SHOTS = os.environ.get("PSOAS_SCREENSHOTS")  # a folder: save what the test saw, to look at


def _ctx(folder):  # type: ignore[no-untyped-def]
    settings = get_settings(data_dir=folder, database_url=f"sqlite:///{folder / 'psoas.db'}")
    return build_context(settings)


@pytest.mark.parametrize(
    "viewport", [{"width": 390, "height": 844}, DESKTOP], ids=["phone", "desktop"]
)
def test_the_self_test_is_guided_checked_saved_then_the_session_starts(
    browser, server, tmp_path, viewport
):
    ctx = _ctx(tmp_path)
    session_id = seed_retest_plan(ctx)
    page = new_page(browser, viewport, server)
    page.goto(f"/session/{session_id}")
    expect(page.locator("#self-test")).to_be_visible()
    expect(page.locator("#self-test h2")).to_contain_text("Re-test first")
    assert page.locator("#self-test-left legend").first.inner_text() == "Left side"

    page.check("input[name='left_thigh'][value='above']")
    page.fill("#left_hip_angle", "-20")
    page.check("input[name='right_thigh'][value='level']")
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/self-test-{viewport['width']}.png", full_page=True)
    page.click("#self-test-save")
    error = page.locator("#left_hip_angle-error")
    expect(error).to_be_visible()
    expect(error).to_contain_text("-20 degrees puts the left thigh below the bench line")
    assert self_test_measurements(ctx) == set()
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/self-test-error-{viewport['width']}.png", full_page=True)

    page.fill("#left_hip_angle", "6")
    page.click("#self-test-save")
    done = page.locator("#self-test-done")
    expect(done).to_be_visible()
    expect(done).to_contain_text("Left thigh: above the bench line, hip angle +6°.")
    assert self_test_measurements(ctx) == {
        ("self_test", "left", 1.0),
        ("hip_angle", "left", 6.0),
        ("self_test", "right", 0.0),
    }
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/self-test-saved-{viewport['width']}.png", full_page=True)

    page.wait_for_selector("#player[data-ready='true']", state="attached")
    page.click("#pain-before button[data-pain='1']")
    page.click("#start")
    expect(page.locator("#self-test")).to_be_hidden()
    expect(page.locator("#phase")).to_have_text("Get ready")
    # the refused reading logs its 422 response in the console; nothing else may fail
    assert [e for e in page.js_errors if "status of 422" not in e] == []
