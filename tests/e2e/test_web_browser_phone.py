"""Phone pairing in a real Chromium: the desktop's Settings shows the pairing QR code and code
(screenshots at phone and desktop sizes), and the phone's pairing page, fetched from the
network address of a real `psoas serve --phone`, has no accessibility violations."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from tests.e2e import web_browser
from tests.e2e.phone_support import PHONE_IP, PhoneServer

browser = web_browser.browser
pytestmark = pytest.mark.browser
PHONE_390 = {"width": 390, "height": 844}
SHOTS = "/work/notes/screenshots/i23"


@pytest.fixture
def phone_server(tmp_path) -> Iterator[PhoneServer]:  # type: ignore[no-untyped-def]
    server = PhoneServer(tmp_path)
    yield server
    server.stop()


def _violations(page: Any) -> list[str]:
    found = Axe().run(page).response["violations"]
    return [f"{v['id']}: {v['help']} ({v['nodes'][0]['target']})" for v in found]


@pytest.mark.parametrize(
    ("viewport", "name"), [(PHONE_390, "phone"), (web_browser.DESKTOP, "desktop")]
)
def test_settings_shows_the_pairing_qr_code(browser, phone_server, viewport, name):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(f"http://127.0.0.1:{phone_server.port}/settings")
    section = page.locator("section[aria-labelledby='phone-title']")
    assert page.text_content("#pair-code") == phone_server.code
    assert section.locator("svg.qr").is_visible()
    box = section.locator("svg.qr").bounding_box()
    assert box["width"] >= 120 and box["x"] + box["width"] <= viewport["width"]
    assert f"http://{PHONE_IP}:{phone_server.port}/pair" in section.text_content()
    assert "plain HTTP" in section.text_content()
    section.scroll_into_view_if_needed()
    section.screenshot(path=f"{SHOTS}/pairing-qr-{name}.png")
    assert _violations(page) == []
    context.close()


def test_the_phone_pairing_page_passes_axe(browser, phone_server):
    # Chromium connects from 127.0.0.1 (this computer), so the page as the network sees it is
    # fetched from 127.0.0.2 and shown under the same address, styles from the server.
    html = phone_server.client(PHONE_IP).get(f"/pair?code={phone_server.code}").text
    assert "Enter the code from your computer" in html
    context = browser.new_context(viewport=PHONE_390)
    page = context.new_page()
    url = f"http://127.0.0.1:{phone_server.port}/pair-as-seen-by-a-phone"
    page.route(url, lambda route: route.fulfill(body=html, content_type="text/html"))
    page.goto(url)
    assert page.input_value("#code") == phone_server.code
    assert page.locator("#plain-http").is_visible()
    page.screenshot(path=f"{SHOTS}/pair-page-phone.png", full_page=True)
    assert _violations(page) == []
    context.close()
