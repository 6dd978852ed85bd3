"""Clinic mode: each client's pages use the client's own "today" (their time zone), not the
server's date (issue 16), on SQLite and PostgreSQL. Staff keep the server's clock."""

from __future__ import annotations

from datetime import UTC, date, datetime

from tests.e2e import clinic_support
from tests.e2e.clinic_support import Clinic

from psoas.services import people

backend, clinic = clinic_support.backend, clinic_support.clinic


def _today_of(clinic: Clinic, role: str) -> tuple[str, str]:
    web = clinic.client(role)
    day = web.get("/api/today")
    page = web.get("/")
    assert day.status_code == 200 and page.status_code == 200
    return day.json()["day"], page.text


def test_a_client_ahead_of_utc_sees_tomorrow_on_today(clinic: Clinic):
    people.set_timezone(clinic.ctx, clinic.person_a, "Pacific/Auckland")
    clinic.clock.set(datetime(2026, 11, 23, 20, 0, tzinfo=UTC))  # 09:00 on the 24th there
    day, page = _today_of(clinic, "client_a")
    assert day == "2026-11-24"
    assert "Tuesday 24 November" in page
    assert clinic.ctx.clock.today() == date(2026, 11, 23)  # the server's date is unchanged
    other, _ = _today_of(clinic, "client_b")  # client B is still in the server's zone
    assert other == "2026-11-23"


def test_a_client_behind_utc_sees_yesterday_on_today_and_in_the_plan(clinic: Clinic):
    people.set_timezone(clinic.ctx, clinic.person_a, "America/New_York")
    clinic.clock.set(datetime(2026, 11, 24, 2, 0, tzinfo=UTC))  # 21:00 on the 23rd there
    day, page = _today_of(clinic, "client_a")
    assert day == "2026-11-23"
    assert "Monday 23 November" in page
    assert clinic.client("client_a").get("/plan").status_code == 200
    people.set_timezone(clinic.ctx, clinic.person_a, "Europe/Berlin")  # 03:00 on the 24th
    day, _ = _today_of(clinic, "client_a")
    assert day == "2026-11-24"


def test_staff_pages_keep_the_servers_clock(clinic: Clinic):
    people.set_timezone(clinic.ctx, clinic.person_a, "Pacific/Auckland")
    clinic.clock.set(datetime(2026, 11, 23, 20, 0, tzinfo=UTC))
    web = clinic.client("clinician_a")
    assert web.get("/clients").status_code == 200
    assert web.get("/api/today").status_code in (401, 403, 404)  # no own Today for staff
