"""Clinic caseload over HTTP on SQLite and PostgreSQL: the clinician's plan wins over the
client's regeneration, plans built by hand from the library (several items in one save,
templates, the minutes warning, the visit sheet), alerts with reasons until marked seen,
unread counts, the client's notice of changes and advice after a high-pain session."""

from __future__ import annotations

import re
import subprocess
import uuid
from datetime import timedelta

from tests.e2e import clinic_support
from tests.e2e.clinic_support import Clinic

from psoas.domain.records.session_logs import SessionLog
from psoas.services import records

backend, clinic = clinic_support.backend, clinic_support.clinic


def _item(eid: str, **kw) -> dict:  # type: ignore[no-untyped-def]
    return {"exercise_id": eid, "sets": 2, "reps": 10, "days": ["mon", "wed", "fri"], **kw}


def _exercises_on(plan: dict, day: str) -> set[str]:
    for week in plan["weeks"]:
        for s in week["sessions"]:
            if s["date"] == day:
                return {p["exercise_id"] for p in s["prescriptions"]}
    raise AssertionError(day)


def test_plan_built_by_hand_without_assessment_reaches_the_client(clinic: Clinic):
    doctor, client = clinic.client("clinician_b"), clinic.client("client_b")
    pid = clinic.person_b
    assert client.get("/api/plan").json() is None  # no assessment, no plan
    assert doctor.api(f"/api/clients/{pid}/plan/start", {"weeks": 4}).status_code == 201
    body = {
        "items": [
            _item("glute-bridge", note="Squeeze at the top"),
            _item("dead-bug", sides="each", days=["tue"]),
        ]
    }
    saved = doctor.api(f"/api/clients/{pid}/plan/items", body)
    assert saved.status_code == 200, saved.text
    assert any("Added Glute bridge" in line for line in saved.json()["changes"])
    plan = client.get("/api/plan").json()
    assert _exercises_on(plan, "2026-11-23") == {"glute-bridge"}  # a Monday
    assert _exercises_on(plan, "2026-11-24") == {"dead-bug"}
    assert _exercises_on(plan, "2026-11-25") == {"glute-bridge"}
    assert _exercises_on(plan, "2026-11-26") == set()  # Thursday stays a rest day
    changes = client.get("/api/plan/changes").json()
    assert any("Squeeze at the top" in line for c in changes for line in c["lines"])
    home = client.get("/")
    assert "Your physio changed your plan" in home.text and "Squeeze at the top" in home.text
    assert client.form("/plan/changes/seen", {}).status_code == 303
    assert client.get("/api/plan/changes").json() == []
    assert "Your physio changed your plan" not in client.get("/").text
    items = doctor.get(f"/api/clients/{pid}/plan/items").json()
    assert {i["exercise_id"]: i["days"] for i in items} == {
        "glute-bridge": ["mon", "wed", "fri"],
        "dead-bug": ["tue"],
    }


def test_regenerating_keeps_the_clinicians_prescriptions(clinic: Clinic):
    doctor, client = clinic.client("clinician_a"), clinic.client("client_a")
    pid = clinic.person_a
    before = client.get("/api/plan").json()
    generated = sorted(
        {
            p["exercise_id"]
            for w in before["weeks"]
            for s in w["sessions"]
            for p in s["prescriptions"]
        }
    )
    dropped = generated[0]
    body = {"items": [_item("step-up", days=["sat"])], "removed": [dropped], "confirm_long": True}
    assert doctor.api(f"/api/clients/{pid}/plan/items", body).status_code == 200
    regenerated = client.api("/api/plan", {"minutes_per_day": 15})
    assert regenerated.status_code == 201, regenerated.text
    plan = regenerated.json()
    everything = {
        p["exercise_id"] for w in plan["weeks"] for s in w["sessions"] for p in s["prescriptions"]
    }
    assert "step-up" in everything and dropped not in everything
    saturdays = [s for w in plan["weeks"] for s in w["sessions"] if s["date"] == "2026-11-28"]
    assert "step-up" in {p["exercise_id"] for p in saturdays[0]["prescriptions"]}
    row = next(r for r in doctor.get("/api/clients").json() if r["person_id"] == pid)
    assert any("the client changed their plan" in a["reason"] for a in row["alerts"])
    page = doctor.get(f"/clients/{pid}")
    assert "Kept the physio" in page.text


def test_a_session_past_the_clients_minutes_needs_confirming(clinic: Clinic):
    doctor = clinic.client("clinician_b")
    pid = clinic.person_b
    doctor.api(f"/api/clients/{pid}/plan/start", {"weeks": 2})
    heavy = [
        _item(e, sets=4, reps=None, hold_seconds=120, days=["mon"])
        for e in ("couch-stretch", "runners-lunge", "camel-pose")
    ]
    refused = doctor.api(f"/api/clients/{pid}/plan/items", {"items": heavy})
    assert refused.status_code == 422
    assert "Sessions on Mon take up to" in refused.text and "10 minutes a day" in refused.text
    assert (
        clinic.client("client_b")
        .get("/api/plan")
        .json()["weeks"][0]["sessions"][0]["prescriptions"]
        == []
    )
    accepted = doctor.api(f"/api/clients/{pid}/plan/items", {"items": heavy, "confirm_long": True})
    assert accepted.status_code == 200 and accepted.json()["long_days"]


def test_builder_bad_input_is_refused_without_changes(clinic: Clinic):
    doctor = clinic.client("clinician_b")
    pid = clinic.person_b
    assert (
        doctor.api(f"/api/clients/{pid}/plan/items", {"items": [_item("glute-bridge")]}).status_code
        == 404
    )
    doctor.api(f"/api/clients/{pid}/plan/start", {"weeks": 3})
    for bad in (
        _item("not-an-exercise"),
        _item("glute-bridge", days=[]),
        _item("glute-bridge", first_week=2, last_week=5),
        _item("glute-bridge", reps=None),
        _item("glute-bridge", sides="upside"),
    ):
        response = doctor.api(f"/api/clients/{pid}/plan/items", {"items": [bad]})
        assert response.status_code == 422, (bad, response.text)
    page = doctor.form(
        f"/clients/{pid}/plan/build",
        {
            "row": "1",
            "exercise_id-1": "glute-bridge",
            "sets-1": "99",
            "amount-1": "10",
            "unit-1": "reps",
            "sides-1": "both",
            "days-1": "mon",
            "first_week-1": "1",
            "last_week-1": "3",
        },
    )
    assert page.status_code == 422 and "Sets must be between 1 and 10" in page.text
    assert 'value="99"' in page.text  # the clinician's rows are kept
    assert doctor.get(f"/api/clients/{pid}/plan/items").json() == []
    assert (
        doctor.form(f"/clients/{pid}/plan/start", {"start": "yesterday", "weeks": "3"}).status_code
        == 422
    )


def test_page_form_saves_several_rows_and_templates_apply(clinic: Clinic):
    doctor = clinic.client("clinician_b")
    pid = clinic.person_b
    doctor.form(f"/clients/{pid}/plan/start", {"start": "2026-11-23", "weeks": "6"})
    form = {"row": ["1", "2"]}
    for n, (eid, unit, amount) in enumerate(
        (("glute-bridge", "reps", "12"), ("couch-stretch", "seconds", "45")), start=1
    ):
        form |= {
            f"exercise_id-{n}": eid,
            f"sets-{n}": "2",
            f"amount-{n}": amount,
            f"unit-{n}": unit,
            f"sides-{n}": "both",
            f"days-{n}": ["mon", "thu"],
            f"first_week-{n}": "1",
            f"last_week-{n}": "6",
            f"note-{n}": "",
        }
    assert doctor.form(f"/clients/{pid}/plan/build", form).status_code == 303
    items = doctor.get(f"/api/clients/{pid}/plan/items").json()
    assert [(i["exercise_id"], i["reps"], i["hold_seconds"]) for i in items] == [
        ("glute-bridge", 12, None),
        ("couch-stretch", None, 45),
    ]
    assert (
        doctor.form(
            f"/clients/{pid}/plan/save-template", {"name": "desk worker, weeks 1-6"}
        ).status_code
        == 303
    )
    assert (
        doctor.form(
            f"/clients/{pid}/plan/save-template", {"name": "Desk worker, weeks 1-6"}
        ).status_code
        == 422
    )
    builder = doctor.get(f"/clients/{pid}/plan/build")
    assert "desk worker, weeks 1-6" in builder.text
    # Another clinician never sees this clinician's templates.
    assert (
        "desk worker, weeks 1-6 ("
        not in clinic.client("clinician_a").get(f"/clients/{clinic.person_a}/plan/build").text
    )
    template_id = builder.text.split('name="template_id"')[1].split('value="')[1].split('"')[0]
    remove = {
        "row": ["1", "2"],
        "exercise_id-1": "glute-bridge",
        "remove-1": "yes",
        "exercise_id-2": "couch-stretch",
        "remove-2": "yes",
    }
    assert doctor.form(f"/clients/{pid}/plan/build", remove).status_code == 303
    assert doctor.get(f"/api/clients/{pid}/plan/items").json() == []
    assert (
        doctor.form(f"/clients/{pid}/plan/template", {"template_id": template_id}).status_code
        == 303
    )
    assert len(doctor.get(f"/api/clients/{pid}/plan/items").json()) == 2
    other = clinic.client("clinician_a").form(
        f"/clients/{clinic.person_a}/plan/template", {"template_id": template_id}
    )
    assert other.status_code == 422 and "No such template" in other.text


def test_visit_sheet_prints_todays_and_this_weeks_exercises(clinic: Clinic, tmp_path):
    doctor = clinic.client("clinician_a")
    for period in ("today", "week"):
        response = doctor.get(f"/clients/{clinic.person_a}/visit-sheet.pdf?period={period}")
        assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
        path = tmp_path / f"{period}.pdf"
        path.write_bytes(response.content)
        pages = subprocess.run(
            ["pdfinfo", str(path)], capture_output=True, text=True, check=True
        ).stdout
        count = int(
            next(line for line in pages.splitlines() if line.startswith("Pages:")).split()[1]
        )
        assert 1 <= count <= 2
        text = subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert clinic_support.A_NAME in text
    assert (
        clinic.client("clinician_b").get(f"/clients/{clinic.person_b}/visit-sheet.pdf").status_code
        == 404
    )


def _log(clinic: Clinic, **pain) -> SessionLog:  # type: ignore[no-untyped-def]
    now = clinic.clock.now()
    log = SessionLog(
        uuid.uuid4().hex, clinic.person_a, now.date(), now - timedelta(minutes=12), now, (), **pain
    )
    return records.log_session(clinic.ctx, clinic.person_a, log)


def test_high_pain_moves_the_client_up_with_its_reason_until_seen(clinic: Clinic):
    a, b = clinic.person_a, clinic.person_b
    doctor = clinic.client("clinician_a")
    clinic.clock.advance(1200)  # within the 30-minute idle limit of a staff session
    _log(clinic, pain_before=4, pain_during=7, pain_after=8, notes="my hip felt worse, 7/10")
    rows = doctor.get("/api/clients").json()
    reasons = [x["reason"] for x in rows[0]["alerts"]]
    assert rows[0]["person_id"] == a
    assert "pain 8/10 after the session on 23 Nov" in reasons
    assert "pain rose from 4 to 8/10 in the session on 23 Nov" in reasons
    dashboard = doctor.get("/clients")
    assert "pain 8/10 after the session on 23 Nov" in dashboard.text
    assert doctor.form(f"/clients/{a}/alerts/seen", {}).status_code == 303
    assert doctor.get("/api/clients").json()[0]["alerts"] == []
    clinic.clock.advance(1200)  # within the 30-minute idle limit of a staff session
    _log(clinic, pain_before=2, pain_after=3)  # calm: no new alert
    assert doctor.get("/api/clients").json()[0]["alerts"] == []
    assert clinic.client("clinician_b").api(f"/api/clients/{a}/alerts/seen", {}).status_code == 404
    assert b  # client B is not on clinician A's caseload at all
    assert all(r["person_id"] != b for r in doctor.get("/api/clients").json())


def test_unread_message_is_counted_for_the_clinician_and_the_client(clinic: Clinic):
    doctor, client = clinic.client("clinician_a"), clinic.client("client_a")
    assert client.form("/messages", {"body": "my hip felt worse"}).status_code == 303
    rows = doctor.get("/api/clients").json()
    assert "1 unread message" in [x["reason"] for x in rows[0]["alerts"]]
    assert (
        '<span class="count">1<span class="visually-hidden"> unread</span>'
        in doctor.get("/requests").text
    )
    doctor.get(f"/clients/{clinic.person_a}")  # reading the record reads the message
    assert 'class="count"' not in doctor.get("/requests").text
    doctor.form(f"/clients/{clinic.person_a}/messages", {"body": "Rest two days, then call me."})
    assert '<span class="count">1<span' in client.get("/").text
    client.get("/messages")
    assert 'class="count"' not in client.get("/").text


def test_client_sees_advice_after_a_high_pain_session(clinic: Clinic):
    client = clinic.client("client_a")
    session_id = client.get("/api/plan").json()["weeks"][0]["sessions"][0]["id"]
    calm = {"events": [], "now": 600, "pain_before": 2, "pain_after": 2}
    saved = client.api(f"/api/sessions/{session_id}/log", calm)
    assert saved.status_code == 201, saved.text
    assert saved.json()["advice"] == ""
    high = {"events": [], "now": 600, "pain_before": 4, "pain_after": 7}
    saved = client.api(f"/api/sessions/{session_id}/log", high)
    assert saved.status_code == 201, saved.text
    advice = saved.json()["advice"]
    assert "7/10" in advice and "Your clinic has been told" in advice
    assert "pauses your plan" not in advice
    rows = clinic.client("clinician_a").get("/api/clients").json()
    assert "pain 7/10 after the session on 23 Nov" in [a["reason"] for a in rows[0]["alerts"]]


def test_clinical_records_and_a_cleared_red_flag_lets_a_plan_start(clinic: Clinic):
    from tests.e2e.web_support import calm_answers

    from psoas.services import assessment as assessment_service

    ctx, pid = clinic.ctx, clinic.person_b
    answers = calm_answers(ctx.questionnaire, saddle_numbness=True)
    assessment_service.run_assessment(ctx, pid, answers)
    doctor, client = clinic.client("clinician_b"), clinic.client("client_b")
    rows = doctor.get("/api/clients").json()
    assert rows[0]["alerts"][0]["kind"] == "red flag"
    blocked = doctor.api(f"/api/clients/{pid}/plan/start", {"weeks": 4})
    assert blocked.status_code == 409 and "red flag" in blocked.text
    assert client.api("/api/plan", {}).status_code == 409  # the client cannot either
    assert (
        doctor.api(
            f"/api/clients/{pid}/red-flag", {"status": "referred", "on": "2026-11-20"}
        ).status_code
        == 201
    )
    assert doctor.api(f"/api/clients/{pid}/plan/start", {"weeks": 4}).status_code == 409
    cleared = doctor.form(
        f"/clients/{pid}/red-flag", {"status": "cleared", "on": "2026-11-23", "note": "MRI clear"}
    )
    assert cleared.status_code == 303
    page = doctor.get(f"/clients/{pid}")
    assert "Red flag cleared to exercise on 23 Nov 2026. MRI clear" in page.text
    assert "Red flag referred on 20 Nov 2026." in page.text
    assert doctor.api(f"/api/clients/{pid}/plan/start", {"weeks": 4}).status_code == 201
    regenerated = client.api("/api/plan", {})  # the client's own plan from the same assessment
    assert regenerated.status_code == 201, regenerated.text
    # in-clinic measurements and notes
    made = doctor.api(
        f"/api/clients/{pid}/measurements", {"kind": "hip_angle", "value": 12, "side": "left"}
    )
    assert made.status_code == 201 and made.json()["method"] == "clinician"
    assert (
        doctor.form(
            f"/clients/{pid}/measurements",
            {"kind": "psfs", "value": "6", "label": "sitting at work"},
        ).status_code
        == 303
    )
    assert (
        doctor.form(
            f"/clients/{pid}/notes", {"text": "Hip extension better; keep the bridge."}
        ).status_code
        == 303
    )
    page = doctor.get(f"/clients/{pid}")
    assert "sitting at work · in clinic" in page.text and "keep the bridge" in page.text
    for path, data in (
        ("measurements", {"kind": "psfs", "value": "6"}),  # no activity named
        ("measurements", {"kind": "hip_angle", "value": "lots"}),
        ("measurements", {"kind": "pain", "value": "14"}),
        ("measurements", {"kind": "blood", "value": "1"}),
        ("red-flag", {"status": "forgotten"}),
        ("red-flag", {"status": "seen", "on": "2099-01-01"}),
        ("notes", {"text": "  "}),
    ):
        refused = doctor.form(f"/clients/{pid}/{path}", data)
        assert refused.status_code == 422, (path, data, refused.text[:300])
        assert 'id="records-error"' in refused.text
    api = doctor.get(f"/api/clients/{pid}").json()
    assert len(api["red_flag_notes"]) == 2 and len(api["visit_notes"]) == 1


def test_invites_are_reissued_shown_as_qr_and_staff_set_their_own_password(clinic: Clinic):
    from psoas.services.clinic import invites

    doctor = clinic.client("clinician_a")
    first = doctor.form(
        "/clients/invite", {"email": "dana@clinic.test", "display_name": "Dana Pending"}
    )
    assert first.status_code == 200 and 'class="qr"' in first.text and "Copy the link" in first.text
    old_link = first.text.split('id="invite-link">')[1].split("<")[0]
    again = doctor.form(
        "/clients/invite", {"email": "Dana@clinic.test", "display_name": "Dana Pending"}
    )
    assert again.status_code == 200, again.text[:500]  # the same e-mail again: a fresh link
    new_link = again.text.split('id="invite-link">')[1].split("<")[0]
    assert new_link != old_link
    anonymous = clinic.client()
    assert anonymous.get(old_link.replace("https://testserver", "")).status_code == 404
    assert anonymous.get(new_link.replace("https://testserver", "")).status_code == 200
    person = next(
        r["person_id"]
        for r in doctor.get("/api/clients").json()
        if r["display_name"] == "Dana Pending"
    )
    page = doctor.get(f"/clients/{person}")
    assert "Re-issue the invite link" in page.text
    reissued = doctor.form(f"/clients/{person}/invite", {})
    assert reissued.status_code == 200 and "earlier links no longer work" in reissued.text
    assert anonymous.get(new_link.replace("https://testserver", "")).status_code == 404
    assert clinic.client("clinician_b").api(f"/api/clients/{person}/invite", {}).status_code == 404
    # a client who has set a password gets no new invite
    refused = doctor.api(f"/api/clients/{clinic.person_a}/invite", {})
    assert refused.status_code == 422
    # another clinician's pending client's e-mail is not re-issued to this clinician
    other = clinic.client("clinician_b").form(
        "/clients/invite", {"email": "dana@clinic.test", "display_name": "X"}
    )
    assert other.status_code == 422
    # staff: no password typed by the admin, an invite link instead
    admin = clinic.client("admin")
    made = admin.form(
        "/admin/users",
        {
            "email": "eve@clinic.test",
            "display_name": "Eve Physio",
            "role": "clinician",
            "password": "",
        },
    )
    assert made.status_code == 200 and 'id="invite-link"' in made.text
    code = made.text.split('id="invite-link">')[1].split("<")[0].rsplit("/", 1)[1]
    user = invites.accept_invite(clinic.ctx, code, "a long new password")
    assert user.role.value == "clinician" and user.password_hash


def test_two_factor_setup_shows_recovery_codes_that_log_in_once(clinic: Clinic):
    import re

    import pyotp

    web = clinic.client("clinician_a")
    secret = re.search(r'name="secret" value="([A-Z2-7]+)"', web.get("/account").text).group(1)
    code = pyotp.TOTP(secret).at(clinic.clock.now())
    assert web.form("/account/two-factor", {"secret": secret, "code": code}).status_code == 303
    shown = web.get("/account?done=2fa")
    codes = re.findall(r"<li><code>([a-z2-9]{5}-[a-z2-9]{5})</code></li>", shown.text)
    assert len(codes) == 10 and len(set(codes)) == 10
    again = web.get("/account?done=2fa")  # a reload never shows them again
    assert codes[0] not in again.text and "10 unused recovery codes" in again.text

    def step() -> object:
        fresh = clinic.client()
        fresh.refresh_token()
        page = fresh.post(
            "/login",
            data={
                "email": "clinician_a@clinic.test",
                "password": clinic_support.PASSWORD,
                "csrf_token": fresh.token,
            },
            follow_redirects=False,
        )
        assert 'action="/login/recovery"' in page.text
        return fresh

    fresh = step()
    assert fresh.form("/login/recovery", {"code": "aaaaa-bbbbb"}).status_code == 422
    used = fresh.form("/login/recovery", {"code": codes[3].upper().replace("-", " ")})
    assert used.status_code == 303 and used.headers["location"] == "/clients"
    assert fresh.get("/clients").status_code == 200
    second = step()
    assert second.form("/login/recovery", {"code": codes[3]}).status_code == 422  # single use
    assert "9 unused recovery codes" in fresh.get("/account").text
    remade = fresh.form("/account/recovery-codes", {})
    new_codes = re.findall(r"<li><code>([a-z2-9]{5}-[a-z2-9]{5})</code></li>", remade.text)
    assert len(new_codes) == 10
    assert step().form("/login/recovery", {"code": codes[0]}).status_code == 422  # old ones gone
    assert clinic.client().form("/login/recovery", {"code": new_codes[0]}).status_code == 401


def test_web_assessment_stops_at_an_urgent_answer(clinic: Clinic):
    client = clinic.client("client_b")
    client.form("/assessment", {"step": "0", "age": "40", "action": "next"})
    step = client.get("/assessment?step=1")
    names = sorted(set(re.findall(r'name="([a-z_]+)" value="no"', step.text)))
    assert "saddle_numbness" in names
    data = {n: "no" for n in names} | {"saddle_numbness": "yes", "step": "1", "action": "next"}
    stopped = client.form("/assessment", data)
    assert stopped.status_code == 303 and stopped.headers["location"] == "/assessment/result"
    latest = client.get("/api/assessment/latest").json()
    assert latest["result"]["triage"] == "urgent_referral"
    assert not any(k.endswith("_thigh") for k in latest["answers"])  # no self-test asked
    result = client.get("/assessment/result")
    assert "this computer" not in result.text
    pains = [m for m in client.get("/api/measurements").json() if m["kind"] == "pain"]
    assert all(m["unit"] == "{score}" for m in pains)


def test_the_clinician_is_emailed_about_an_alert_without_health_details(tmp_path, request):
    import socketserver
    import threading
    from dataclasses import replace as with_

    from tests.e2e.clinic_support import make_clinic
    from tests.e2e.test_clinic_mail import _SmtpSession

    from psoas.bootstrap import SmtpMailer

    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _SmtpSession)
    server.messages = []  # type: ignore[attr-defined]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    request.addfinalizer(server.server_close)
    request.addfinalizer(server.shutdown)
    world = make_clinic("sqlite", tmp_path, request)
    url = f"smtp://127.0.0.1:{server.server_address[1]}"
    world.ctx = with_(world.ctx, mailer=SmtpMailer(url, "clinic@example.org"))
    world.app.state.context = world.ctx
    client = world.client("client_a")
    session_id = client.get("/api/plan").json()["weeks"][0]["sessions"][0]["id"]
    calm = {"events": [], "now": 600, "pain_before": 2, "pain_after": 2}
    assert client.api(f"/api/sessions/{session_id}/log", calm).status_code == 201
    assert server.messages == []  # nothing to tell
    high = {"events": [], "now": 600, "pain_before": 3, "pain_after": 7}
    assert client.api(f"/api/sessions/{session_id}/log", high).status_code == 201
    client.form("/messages", {"body": "It hurt a lot today"})
    assert len(server.messages) == 2
    mail = server.messages[0]
    assert "To: clinician_a@clinic.test" in mail and "A client needs your attention" in mail
    assert clinic_support.A_NAME not in mail and "7/10" not in mail
    assert "It hurt" not in server.messages[1]


def test_a_plan_cannot_start_in_the_past_or_far_ahead(clinic: Clinic):
    doctor = clinic.client("clinician_b")
    pid = clinic.person_b
    for start in ("2026-11-22", "9999-12-31", "2027-06-01"):
        response = doctor.api(f"/api/clients/{pid}/plan/start", {"start": start, "weeks": 26})
        assert response.status_code == 422, (start, response.text)
    assert (
        doctor.api(
            f"/api/clients/{pid}/plan/start", {"start": "2026-12-01", "weeks": 26}
        ).status_code
        == 201
    )


def _first_exercise(plan: dict) -> str:
    return next(
        p["exercise_id"] for w in plan["weeks"] for s in w["sessions"] for p in s["prescriptions"]
    )


def test_adjusting_a_dose_past_the_clients_minutes_needs_confirming(clinic: Clinic):
    doctor, client = clinic.client("clinician_a"), clinic.client("client_a")
    pid = clinic.person_a
    before = client.get("/api/plan").json()
    eid = _first_exercise(before)
    body = {"kind": "dose", "exercise_id": eid, "sets": 10, "hold_seconds": 180}
    refused = doctor.api(f"/api/clients/{pid}/plan/adjustments", body)
    assert refused.status_code == 422
    assert "take up to" in refused.text and "minutes a day" in refused.text
    assert client.get("/api/plan").json() == before  # nothing saved
    form = {"kind": "dose", "exercise_id": eid, "sets": "10", "hold_seconds": "180"}
    page = doctor.form(f"/clients/{pid}/plan/adjust", form)
    assert page.status_code == 422
    assert "minutes a day" in page.text and 'name="confirm_long"' in page.text
    assert client.get("/api/plan").json() == before
    saved = doctor.form(f"/clients/{pid}/plan/adjust", {**form, "confirm_long": "yes"})
    assert saved.status_code == 200 and "Plan changed in" in saved.text
    assert client.get("/api/plan").json() != before
    accepted = doctor.api(f"/api/clients/{pid}/plan/adjustments", {**body, "confirm_long": True})
    assert accepted.status_code == 200, accepted.text


def test_the_clients_easier_swap_is_shown_to_the_clinician(clinic: Clinic):
    client, doctor = clinic.client("client_a"), clinic.client("clinician_a")
    pid = clinic.person_a
    session_id = client.get("/api/plan").json()["weeks"][0]["sessions"][0]["id"]
    assert doctor.form(f"/clients/{pid}/alerts/seen", {}).status_code == 303
    clinic.clock.advance(60)
    actions: list[dict] = []
    for skips in range(30):  # skip on to the first exercise with an easier variant
        skipped = [{"kind": "skip", "at": n + 1} for n in range(skips)]
        hurts = {"kind": "hurts", "at": skips + 5, "pain": 6}
        view = client.api(
            f"/api/sessions/{session_id}/view", {"events": [*skipped, hurts], "now": skips + 5}
        )
        if (view.json().get("advice") or {}).get("easier_name"):
            actions = [*skipped, hurts, {"kind": "easier", "at": skips + 6}]
            break
    assert actions, "no exercise with an easier variant in the first session"
    body = {"events": actions, "now": 600, "pain_before": 3, "pain_after": 4}
    saved = client.api(f"/api/sessions/{session_id}/log", body)
    assert saved.status_code == 201, saved.text
    events = saved.json()["log"]["events"]
    assert [e["kind"] for e in events if e["kind"] == "switched_to_easier"], events
    row = next(r for r in doctor.get("/api/clients").json() if r["person_id"] == pid)
    assert "the client changed their plan on 23 Nov" in [a["reason"] for a in row["alerts"]]
    page = doctor.get(f"/clients/{pid}")
    assert "the client:</strong> Swapped " in page.text
    assert "for the easier" in page.text and "in the session on 23 Nov (pain 6/10)." in page.text
    assert "Your physio changed your plan" not in client.get("/").text  # not the client's news
    other = clinic.client("clinician_b").get(f"/clients/{pid}")
    assert other.status_code == 404 and "Swapped" not in other.text
