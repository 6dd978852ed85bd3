"""From the library to a client's plan (SQLite and PostgreSQL): a clinician's exercise page
offers "Add to a client's plan", which lists only her own clients and opens the chosen client's
plan builder with the exercise added; clients never see it, and an unknown exercise is a 404."""

from __future__ import annotations

from tests.e2e import clinic_support
from tests.e2e.clinic_support import A_NAME, B_NAME, Clinic

backend, clinic = clinic_support.backend, clinic_support.clinic


def test_a_clinician_adds_an_exercise_from_the_library_to_a_client(clinic: Clinic):
    doctor = clinic.client("clinician_a")
    page = doctor.get("/exercises/glute-bridge")
    assert page.status_code == 200
    assert 'href="/clients/add-exercise/glute-bridge"' in page.text
    choose = doctor.get("/clients/add-exercise/glute-bridge")
    assert choose.status_code == 200
    assert "Add Glute bridge to a client's plan" in choose.text
    link = f"/clients/{clinic.person_a}/plan/build?add=glute-bridge"
    assert A_NAME in choose.text and link in choose.text and B_NAME not in choose.text
    builder = doctor.get(link)
    assert builder.status_code == 200
    assert 'value="glute-bridge"' in builder.text  # a row for it, ready to save
    other = clinic.client("clinician_b").get("/clients/add-exercise/glute-bridge")
    assert other.status_code == 200 and A_NAME not in other.text and B_NAME in other.text


def test_clients_are_not_offered_it_and_unknown_exercises_are_not_found(clinic: Clinic):
    client = clinic.client("client_a")
    assert "add-exercise" not in client.get("/exercises/glute-bridge").text
    assert client.get("/clients/add-exercise/glute-bridge").status_code in (403, 404)
    missing = clinic.client("clinician_a").get("/clients/add-exercise/no-such-thing")
    assert missing.status_code == 404 and "Traceback" not in missing.text
    assert clinic.client("admin").get("/clients/add-exercise/glute-bridge").status_code in (
        403,
        404,
    )
