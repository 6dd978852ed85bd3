"""Download routes: each export through HTTP, with attachment headers and clear errors."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
from icalendar import Calendar
from pypdf import PdfReader
from tests.e2e.test_export_cli import _real_logs, _real_plan
from tests.e2e.web_support import real_client
from tests.integration import export_samples as samples

from psoas.export.fhir import read_bundle


def _live(cal):  # type: ignore[no-untyped-def]
    """The events that take place (break numbers a schedule no longer uses come CANCELLED)."""
    return [e for e in cal.walk("VEVENT") if e["STATUS"] != "CANCELLED"]


@pytest.fixture
def web(tmp_path):
    client = real_client(tmp_path)
    ctx = client.app.state.context
    with ctx.uow() as uow:
        uow.people.add(samples.person())
        uow.plans.save(_real_plan())
        for log in _real_logs():
            uow.logs.add(log)
        for m in samples.measurements():
            uow.measurements.add(m)
        uow.assessments.add(samples.assessment())
        for review in samples.reviews():
            uow.reviews.add(replace(review, items=()))
    return client


@pytest.mark.parametrize(
    ("url", "media", "filename"),
    [
        ("/export/plan.pdf?page_size=Letter", "application/pdf", "psoas-plan-2026-11-23.pdf"),
        ("/export/progress.pdf", "application/pdf", "psoas-progress-"),
        ("/export/plan.ics", "text/calendar", "psoas-plan.ics"),
        ("/export/breaks.ics?days=mon,fri&interval=45", "text/calendar", "psoas-breaks.ics"),
        ("/export/fhir.json", "application/fhir+json", "psoas-fhir-bundle.json"),
        ("/export/sessions.csv", "text/csv", "psoas-sessions.csv"),
        ("/export/measurements.csv", "text/csv", "psoas-measurements.csv"),
    ],
)
def test_every_download(web, url, media, filename):
    response = web.get(url)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(media)
    assert f'attachment; filename="{filename}' in response.headers["content-disposition"]
    assert response.headers["cache-control"] == "no-store"
    body = response.content
    if media == "application/pdf":
        assert len(PdfReader(io.BytesIO(body)).pages) >= 2
    elif media == "text/calendar":
        assert Calendar.from_ical(body).walk("VEVENT")
    elif "fhir" in media:
        assert read_bundle(body).plan_id == "plan-1"
    else:
        assert body.decode().count("\n") >= 2


def test_bad_query_values_give_a_clear_error(web):
    response = web.get("/export/plan.pdf?page_size=A5")
    assert response.status_code in (400, 422)
    assert "page_size" in response.text and "is not A4 or Letter" in response.text
    response = web.get("/export/breaks.ics?work_start=nine")
    assert response.status_code in (400, 422) and "work_start" in response.text


def test_breaks_calendar_follows_the_saved_reminders_unless_overridden(web):
    saved = {"days": ["tue"], "start": "08:00", "end": "10:00", "quiet": ["09:00-09:30"]}
    assert web.api("/api/reminders", saved, method="PUT").status_code == 200
    events = _live(Calendar.from_ical(web.get("/export/breaks.ics").content))
    assert {tuple(e["RRULE"]["BYDAY"]) for e in events} == {("TU",)}
    assert "09:00" not in {e["DTSTART"].dt.strftime("%H:%M") for e in events}
    response = web.get("/export/breaks.ics?days=fri&interval=60&work_end=12:00")
    events = _live(Calendar.from_ical(response.content))
    assert [e["DTSTART"].dt.strftime("%H:%M") for e in events] == ["10:00", "11:00"]
    assert events[0]["RRULE"]["BYDAY"] == ["FR"]
    assert web.get("/export/breaks.ics?interval=90").status_code == 422


def test_no_plan_yet_says_what_to_do(tmp_path):
    client = real_client(tmp_path)
    response = client.get("/export/plan.ics")
    assert response.status_code == 404
    assert "psoas plan new" in response.text
