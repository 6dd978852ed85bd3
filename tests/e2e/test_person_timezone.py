"""Each person's time zone: the machine's by default (personal mode), set from the terminal or
the web settings, taken from the browser at clinic invite acceptance; on real SQLite and
PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from tests.e2e.clinic_support import PASSWORD, backend, make_clinic  # noqa: F401
from tests.e2e.test_breaks_habits_cli import run
from tests.e2e.web_support import field_errors, real_client
from tests.factories import sqlite_context

from psoas.bootstrap import SystemClock
from psoas.config import machine_zone
from psoas.domain.errors import InvalidValue
from psoas.services import people
from psoas.services.clinic import invites


def test_machine_zone_prefers_the_setting_then_tz_then_the_system(monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    assert machine_zone("Europe/Berlin") == "Europe/Berlin"
    assert machine_zone("") == "Asia/Tokyo"
    monkeypatch.setenv("TZ", ":America/New_York")
    assert machine_zone("") == "America/New_York"
    monkeypatch.setenv("TZ", "Not/AZone")
    assert machine_zone("") in people.zone_names()  # the system's own zone, or UTC


def test_the_person_follows_the_machine_until_they_choose(tmp_path):
    ctx = replace(sqlite_context(tmp_path), local_zone="Europe/Berlin")
    me = people.current_person(ctx)
    assert (me.timezone, me.timezone_chosen) == ("Europe/Berlin", False)
    moved = replace(ctx, local_zone="America/New_York")  # the laptop travelled
    assert people.current_person(moved).timezone == "America/New_York"
    people.set_timezone(moved, me.id, " Asia/Tokyo ")
    back = replace(ctx, local_zone="Europe/Berlin")
    assert (people.current_person(back).timezone, people.current_person(back).timezone_chosen) == (
        "Asia/Tokyo",
        True,
    )


def test_an_old_database_of_utc_people_moves_to_the_machines_zone(tmp_path):
    ctx = sqlite_context(tmp_path)
    old = people.add_person(ctx, "Me")  # stored the way every person was before: UTC
    assert old.timezone == "UTC" and not old.timezone_chosen
    assert people.current_person(replace(ctx, local_zone="Europe/Berlin")).timezone == (
        "Europe/Berlin"
    )


@pytest.mark.parametrize("bad", ["Mars/Olympus", "", "Etc/GMT+5", "europe/berlin", "x" * 300])
def test_unknown_zones_are_refused_and_change_nothing(tmp_path, bad):
    ctx = sqlite_context(tmp_path)
    me = people.current_person(ctx)
    with pytest.raises(InvalidValue, match="time zone"):
        people.set_timezone(ctx, me.id, bad)
    with pytest.raises(InvalidValue, match="time zone"):
        people.add_person(ctx, "Other", timezone=bad)
    assert people.get_person(ctx, me.id) == me


def test_the_clock_of_personal_mode_reads_today_in_the_persons_zone():
    calls = []

    def zone() -> str:
        calls.append(1)
        return "Pacific/Kiritimati"  # UTC+14: usually a different date from UTC

    clock = SystemClock("UTC", zone)
    assert clock.now().utcoffset().total_seconds() == 14 * 3600
    assert clock.today() == datetime.now(ZoneInfo("Pacific/Kiritimati")).date()
    assert len(calls) == 1  # looked up at most once a second


def test_the_terminal_shows_and_sets_the_zone(tmp_path):
    env = {"PSOAS_DATA_DIR": str(tmp_path), "TZ": "Europe/Berlin", "PSOAS_TIMEZONE": ""}
    shown = run("timezone", env=env)
    assert shown.returncode == 0 and "Europe/Berlin" in shown.stdout
    assert "this computer's zone" in shown.stdout
    chosen = run("timezone", "America/New_York", env=env)
    assert chosen.returncode == 0 and "America/New_York (chosen by you)" in chosen.stdout
    bad = run("timezone", "Moon/Base", env=env)
    assert bad.returncode == 2 and "not a known time zone" in bad.stderr
    assert "America/New_York" in run("timezone", env=env).stdout
    found = run("timezone", "--search", "new_y", env=env)
    assert found.stdout.split() == ["America/New_York"]


def test_the_web_settings_set_the_zone_with_a_form_and_json(tmp_path):
    web = real_client(tmp_path)
    page = web.get("/settings").text
    assert 'id="timezone"' in page and 'list="zone-names"' in page
    assert '<option value="Europe/Berlin">' in page and "data-browser-zone-list" in page
    saved = web.form("/settings/timezone", {"timezone": "Europe/Berlin"})
    assert saved.status_code == 303
    assert "Time zone saved." in web.get(saved.headers["location"]).text
    assert web.get("/api/settings/timezone").json() == {
        "timezone": "Europe/Berlin",
        "chosen": True,
    }
    bad = web.form("/settings/timezone", {"timezone": "Berlin"})
    assert bad.status_code == 422
    assert "not a known time zone" in field_errors(bad.text)["timezone"]
    put = web.api("/api/settings/timezone", {"timezone": "America/New_York"}, method="PUT")
    assert put.status_code == 200 and put.json()["timezone"] == "America/New_York"
    refused = web.api("/api/settings/timezone", {"timezone": "Nowhere"}, method="PUT")
    assert refused.status_code == 422
    assert web.get("/api/settings/timezone").json()["timezone"] == "America/New_York"


def test_a_client_gets_the_browsers_zone_when_accepting_the_invite(backend, tmp_path, request):  # noqa: F811
    clinic = make_clinic(backend, tmp_path, request, with_records=False)
    issued = invites.invite_client(
        clinic.ctx, clinic.users["clinician_a"], email="new@clinic.test", display_name="New"
    )
    web = clinic.client()
    page = web.get(f"/invite/{issued.code}").text
    assert 'name="timezone"' in page and "data-browser-zone" in page
    done = web.form(
        f"/invite/{issued.code}",
        {"password": PASSWORD, "again": PASSWORD, "timezone": "America/New_York"},
    )
    assert done.status_code == 303
    with clinic.ctx.uow() as uow:
        account = uow.users.find_by_email("new@clinic.test")
        person = uow.people.get(account.person_id)
    assert (person.timezone, person.timezone_chosen) == ("America/New_York", True)
    clinic.users["new"] = account
    client = clinic.client("new")  # the client changes it later in their settings
    put = client.api("/api/settings/timezone", {"timezone": "Europe/Berlin"}, method="PUT")
    assert put.status_code == 200 and put.json() == {"timezone": "Europe/Berlin", "chosen": True}


def test_a_garbled_browser_zone_keeps_the_clinics_zone(backend, tmp_path, request):  # noqa: F811
    clinic = make_clinic(backend, tmp_path, request, with_records=False)
    issued = invites.invite_client(
        clinic.ctx, clinic.users["clinician_a"], email="odd@clinic.test", display_name="Odd"
    )
    user = invites.accept_invite(clinic.ctx, issued.code, PASSWORD, timezone="<script>")
    person = people.get_person(clinic.ctx, user.person_id)
    assert person.timezone == clinic.ctx.local_zone and not person.timezone_chosen
