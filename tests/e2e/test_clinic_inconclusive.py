"""A self-test done with the lower back lifted reads "inconclusive, re-test" on the client's
result page and in the clinician's views (SQLite and PostgreSQL), never "no clear signs"."""

from __future__ import annotations

from tests.e2e import clinic_support
from tests.e2e.clinic_support import Clinic
from tests.e2e.web_support import calm_answers

backend, clinic = clinic_support.backend, clinic_support.clinic


def test_an_arched_back_self_test_is_inconclusive_for_client_and_clinician(clinic: Clinic):
    client, doctor = clinic.client("client_b"), clinic.client("clinician_b")
    answers = calm_answers(
        clinic.ctx.questionnaire,
        self_test_done=True,
        left_thigh="above",
        left_back_flat=False,
        right_thigh="level",
    )
    saved = client.api("/api/assessment", answers)
    assert saved.status_code == 201, saved.text
    assert saved.json()["result"]["profile"] == "inconclusive"
    result = client.get("/assessment/result").text
    assert "Inconclusive, re-test" in result and "no clear signs" not in result.lower()
    page = doctor.get(f"/clients/{clinic.person_b}").text
    assert "profile inconclusive, re-test" in page
    assert "inconclusive, re-test" in doctor.get("/clients").text
    row = _row(doctor.get("/clients").text, clinic_support.B_NAME)
    assert "nothing planned yet" in row and "on track" not in row  # assessed, no plan yet
    plan = client.api("/api/plan", {"minutes_per_day": 12})
    assert plan.status_code == 201, plan.text
    assert "nothing planned yet" not in _row(doctor.get("/clients").text, clinic_support.B_NAME)
    assert "Until you re-test" in client.get("/plan").text


def _row(page: str, name: str) -> str:
    """The caseload table's row of the client called ``name``."""
    return next(row for row in page.split("<tr>") if name in row)
