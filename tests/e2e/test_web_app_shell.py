"""The installable app's parts over HTTP: the manifest (psoas, or the clinic's name in clinic
mode, public there), the service worker with its version and shell, the list of pages kept
offline, and the icons drawn by the project's own figure code."""

from __future__ import annotations

import io
import json
from importlib import resources

import pytest
from PIL import Image
from tests.e2e import web_fixtures
from tests.e2e.clinic_support import make_clinic
from tests.e2e.web_support import calm_answers

from psoas.catalogue import load_catalogue
from psoas.catalogue.questions import load_questionnaire
from psoas.export.app_icon import ICON_EXERCISE, PURPOSES, icon_svg
from psoas.services.clinic import settings as clinic_settings
from psoas.web.routes.app_shell import ICONS, SHELL

client, clock = web_fixtures.client, web_fixtures.clock
ICON_FOLDER = resources.files("psoas.web") / "static" / "icons"


def test_manifest_names_psoas_and_lists_the_icons(client):
    reply = client.get("/manifest.webmanifest")
    assert reply.status_code == 200
    assert reply.headers["content-type"].startswith("application/manifest+json")
    body = reply.json()
    assert body["name"] == "psoas" and body["display"] == "standalone"
    assert body["start_url"].startswith("/") and body["scope"] == "/"
    for icon in body["icons"]:
        assert client.get(icon["src"]).status_code == 200
    assert '<link rel="manifest" href="/manifest.webmanifest">' in client.get("/").text


def test_worker_is_served_with_its_version_and_shell(client):
    reply = client.get("/sw.js")
    assert reply.status_code == 200 and "javascript" in reply.headers["content-type"]
    assert "__VERSION__" not in reply.text and "__SHELL__" not in reply.text
    assert json.dumps(list(SHELL)) in reply.text
    for path in SHELL:
        assert client.get(path).status_code == 200, path


def test_offline_pages_are_today_and_the_next_days_sessions(client):
    assert client.get("/api/offline/pages").json()["pages"] == ["/", "/habits"]
    client.api("/api/assessment", calm_answers(load_questionnaire()))
    client.api("/api/plan", {})
    pages = client.get("/api/offline/pages").json()["pages"]
    sessions = [p for p in pages if p.startswith("/session/")]
    assert sessions and len(sessions) <= 4
    plan = client.get("/api/plan").json()
    days = {s["id"]: s["date"] for w in plan["weeks"] for s in w["sessions"]}
    dates = sorted(days[p.removeprefix("/session/")] for p in sessions)
    today = client.get("/api/today").json()["day"]
    assert dates[0] >= today
    for page in sessions:
        assert client.get(page).status_code == 200


@pytest.mark.parametrize("backend", ["sqlite"])
def test_clinic_manifest_carries_the_clinic_name_without_a_login(backend, tmp_path, request):
    clinic = make_clinic(backend, tmp_path, request, with_records=False)
    clinic_settings.update(clinic.ctx, None, {"name": "Hip Works Physio"})
    visitor = clinic.client()
    body = visitor.get("/manifest.webmanifest").json()
    assert body["name"] == "Hip Works Physio" and len(body["short_name"]) <= 12
    assert visitor.get("/sw.js").status_code == 200
    assert visitor.get("/api/offline/pages").status_code in (401, 403)  # records need a log-in
    assert clinic.client("client_a").get("/api/offline/pages").status_code == 200


def test_icons_are_the_figure_drawing_at_the_listed_sizes():
    exercise = load_catalogue().get(ICON_EXERCISE)
    for purpose in PURPOSES:
        shipped = (ICON_FOLDER / f"icon-{purpose}.svg").read_text(encoding="utf-8")
        assert shipped == icon_svg(exercise, purpose), "run scripts/make_icons.py"
    for src, sizes, kind, _ in ICONS:
        if kind != "image/png":
            continue
        data = (ICON_FOLDER / src.rsplit("/", 1)[1]).read_bytes()
        width, height = Image.open(io.BytesIO(data)).size
        assert f"{width}x{height}" == sizes
    maskable = Image.open(io.BytesIO((ICON_FOLDER / "icon-maskable-512.png").read_bytes()))
    assert maskable.convert("RGBA").getpixel((2, 2))[3] == 255  # full bleed: no clear corner
    with pytest.raises(ValueError):
        icon_svg(exercise, "round")
