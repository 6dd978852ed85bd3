"""The "wrong address" page (HTTP 421) is a small calm page, styled without the app's stylesheet
(which the wrong address refuses too), and its own Content-Security-Policy lets that style
through and nothing else. Checked over HTTP and in a real Chromium that reaches the app under
another host name (``--host-resolver-rules`` maps it to the loopback server)."""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from tests.conftest import need_service
from tests.e2e import web_browser
from tests.e2e.web_browser import CHROMIUM, DESKTOP, LAUNCH_ARGS

server = web_browser.server
pytestmark = pytest.mark.browser
WRONG_HOST = "rebound.example"
PHONE_390 = {"width": 390, "height": 844}


def _get(url: str, host: str) -> tuple[int, dict[str, str], str]:
    request = urllib.request.Request(url, headers={"Host": host})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, dict(answer.headers), answer.read().decode()
    except urllib.error.HTTPError as refused:
        return refused.code, dict(refused.headers), refused.read().decode()


def test_the_421_page_styles_itself_and_allows_only_that_style(server):
    status, headers, body = _get(f"{server.url}/settings", f"{WRONG_HOST}:80")
    assert status == 421
    assert 'rel="stylesheet"' not in body  # nothing the wrong address would refuse
    style = re.search(r"<style>(.*?)</style>", body, re.S)
    assert style is not None and "--accent" in style.group(1)
    digest = base64.b64encode(hashlib.sha256(style.group(1).encode()).digest()).decode()
    policy = headers["content-security-policy"]
    assert f"style-src 'sha256-{digest}'" in policy and "default-src 'none'" in policy
    assert "<h1>Wrong address</h1>" in body and "does not answer to this address" in body
    assert "Back to today" not in body  # no way "back" into an address that is refused
    api_status, _, api_body = _get(f"{server.url}/api/plan", f"{WRONG_HOST}:80")
    assert api_status == 421 and api_body.startswith("{")


@pytest.fixture(scope="module")
def rebinding_browser() -> Iterator[Any]:
    """Chromium that resolves ``WRONG_HOST`` to the loopback address, as a rebound name would."""
    need_service(shutil.which("chromium") is not None or Path(CHROMIUM).exists(), "Chromium")
    from playwright.sync_api import sync_playwright

    rule = f"--host-resolver-rules=MAP {WRONG_HOST} 127.0.0.1"
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=[*LAUNCH_ARGS, rule])
        yield launched
        launched.close()


@pytest.mark.parametrize("viewport", [PHONE_390, DESKTOP], ids=["phone", "desktop"])
def test_the_421_page_is_calm_and_styled_in_chromium(rebinding_browser, server, viewport):
    port = urlsplit(server.url).port
    page = rebinding_browser.new_context(viewport=viewport).new_page()
    blocked: list[str] = []  # the page itself (and a favicon) answer 421: only policy blocks count
    page.on("console", lambda msg: blocked.append(msg.text) if "Policy" in msg.text else None)
    answer = page.goto(f"http://{WRONG_HOST}:{port}/")
    assert answer is not None and answer.status == 421
    assert page.title() == "Wrong address - psoas"
    look = page.evaluate(
        """() => { const main = getComputedStyle(document.querySelector('main'));
        const body = getComputedStyle(document.body);
        return { font: body.fontFamily, bg: body.backgroundColor, width: main.maxWidth,
                 top: main.borderTopWidth, padding: main.paddingLeft }; }"""
    )
    assert "system-ui" in look["font"]  # not the browser's default serif
    assert look["bg"] != "rgba(0, 0, 0, 0)" and look["top"] == "6px" and look["padding"] != "0px"
    box = page.locator("main").bounding_box()
    assert box is not None and box["width"] <= viewport["width"]  # no sideways scrolling
    assert page.locator("[role=alert]").inner_text().startswith("psoas does not answer")
    assert blocked == []  # the policy blocked nothing the page needs
    page.context.close()
