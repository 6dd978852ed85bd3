"""Security at the edge: headers, CSRF on every form and API write, no inline script."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest
from tests.e2e import web_fixtures

client, clock = web_fixtures.client, web_fixtures.clock

FORM_POSTS = (
    "/log/session",
    "/log/measurement",
    "/log/next-morning",
    "/settings",
    "/settings/delete",
    "/settings/import",
    "/assessment",
    "/assessment/restart",
    "/assessment/clearance",
    "/plan/new",
    "/plan/review",
)
API_WRITES = (
    ("POST", "/api/logs"),
    ("POST", "/api/measurements"),
    ("POST", "/api/plan"),
    ("POST", "/api/assessment"),
    ("PUT", "/api/preferences"),
    ("DELETE", "/api/me"),
    ("POST", "/api/import"),
    ("POST", "/api/plan/review"),
)


@pytest.mark.parametrize("path", ["/", "/exercises", "/api/today", "/nowhere"])
def test_security_headers_on_pages_api_and_errors(client, path):
    headers = client.get(path).headers
    csp = headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert headers["x-frame-options"] == "DENY"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"


def test_templates_have_no_inline_script_or_handlers():
    folder = Path(str(resources.files("psoas.web") / "templates"))
    for template in folder.rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        scripts = re.findall(r"<script(?![^>]*\b(src|type=\"application/json\"))[^>]*>", text)
        assert not scripts, template.name
        assert not re.search(r"\son[a-z]+=", text), template.name
        assert "http://" not in text and "https://" not in text, template.name


@pytest.mark.parametrize("path", FORM_POSTS)
def test_form_posts_without_the_token_are_refused(client, path):
    client.get("/")
    refused = client.post(path, data={"minutes": "10"}, follow_redirects=False)
    assert refused.status_code == 403
    forged = client.post(path, data={"csrf_token": "forged"}, follow_redirects=False)
    assert forged.status_code == 403


@pytest.mark.parametrize(("method", "path"), API_WRITES)
def test_api_writes_without_the_header_are_refused(client, method, path):
    client.get("/api/csrf")
    refused = client.request(method, path, json={})
    assert refused.status_code == 403 and refused.json()["status"] == 403
    wrong = client.request(method, path, json={}, headers={"X-CSRF-Token": "nope"})
    assert wrong.status_code == 403


def test_token_from_another_browser_is_refused(tmp_path, clock):
    from tests.e2e.web_support import real_client

    victim = real_client(tmp_path / "a", clock)
    attacker = real_client(tmp_path / "b", clock)
    attacker_token = attacker.refresh_token()
    victim.get("/")
    response = victim.post("/api/logs", json={}, headers={"X-CSRF-Token": attacker_token})
    assert response.status_code == 403


def test_csrf_cookie_is_signed_http_only_and_same_site(client):
    cookie = client.get("/").headers["set-cookie"]
    assert "psoas_csrf=" in cookie and "HttpOnly" in cookie and "SameSite=strict" in cookie
