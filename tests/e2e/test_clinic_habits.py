"""Clinic mode: a client ticks habits on their own checklist, and their clinician's client
detail shows the habit summary (on SQLite and PostgreSQL)."""

from __future__ import annotations

from tests.e2e import clinic_support
from tests.e2e.clinic_support import Clinic

backend, clinic = clinic_support.backend, clinic_support.clinic


def test_the_clinician_sees_the_habits_the_client_ticked(clinic: Clinic):
    client = clinic.client("client_a")
    habits = client.get("/api/habits").json()["habits"]
    ticked = client.api("/api/habits", {"habit_id": habits[0]["id"]})
    assert ticked.status_code == 200, ticked.text
    page = clinic.client("clinician_a").get(f"/clients/{clinic.person_a}").text
    assert 'id="habits-summary-title"' in page
    assert f"1 of {len(habits)} habits ticked today" in page
    assert habits[0]["title"] in page
    other = clinic.client("client_b").get("/api/habits").json()
    assert other["progress"]["done_today"] == 0  # each client ticks only their own list
