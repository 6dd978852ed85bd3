"""Regenerate the README's and docs' screenshots of the daily loop from the real pages.

Seeds a throw-away personal data folder through the command line (the desk-worker example,
a plan that started 17 days ago, a fortnight of logged sessions and a re-measure), serves it
on a free loopback port and photographs Today, the player during a hold, the plan and progress
with Chromium at phone size (390x844) and the plan at desktop size. Needs the test extras
(Playwright) and Chromium. Run: .venv/bin/python scripts/screenshots.py [--out docs/images]
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PSOAS = [sys.executable, "-m", "psoas"]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def _cli(env: dict[str, str], *args: str) -> None:
    subprocess.run([*PSOAS, *args], env=env, check=True, capture_output=True)


def seed(env: dict[str, str]) -> None:
    today = date.today()
    _cli(env, "assess", "--answers", str(ROOT / "docs" / "examples" / "desk-worker.yaml"))
    start = today - timedelta(days=17)
    _cli(
        env,
        "plan",
        "new",
        "--minutes",
        "15",
        "--strength-days",
        "2",
        "--equipment",
        "mat,chair",
        "--level",
        "beginner",
        "--days",
        "mon,tue,wed,thu,fri,sat",
        "--start",
        start.isoformat(),
        "--no-ask",
    )
    for back in (17, 16, 15, 13, 12, 10, 9, 8, 6, 5, 3, 2, 1):
        day = today - timedelta(days=back)
        before, after = 5 - (17 - back) // 5, 4 - (17 - back) // 6
        try:
            _cli(
                env,
                "log",
                "--date",
                day.isoformat(),
                "--pain-before",
                str(before),
                "--pain-during",
                "3",
                "--pain-after",
                str(after),
                "--effort",
                "5",
                "--minutes",
                "14",
            )
        except subprocess.CalledProcessError:
            continue  # a rest day in the plan
    _cli(env, "measure", "--hip-left", "5", "--hip-right", "2", "--method", "self_report")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def shoot(base: str, out: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        phone = browser.new_context(
            viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True
        ).new_page()
        phone.goto(base + "/")
        phone.screenshot(path=str(out / "home-phone.png"))
        phone.goto(base + "/plan")
        phone.screenshot(path=str(out / "plan-phone.png"))
        phone.goto(base + "/progress")
        phone.screenshot(path=str(out / "progress-phone.png"))
        phone.goto(base + "/")
        phone.click("text=Start session")
        phone.wait_for_selector("#player[data-ready='true']", state="attached")
        phone.click("#pain-before button[data-pain='2']")
        phone.click("#start")
        for _ in range(20):
            if (
                phone.get_attribute("#player", "data-step-kind") == "hold"
                and not phone.locator("#side").is_hidden()
            ):
                break
            phone.click("#skip")
            time.sleep(0.5)
        time.sleep(1.5)
        phone.screenshot(path=str(out / "player-running-phone.png"))
        desktop = browser.new_context(viewport=DESKTOP).new_page()
        desktop.goto(base + "/plan")
        desktop.screenshot(path=str(out / "plan-desktop.png"))
        desktop.goto(base + "/progress")
        desktop.screenshot(path=str(out / "progress-desktop.png"))
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "PSOAS_DATA_DIR": folder}
        env.pop("PSOAS_DATABASE_URL", None)
        seed(env)
        port = _free_port()
        server = subprocess.Popen(
            [*PSOAS, "serve", "--port", str(port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(120):
                try:
                    urllib.request.urlopen(base + "/", timeout=2)
                    break
                except OSError:
                    time.sleep(0.5)
            shoot(base, args.out)
        finally:
            server.terminate()
            server.wait(timeout=20)
    print(f"screenshots written to {args.out}")


if __name__ == "__main__":
    main()
