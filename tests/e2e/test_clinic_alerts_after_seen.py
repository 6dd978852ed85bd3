"""Alerts after the clinician's "Mark seen", over HTTP on SQLite and PostgreSQL: news that
reaches the records later (next-morning pain answered for the session before, pain added to an
older session log, a session logged afterwards for an earlier day) raises a fresh alert with
its own reason, while what was seen stays seen; the client reads advice after a high answer."""

from __future__ import annotations

from dataclasses import replace

from tests.e2e import clinic_support
from tests.e2e.clinic_support import Clinic
from tests.e2e.test_clinic_mail import smtp  # noqa: F401  (the SMTP fixture)

from psoas.bootstrap import SmtpMailer

backend, clinic = clinic_support.backend, clinic_support.clinic
DAY = 24 * 3600


def _reasons(clinic: Clinic) -> list[str]:
    """The reasons on client A's caseload row (a fresh log-in: staff sessions time out)."""
    rows = clinic.client("clinician_a").get("/api/clients").json()
    row = next(r for r in rows if r["person_id"] == clinic.person_a)
    return [a["reason"] for a in row["alerts"]]


def _mark_seen(clinic: Clinic) -> None:
    doctor = clinic.client("clinician_a")
    assert doctor.form(f"/clients/{clinic.person_a}/alerts/seen", {}).status_code == 303
    assert _reasons(clinic) == []


def _log(clinic: Clinic, **body) -> str:  # type: ignore[no-untyped-def]
    made = clinic.client("client_a").api("/api/logs", body)
    assert made.status_code == 201, made.text
    return str(made.json()["id"])


def test_next_morning_pain_after_seen_raises_a_fresh_alert(clinic: Clinic):
    _mark_seen(clinic)  # the client's first plan
    clinic.clock.advance(60)
    log_id = _log(clinic, pain_before=3, pain_after=8)
    assert _reasons(clinic) == [
        "pain 8/10 after the session on 23 Nov",
        "pain rose from 3 to 8/10 in the session on 23 Nov",
    ]
    _mark_seen(clinic)
    clinic.clock.advance(DAY)  # the next morning
    client = clinic.client("client_a")
    assert "How does it feel this morning?" in client.get("/").text
    asked = client.get("/api/today").json()["next_morning_log_id"]  # the day's latest log
    assert asked and log_id
    answered = client.form("/log/next-morning", {"log_id": asked, "next_morning_pain": "8"})
    assert answered.status_code == 303
    assert _reasons(clinic) == ["pain 8/10 the morning after the session on 23 Nov"]
    rows = clinic.client("clinician_a").get("/api/clients").json()
    assert rows[0]["person_id"] == clinic.person_a  # at the top of the caseload again
    page = client.get(answered.headers["location"])
    assert "Your pain this morning is 8/10" in page.text
    assert "Your clinic has been told" in page.text
    assert "pain 8/10 the morning after" in clinic.client("clinician_a").get("/clients").text
    _mark_seen(clinic)


def test_pain_added_later_to_an_older_log_is_new_and_calm_answers_are_not(clinic: Clinic):
    older = _log(clinic, pain_before=2, pain_after=3)
    calm = _log(clinic, pain_before=2, pain_after=2)
    clinic.clock.advance(3 * DAY)
    _log(clinic, pain_before=2, pain_after=7)  # seen below with everything else
    _mark_seen(clinic)
    clinic.clock.advance(3600)
    client = clinic.client("client_a")
    assert client.api(f"/api/logs/{calm}/next-morning", {"next_morning_pain": 2}).status_code == 200
    assert _reasons(clinic) == []  # a calm answer is not news
    late = client.api(f"/api/logs/{older}/next-morning", {"next_morning_pain": 7})
    assert late.status_code == 200
    assert _reasons(clinic) == ["pain 7/10 the morning after the session on 23 Nov"]
    _mark_seen(clinic)
    clinic.clock.advance(3600)
    _log(clinic, session_date="2026-11-25", pain_before=1, pain_after=7)  # entered afterwards
    assert _reasons(clinic) == [
        "pain 7/10 after the session on 25 Nov",
        "pain rose from 1 to 7/10 in the session on 25 Nov",
    ]


def test_a_high_answer_is_e_mailed_once_and_a_calm_one_not(clinic: Clinic, smtp):  # noqa: F811
    clinic.ctx = replace(
        clinic.ctx,
        mailer=SmtpMailer(f"smtp://127.0.0.1:{smtp.server_address[1]}", "clinic@example.org"),
    )
    clinic.app.state.context = clinic.ctx
    first, second = _log(clinic, pain_before=2), _log(clinic, pain_before=2)
    clinic.clock.advance(DAY)
    client = clinic.client("client_a")
    client.form("/log/next-morning", {"log_id": first, "next_morning_pain": "3"})
    assert smtp.messages == []
    answered = client.form("/log/next-morning", {"log_id": second, "next_morning_pain": "7"})
    assert answered.status_code == 303
    assert len(smtp.messages) == 1 and "To: clinician_a@clinic.test" in smtp.messages[0]
    assert "7/10" not in smtp.messages[0] and clinic_support.A_NAME not in smtp.messages[0]


def test_the_advice_says_the_clinic_was_told_only_when_it_was(clinic: Clinic):
    client = clinic.client("client_b")
    page = client.get("/?saved=morning&pain=9&told=0")
    assert "Your pain this morning is 9/10" in page.text
    assert "do not exercise until it has been checked" in page.text
    assert "clinic has been told" not in page.text
    for odd in ("11", "-1", "x", ""):
        shown = client.get(f"/?saved=morning&pain={odd}&told=1")
        assert shown.status_code == 200 and "Your pain this morning" not in shown.text


def test_the_client_sees_new_messages_on_today_not_only_in_the_menu(clinic: Clinic):
    doctor, client = clinic.client("clinician_a"), clinic.client("client_a")
    assert "from your physio" not in client.get("/").text
    doctor.form(f"/clients/{clinic.person_a}/messages", {"body": "How is the hip today?"})
    home = client.get("/")
    assert '<a href="/messages">1 new message from your physio</a>' in home.text
    assert "How is the hip today?" in client.get("/messages").text  # reading it ...
    assert "from your physio" not in client.get("/").text  # ... clears the note


def test_a_session_logged_with_high_pain_says_what_to_do(clinic: Clinic, smtp):  # noqa: F811
    clinic.ctx = replace(
        clinic.ctx,
        mailer=SmtpMailer(f"smtp://127.0.0.1:{smtp.server_address[1]}", "clinic@example.org"),
    )
    clinic.app.state.context = clinic.ctx
    client = clinic.client("client_a")
    calm = client.form("/log/session", {"pain_before": "2", "pain_after": "3"})
    assert calm.status_code == 303 and calm.headers["location"] == "/log?saved=session"
    assert smtp.messages == []
    high = client.form("/log/session", {"pain_before": "2", "pain_after": "7"})
    assert high.status_code == 303 and "advice=" in high.headers["location"]
    page = client.get(high.headers["location"]).text
    assert "Your pain reached 7/10" in page and "Your clinic has been told" in page
    assert len(smtp.messages) == 1 and "7/10" not in smtp.messages[0]
    odd = client.get("/log?saved=session&advice=someone-elses&told=1")
    assert odd.status_code == 200 and "Your pain reached" not in odd.text
    _mark_seen(clinic)
    clinic.clock.advance(60)
    pain = client.form("/log/measurement", {"kind": "pain", "value": "8"})
    assert pain.status_code == 303 and "advice=" in pain.headers["location"]
    page = client.get(pain.headers["location"]).text
    assert "Your pain now is 8/10" in page and "Your clinic has been told" in page
    assert len(smtp.messages) == 2 and "8/10" not in smtp.messages[1]
    assert _reasons(clinic) == ["pain 8/10 logged on 23 Nov"]
    low = client.form("/log/measurement", {"kind": "pain", "value": "3"})
    assert low.headers["location"] == "/log?saved=measurement" and len(smtp.messages) == 2
