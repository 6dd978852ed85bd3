"""The installable app in a real Chromium on a phone viewport: the manifest is valid and
Chromium's installability check passes; after one visit to Today, a session plays with the
network cut; a log saved offline waits on the device (visibly), survives the tab closing, and
reaches the database exactly once when the network returns, even if it is sent again."""

from __future__ import annotations

import io
import time
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from PIL import Image
from playwright.sync_api import expect
from sqlalchemy import func, select
from tests.e2e import web_browser
from tests.e2e.web_support import calm_answers

from psoas.catalogue.questions import load_questionnaire
from psoas.storage import tables
from psoas.storage.engine import make_engine

browser, server = web_browser.browser, web_browser.server
pytestmark = pytest.mark.browser
PHONE_390 = {"width": 390, "height": 844}
SHOTS = "/work/notes/screenshots/i23"


def _phone(browser: Any, server: Any) -> tuple[Any, Any]:
    context = browser.new_context(viewport=PHONE_390, base_url=server.url, is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(15000)
    return context, page


def _plan(page: Any, server: Any) -> None:
    token = page.request.get(f"{server.url}/api/csrf").json()["csrf_token"]
    headers = {"X-CSRF-Token": token}
    answers = calm_answers(load_questionnaire())
    assert page.request.post(f"{server.url}/api/assessment", data=answers, headers=headers).ok
    assert page.request.post(f"{server.url}/api/plan", data={}, headers=headers).ok


def _logs(folder: Any) -> int:
    engine = make_engine(f"sqlite:///{folder / 'psoas.db'}")
    try:
        with engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(tables.session_logs)).scalar()
    finally:
        engine.dispose()


def _violations(page: Any) -> list[str]:
    found = Axe().run(page).response["violations"]
    return [f"{v['id']}: {v['help']} ({v['nodes'][0]['target']})" for v in found]


def _first_visit(page: Any) -> list[str]:
    """Open Today online and wait until the worker kept today's and the next days' pages."""
    page.goto("/")
    page.wait_for_selector("html[data-offline-ready='true']", state="attached")
    pages = page.evaluate("fetch('/api/offline/pages').then(r => r.json())")["pages"]
    return [p for p in pages if p.startswith("/session/")]


def test_manifest_is_valid_and_the_app_installable(browser, server, tmp_path):
    # A profile on disk: Chromium never offers installation in an incognito-like context.
    context = browser.browser_type.launch_persistent_context(
        str(tmp_path / "profile"),
        executable_path=web_browser.CHROMIUM,
        args=web_browser.LAUNCH_ARGS,
        viewport=PHONE_390,
        is_mobile=True,
        base_url=server.url,
    )
    page = context.pages[0] if context.pages else context.new_page()
    page.goto("/")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    cdp = context.new_cdp_session(page)
    manifest = cdp.send("Page.getAppManifest")
    assert manifest["errors"] == [], manifest["errors"]
    assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
    body = page.evaluate("fetch('/manifest.webmanifest').then(r => r.json())")
    assert body["name"] == "psoas" and body["display"] == "standalone"
    assert body["start_url"].startswith("/") and body["theme_color"].startswith("#")
    purposes = {(i["purpose"], i["sizes"]) for i in body["icons"]}
    assert {("any", "192x192"), ("any", "512x512"), ("maskable", "512x512")} <= purposes
    for icon in body["icons"]:
        reply = page.request.get(f"{server.url}{icon['src']}")
        assert reply.ok, icon["src"]
        if icon["type"] == "image/png":
            size = Image.open(io.BytesIO(reply.body())).size
            assert f"{size[0]}x{size[1]}" == icon["sizes"]
    context.close()


def test_session_plays_offline_and_its_log_syncs_once(browser, server, tmp_path):
    context, page = _phone(browser, server)
    _plan(page, server)
    session = _first_visit(page)[0]
    context.set_offline(True)
    page.goto(session)  # from the worker's copy: no network at all
    page.wait_for_selector("#player[data-ready='true']", state="attached")
    expect(page.locator("#sync-state")).to_contain_text("You are offline")
    page.click("#pain-before button[data-pain='2']")
    page.click("#start")
    assert page.locator("#figure svg").is_visible()
    first = page.text_content("#big")
    page.wait_for_timeout(1600)
    expect(page.locator("#big")).not_to_have_text(first)  # the clock runs offline too
    page.click("#skip")  # answered by the local player
    expect(page.locator("#phase")).not_to_have_text("Get ready")
    page.wait_for_timeout(1200)
    page.screenshot(path=f"{SHOTS}/offline-player-phone.png")
    page.click("#pause")
    expect(page.locator("#pause")).to_have_text("Resume")
    page.click("#pause")
    expect(page.locator("#pause")).to_have_text("Pause")
    page.click("#quit")
    page.click("#quit-yes")
    page.click("#pain-after button[data-pain='1']")
    page.click("#save")
    page.wait_for_selector("#player-done:not([hidden])")
    assert "waiting to sync" in page.text_content("#done-title")
    page.wait_for_selector("#sync-state[data-waiting='1']")
    expect(page.locator("#sync-state")).to_contain_text("waiting to sync")
    assert _violations(page) == []
    page.screenshot(path=f"{SHOTS}/offline-saved-phone.png")
    queued = page.evaluate(
        """new Promise(ok => { const r = indexedDB.open('psoas', 1); r.onsuccess = () =>
        { const q = r.result.transaction('outbox').objectStore('outbox').getAll();
          q.onsuccess = () => ok(q.result); }; })"""
    )
    assert len(queued) == 1 and _logs(tmp_path) == 0
    page.close()  # the tab closes while still offline: the log stays on the device

    page = context.new_page()
    page.goto("/")  # Today from the worker's copy, still offline
    page.wait_for_selector("#sync-state[data-waiting='1']")
    context.set_offline(False)
    page.wait_for_selector("#sync-state[data-waiting='0']", state="attached")
    assert _logs(tmp_path) == 1
    # The answer was lost on the way back, say: the same record is sent again. Saved once.
    page.evaluate(
        """item => new Promise(ok => { const r = indexedDB.open('psoas', 1); r.onsuccess = () =>
        { const tx = r.result.transaction('outbox', 'readwrite');
          tx.objectStore('outbox').put(item); tx.oncomplete = ok; }; })""",
        queued[0],
    )
    page.evaluate("window.psoasOutbox.flush()")
    assert page.evaluate("window.psoasOutbox.waiting()") == 0
    assert _logs(tmp_path) == 1
    context.close()


def test_the_worker_sends_the_queue_with_every_tab_closed(browser, server, tmp_path):
    """Background Sync: no psoas page is open when the network returns."""
    context, page = _phone(browser, server)
    _plan(page, server)
    session = _first_visit(page)[0]
    context.set_offline(True)
    page.goto(session)
    page.wait_for_selector("#player[data-ready='true']", state="attached")
    page.click("#pain-before button[data-pain='3']")
    page.click("#start")
    page.click("#quit")
    page.click("#quit-yes")
    page.click("#pain-after button[data-pain='2']")
    page.click("#save")
    page.wait_for_selector("#sync-state[data-waiting='1']")
    tags = "navigator.serviceWorker.ready.then(r => r.sync.getTags())"
    assert page.evaluate(tags) == ["psoas-outbox"]
    page.close()
    assert context.pages == [] and _logs(tmp_path) == 0
    context.set_offline(False)
    deadline = time.monotonic() + 20
    while _logs(tmp_path) == 0 and time.monotonic() < deadline:
        time.sleep(0.25)
    assert _logs(tmp_path) == 1
    context.close()


def _ticks(folder: Any) -> int:
    engine = make_engine(f"sqlite:///{folder / 'psoas.db'}")
    try:
        with engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(tables.habit_ticks)).scalar()
    finally:
        engine.dispose()


def test_a_habit_ticked_offline_is_sent_when_back_online(browser, server, tmp_path):
    context, page = _phone(browser, server)
    _plan(page, server)
    _first_visit(page)
    context.set_offline(True)
    page.goto("/habits")  # kept by the worker
    page.locator("section.habit form button[type='submit']").first.click()
    page.wait_for_selector("text=Marked done on this device: waiting to sync.")
    page.wait_for_selector("#sync-state[data-waiting='1']")
    assert _ticks(tmp_path) == 0
    context.set_offline(False)
    page.wait_for_selector("#sync-state[data-waiting='0']", state="attached")
    assert _ticks(tmp_path) == 1
    context.close()


def test_offline_page_and_sync_banner_pass_axe(browser, server):
    context, page = _phone(browser, server)
    _plan(page, server)
    _first_visit(page)
    page.goto("/offline")
    assert _violations(page) == []
    context.set_offline(True)
    page.goto("/progress")  # never kept: the offline page answers
    assert "No connection" in page.text_content("h1")
    page.goto("/")
    expect(page.locator("#sync-state")).to_be_visible()
    assert _violations(page) == []
    context.close()
