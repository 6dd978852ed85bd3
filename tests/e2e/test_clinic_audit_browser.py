"""The admin's audit page in Debian's Chromium: the filters are labelled and usable, the
error and paged states pass axe-core."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from tests.e2e import web_browser
from tests.e2e.clinic_audit_support import LiveClinic, add_entries, bulk
from tests.e2e.clinic_support import PASSWORD, make_clinic
from tests.e2e.web_browser import DESKTOP

from psoas.services.clinic import accounts

browser = web_browser.browser
pytestmark = pytest.mark.browser


def _violations(page: Any) -> list[str]:
    page.wait_for_load_state()  # the whole page, not the part read so far
    results = Axe().run(page)
    return [f"{page.url} {v['id']}: {v['help']}" for v in results.response["violations"]]


def test_the_admin_filters_and_pages_the_audit_log(browser, tmp_path, request):  # type: ignore[no-untyped-def]
    world = make_clinic("sqlite", tmp_path, request, with_records=False)
    add_entries(world, bulk("pager", 130))
    token = accounts.login(world.ctx, world.users["admin"].email, PASSWORD).token
    with LiveClinic(world) as live:
        context = browser.new_context(viewport=DESKTOP, base_url=live.url)
        context.add_cookies([{"name": "psoas_session", "value": token, "url": live.url}])
        page = context.new_page()
        page.set_default_timeout(15000)
        problems: list[str] = []
        page.goto("/admin/audit")
        problems += _violations(page)
        page.get_by_label("Who", exact=True).select_option(world.users["clinician_a"].id)
        page.get_by_label("Action").select_option("changed")
        page.get_by_label("From").fill("2026-11-01")
        page.get_by_label("To").fill("2026-11-30")
        page.click("button:has-text('Show')")
        page.wait_for_url(lambda url: "action=changed" in url and "actor=" in url)  # loaded
        expect(page.locator("#audit-count")).to_be_visible()
        assert "client invited" in page.inner_text("table")
        page.goto("/admin/audit?actor=pager&page=2")
        assert page.inner_text("#audit-count").startswith("130 matching entries; showing 101–130")
        page.click("text=Previous page")
        expect(page.locator("#audit-count")).to_contain_text("showing 1–100")
        problems += _violations(page)
        page.goto("/admin/audit?action=deleted&from=someday")
        assert page.is_visible("#action-error") and page.is_visible("#from-error")
        problems += _violations(page)
        context.close()
    assert problems == []
