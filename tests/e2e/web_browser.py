"""Real-browser test support: the app served by uvicorn on a free loopback port (its own
SQLite file), and Debian's Chromium driven by Playwright. Imported by the test_web_browser_*
modules; ``need_service`` makes strict mode (CI) fail instead of skipping without Chromium."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from tests.conftest import need_service

from psoas.bootstrap import build_context
from psoas.config import get_settings
from psoas.web.app import create_app

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}


class LiveServer:
    """uvicorn in a thread; ``url`` is where it listens."""

    def __init__(self, folder: Path, clock: Any = None) -> None:
        settings = get_settings(data_dir=folder, database_url=f"sqlite:///{folder / 'psoas.db'}")
        app = create_app(settings, context=build_context(settings, clock=clock))
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.url = f"http://127.0.0.1:{port}"
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    need_service(shutil.which("chromium") is not None or Path(CHROMIUM).exists(), "Chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def server(tmp_path) -> Iterator[LiveServer]:  # type: ignore[no-untyped-def]
    with LiveServer(tmp_path) as live:
        yield live


def new_page(browser: Any, viewport: dict[str, int], server: LiveServer) -> Any:
    context = browser.new_context(viewport=viewport, base_url=server.url)
    page = context.new_page()
    page.set_default_timeout(15000)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.js_errors = errors  # type: ignore[attr-defined]
    return page


def fill_assessment_step(page: Any, answers: dict[str, Any]) -> None:
    """Answer the questions on the current step from ``answers`` (calm defaults)."""
    names = page.eval_on_selector_all(
        "form[action='/assessment'] [name]", "els => [...new Set(els.map(e => e.name))]"
    )
    for name in names:
        if name not in answers:
            continue
        value = answers[name]
        field = page.locator(f"[name='{name}']").first
        next_side = page.locator(".side-group button:has-text('go on to the')")
        if not field.is_visible() and next_side.count() and next_side.first.is_visible():
            next_side.first.click()  # the self-test shows one side at a time
        kind = page.get_attribute(f"[name='{name}']", "type")
        if kind == "radio":
            word = "yes" if value is True else "no" if value is False else str(value)
            page.check(f"input[name='{name}'][value='{word}']")
        elif kind == "checkbox":
            for v in value:
                page.check(f"input[name='{name}'][value='{v}']")
        else:
            page.fill(f"[name='{name}']", str(value))


def click_to_new_page(page: Any, target: Any) -> None:
    """Click ``target`` (a selector or a locator): a link or a form sent to the server, and
    wait until the page it leads to has loaded. A click can return while the old page is still
    shown or the new one is half read, and a form's answer may come back at the same address
    (an error, a list marked seen), which ``wait_for_url`` cannot tell from the old page."""
    with page.expect_navigation():
        if isinstance(target, str):
            page.click(target)
        else:
            target.click()


def next_step(page: Any) -> None:
    """Send the assessment step and wait for the page that answers it (the next step, the
    same step with its errors or follow-ups, or the result)."""
    click_to_new_page(page, "button[value='next']")


def go_through_assessment(page: Any, answers: dict[str, Any]) -> None:
    page.goto("/assessment")
    for _ in range(30):
        fill_assessment_step(page, answers)
        next_step(page)
        if "/assessment/result" in page.url:
            return
    raise AssertionError("the assessment did not finish")


def hold_the_clock(page: Any) -> None:
    """Install Playwright's clock and stop it, so countdowns move only with ``clock.run_for``
    (a loaded machine cannot eat seconds between a click and reading the screen)."""
    from datetime import datetime

    start = datetime(2026, 12, 3, 8, 0, 0)
    page.clock.install(time=start)
    page.clock.pause_at(datetime(2026, 12, 3, 8, 0, 1))


def stop_the_clock(page: Any) -> None:
    """Stop the clock that ``page.clock.install()`` left running with the real time, a second
    ahead of where it is now, so countdowns move only with ``clock.run_for`` (the date stays
    today's, which a saved session's start time must be). Afterwards wait with ``expect()``:
    ``wait_for_selector`` polls in the page, whose stopped clock can leave it waiting forever."""
    page.clock.pause_at(page.evaluate("Date.now()") / 1000 + 1)


def skip_step(page: Any) -> None:
    """Press the player's Skip and wait until the page shows the server's answer: the time left
    changes (with the clock stopped nothing else changes it). Reading the screen or skipping
    again at once would still see the step before, and a skip still on its way would move the
    player on after the test has looked."""
    from playwright.sync_api import expect

    left = page.get_attribute("#bar", "aria-valuetext")
    page.click("#skip")
    expect(page.locator("#bar")).not_to_have_attribute("aria-valuetext", left)
