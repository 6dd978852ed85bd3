"""The animated illustration in a real Chromium: it moves, and it stands still for viewers who
ask for reduced motion."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import need_service

from psoas.catalogue import load_catalogue
from psoas.export.figures import exercise_svg

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SLUG = "glute-bridge"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    need_service(shutil.which("chromium") is not None or Path(CHROMIUM).exists(), "Chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield launched
        launched.close()


def _page(browser: Any, motion: str) -> Any:
    page = browser.new_context(reduced_motion=motion).new_page()
    svg = exercise_svg(load_catalogue().get(SLUG), animated=True)
    page.set_content(f"<!doctype html><html><body>{svg}</body></html>")
    return page


def _visible(page: Any, selector: str) -> bool:
    return page.eval_on_selector(selector, "el => getComputedStyle(el).display !== 'none'")


def test_animation_moves_the_figure(browser):
    page = _page(browser, "no-preference")
    assert _visible(page, "svg .moving")
    assert not _visible(page, "svg .still")
    positions = page.evaluate(
        """() => {
            const svg = document.querySelector('svg');
            svg.pauseAnimations();
            const line = svg.querySelector('.moving line animate').parentElement;
            const at = (t) => { svg.setCurrentTime(t); return line.y2.animVal.value; };
            return [at(0), at(1.6), at(2.4)];
        }"""
    )
    assert positions[0] != pytest.approx(positions[2], abs=1.0)
    page.context.close()


def test_reduced_motion_shows_the_still_start_pose(browser):
    page = _page(browser, "reduce")
    assert _visible(page, "svg .still")
    assert not _visible(page, "svg .moving")
    page.context.close()
