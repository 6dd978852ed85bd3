"""Measure from a photo in real Chromium, at phone (390x844) and desktop sizes: the guide and
drawing before the picker, choosing a photo, the annotated reading, accepting it, and axe on
every page of the way. Screenshots go to PSOAS_SCREENSHOTS when it is set."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from tests.conftest import need_service
from tests.e2e import web_browser
from tests.e2e.web_browser import fill_assessment_step, new_page, next_step
from tests.e2e.web_support import calm_answers
from tests.pose_photos import HAS_CAMERA, photo_bytes

from psoas.catalogue.questions import load_questionnaire

browser, server = web_browser.browser, web_browser.server
pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def _violations(page) -> list[str]:  # type: ignore[no-untyped-def]
    found = Axe().run(page).response["violations"]
    return [f"{v['id']}: {v['help']} ({v['nodes'][0]['target']})" for v in found]


def _shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    folder = os.environ.get("PSOAS_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_measure_from_a_photo_and_save_it(browser, server, viewport, tmp_path):
    need_service(HAS_CAMERA, 'the camera extra (pip install -e ".[camera]")')
    size = "phone" if viewport is PHONE else "desktop"
    photo = tmp_path / "self-test.jpg"
    photo.write_bytes(photo_bytes("walk_100.jpg", 1))
    page = new_page(browser, viewport, server)
    page.goto("/log")
    page.click("text=Measure from a photo")
    page.wait_for_url("**/photo?back=log")
    drawing = page.locator("img[src='/static/photo-setup.svg']")
    assert drawing.is_visible() and drawing.evaluate("img => img.naturalWidth") > 0
    assert page.locator("text=How to take the photo").is_visible()
    picker = page.locator("input[type=file]")
    assert picker.get_attribute("capture") == "environment"
    assert _violations(page) == []
    _shot(page, f"photo-guide-{size}")

    picker.set_input_files(str(photo))
    page.select_option("#side", "left")
    page.click("button:has-text('Measure my photo')")
    page.wait_for_selector("text=Accept or correct")
    page.wait_for_load_state()  # the measured picture decoded, not only its tag read
    result = page.locator(".photo-result img")
    expect(result).to_be_visible()
    assert result.evaluate("img => img.naturalWidth") > 300
    box = result.bounding_box()
    assert box["width"] <= viewport["width"]  # fits the phone screen
    expect(page.locator("text=give or take")).to_be_visible()
    assert _violations(page) == []
    _shot(page, f"photo-result-{size}")

    page.fill("#hip_angle_deg", "-40")  # the person corrects the proposal
    page.check("input[name=thigh][value=below]")
    page.click("button:has-text('Save this measurement')")
    page.wait_for_url("**/log?saved=measurement")
    assert page.locator("text=Saved.").is_visible()
    listed = page.locator("main").inner_text()
    assert "-40" in listed and "Hip angle" in listed.replace("hip angle", "Hip angle")
    assert page.js_errors == []


def test_a_refused_photo_says_why_and_offers_the_picker_again(browser, server, tmp_path):
    need_service(HAS_CAMERA, "the camera extra")
    blank = tmp_path / "blank.png"
    from PIL import Image

    Image.new("RGB", (600, 400), "white").save(blank)
    page = new_page(browser, PHONE, server)
    page.goto("/photo?side=right&back=assessment&step=2")
    page.set_input_files("input[type=file]", str(blank))
    page.click("button:has-text('Measure my photo')")
    alert = page.locator("[role=alert]")
    alert.wait_for()
    page.wait_for_load_state()  # the form below the message read to its end
    assert "No person was found" in alert.inner_text()
    expect(page.locator("input[type=file]")).to_be_visible()
    assert page.locator("#side").input_value() == "right"
    assert _violations(page) == []
    _shot(page, "photo-refused-phone")


def _to_self_test(page) -> None:  # type: ignore[no-untyped-def]
    answers = calm_answers(load_questionnaire())
    page.goto("/assessment")
    for _ in range(20):
        if page.locator("input[name='self_test_done']").count():
            return
        fill_assessment_step(page, answers)
        next_step(page)
    raise AssertionError("no self-test step")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_self_test_step_takes_its_answer_from_a_photo(browser, server, viewport, tmp_path):
    need_service(HAS_CAMERA, "the camera extra")
    size = "phone" if viewport is PHONE else "desktop"
    photo = tmp_path / "self-test.jpg"
    photo.write_bytes(photo_bytes("walk_100.jpg", 1))
    page = new_page(browser, viewport, server)
    _to_self_test(page)
    page.check("input[name='self_test_done'][value='yes']")
    left = page.locator(".side-group[data-side='left']")
    link = left.locator("a:has-text('Measure from a photo')")
    assert link.is_visible()
    assert _violations(page) == []
    _shot(page, f"photo-self-test-step-{size}")
    link.click()
    page.wait_for_url("**/photo?side=left&back=assessment*")
    assert page.locator("#side").input_value() == "left"
    page.set_input_files("input[type=file]", str(photo))
    page.click("button:has-text('Measure my photo')")
    page.wait_for_selector("text=Accept or correct")
    angle = page.locator("#hip_angle_deg").input_value()
    thigh = page.locator("input[name=thigh]:checked").get_attribute("value")
    page.click("button:has-text('Use this for the self-test')")
    page.wait_for_url("**/assessment?step=*")
    assert page.locator(f"input[name='left_thigh'][value='{thigh}']").is_checked()
    assert float(page.locator("input[name='left_hip_angle']").input_value()) == float(angle)
    assert page.locator("input[name='self_test_done'][value='yes']").is_checked()
    assert page.js_errors == []
