"""Regenerate the installed app's icons in src/psoas/web/static/icons/ from the figure code.

    .venv/bin/python scripts/make_icons.py

Writes icon-any.svg and icon-maskable.svg (psoas.export.app_icon) and renders them to PNG with
the Chromium the browser tests use (Playwright, a test extra): 192 and 512 pixels for each
purpose, and a 180-pixel touch icon for iOS. The PNGs are committed; tests check they match
the sizes the manifest names and that the SVGs are what the figure code draws today.
"""

from __future__ import annotations

import sys
from pathlib import Path

from psoas.catalogue import load_catalogue
from psoas.export.app_icon import ICON_EXERCISE, PURPOSES, icon_svg

CHROMIUM = "/usr/bin/chromium"
FOLDER = Path(__file__).resolve().parent.parent / "src" / "psoas" / "web" / "static" / "icons"
PNG_SIZES = {"any": (192, 512), "maskable": (192, 512)}
TOUCH_SIZE = 180


def render(page, svg: str, size: int, target: Path) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": size, "height": size})
    body = svg.replace('width="512" height="512"', f'width="{size}" height="{size}"', 1)
    page.set_content(
        f"<!doctype html><style>html,body{{margin:0;background:transparent}}</style>{body}"
    )
    page.screenshot(path=str(target), omit_background=True)


def main() -> int:
    from playwright.sync_api import sync_playwright

    exercise = load_catalogue().get(ICON_EXERCISE)
    FOLDER.mkdir(parents=True, exist_ok=True)
    svgs = {purpose: icon_svg(exercise, purpose) for purpose in PURPOSES}
    for purpose, svg in svgs.items():
        (FOLDER / f"icon-{purpose}.svg").write_text(svg, encoding="utf-8")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page()
        for purpose, sizes in PNG_SIZES.items():
            for size in sizes:
                render(page, svgs[purpose], size, FOLDER / f"icon-{purpose}-{size}.png")
        render(page, svgs["maskable"], TOUCH_SIZE, FOLDER / f"touch-icon-{TOUCH_SIZE}.png")
        browser.close()
    print(f"icons written to {FOLDER}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
