"""The admin's clinic settings, on SQLite and PostgreSQL: the page and its JSON twin, bad
values refused with nothing saved, and what each setting changes elsewhere (the request page,
the page header, the client list's quiet-days flag, the PDF handouts, required two-factor)."""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime, time, timedelta

import pyotp
from pypdf import PdfReader
from tests.e2e import clinic_support
from tests.e2e.clinic_support import Clinic
from tests.e2e.web_support import field_errors

from psoas.services.clinic import accounts
from psoas.services.clinic import settings as clinic_settings

backend, clinic = clinic_support.backend, clinic_support.clinic
NAME = "Riverside Hip & Back Clinic"


def _saved(clinic: Clinic):  # type: ignore[no-untyped-def]
    return clinic_settings.current(clinic.ctx)


def _form(**values: str) -> dict[str, str]:
    base = {"name": NAME, "contact": "0161 555 0101", "request_intro": "", "quiet_days": "7"}
    return {**base, **values}


def test_admin_saves_settings_through_the_page(clinic: Clinic):
    admin = clinic.client("admin")
    page = admin.get("/admin/settings")
    assert page.status_code == 200 and 'id="quiet_days"' in page.text
    answer = admin.form("/admin/settings", _form(request_intro="Open Mon-Fri.", quiet_days="10"))
    assert answer.status_code == 303 and answer.headers["location"] == "/admin/settings?saved=1"
    saved = _saved(clinic)
    assert (saved.name, saved.quiet_days, saved.request_intro) == (NAME, 10, "Open Mon-Fri.")
    shown = admin.get("/admin/settings?saved=1").text
    assert "Settings saved." in shown and 'value="10"' in shown
    entries = accounts.audit_log(clinic.ctx, clinic.users["admin"])
    change = next(e for e in entries if e.what == "clinic settings")
    assert change.actor_id == clinic.users["admin"].id
    assert change.detail == "name, contact, request_intro, quiet_days"


def test_bad_values_are_refused_on_the_page_and_nothing_is_saved(clinic: Clinic):
    admin = clinic.client("admin")
    answer = admin.form("/admin/settings", _form(quiet_days="90", contact="c" * 301))
    assert answer.status_code == 422
    errors = field_errors(answer.text)
    assert set(errors) == {"quiet_days", "contact"}
    assert "2 to 60" in errors["quiet_days"] and "Nothing was saved" in answer.text
    assert 'value="90"' in answer.text  # the form keeps what was typed
    assert _saved(clinic).name == ""  # not even the good fields


def test_json_twin_reads_and_changes_some_fields(clinic: Clinic):
    admin = clinic.client("admin")
    assert admin.get("/api/admin/settings").json()["quiet_days"] == 7
    changed = admin.api("/api/admin/settings", {"name": NAME}, method="PATCH")
    assert changed.status_code == 200
    assert changed.json() == {
        "name": NAME,
        "contact": "",
        "request_intro": "",
        "quiet_days": 7,
        "require_two_factor": False,
    }
    refused = admin.api("/api/admin/settings", {"quiet_days": 1, "name": "x"}, method="PATCH")
    assert refused.status_code == 422
    assert [p["field"] for p in refused.json()["problems"]] == ["quiet_days"]
    unknown = admin.api("/api/admin/settings", {"colour": "green"}, method="PATCH")
    assert unknown.status_code == 422
    wrong_type = admin.api("/api/admin/settings", {"quiet_days": "soon"}, method="PATCH")
    assert wrong_type.status_code == 422
    assert _saved(clinic).name == NAME


def test_only_an_admin_reaches_the_settings(clinic: Clinic):
    for role in ("clinician_a", "client_a"):
        web = clinic.client(role)
        assert web.get("/api/admin/settings").status_code == 403
        assert web.api("/api/admin/settings", {"name": "Mine"}, method="PATCH").status_code == 403
        assert web.form("/admin/settings", _form(name="Mine")).status_code == 403
    assert clinic.client().get("/api/admin/settings").status_code == 401
    assert _saved(clinic).name == ""


def test_name_contact_and_intro_appear_on_the_request_page_and_header(clinic: Clinic):
    intro = "We are open Monday to Friday.\n\nWe reply within two working days."
    clinic_settings.update(
        clinic.ctx,
        clinic.users["admin"],
        {"name": NAME, "contact": "desk@riverside.test", "request_intro": intro},
    )
    visitor = clinic.client().get("/request").text
    assert "Riverside Hip &amp; Back Clinic" in visitor
    assert "<p>We reply within two working days.</p>" in visitor
    assert "desk@riverside.test" in visitor
    sent = clinic.client().get("/request?sent=1").text
    assert "Riverside Hip &amp; Back Clinic will contact you" in sent
    header = clinic.client("client_a").get("/").text
    assert '<span class="clinic-name">Riverside Hip &amp; Back Clinic</span>' in header


def test_quiet_days_decide_who_shows_no_activity(clinic: Clinic):
    clinic.clock.advance(timedelta(days=3).total_seconds())  # the logged session is in the past
    doctor = clinic.client("clinician_a")
    last = date.fromisoformat(_status_a(doctor.get("/api/clients").json(), clinic)["last_activity"])
    clinic.clock.set(datetime.combine(last + timedelta(days=4), time(12), tzinfo=UTC))
    doctor = clinic.client("clinician_a")
    assert "no activity" not in _row_a(doctor.get("/api/clients").json(), clinic)
    clinic_settings.update(clinic.ctx, clinic.users["admin"], {"quiet_days": 3})
    assert "no activity" in _row_a(doctor.get("/api/clients").json(), clinic)
    assert "no activity for 3 days" in doctor.get("/clients").text


def _status_a(rows: list, clinic: Clinic) -> dict:  # type: ignore[type-arg]
    return next(r for r in rows if r["person_id"] == clinic.person_a)


def _row_a(rows: list, clinic: Clinic) -> list[str]:  # type: ignore[type-arg]
    return _status_a(rows, clinic)["reasons"]


def test_handouts_carry_the_clinic_name(clinic: Clinic):
    clinic_settings.update(clinic.ctx, clinic.users["admin"], {"name": NAME})
    for web, url in (
        (clinic.client("client_a"), "/export/plan.pdf"),
        (clinic.client("clinician_a"), f"/clients/{clinic.person_a}/export/plan.pdf"),
        (clinic.client("client_a"), "/export/progress.pdf"),
    ):
        body = web.get(url)
        assert body.status_code == 200, url
        text = PdfReader(io.BytesIO(body.content)).pages[0].extract_text()
        assert NAME in text, url


def _turn_on_two_factor(clinic: Clinic, role: str) -> str:
    web = clinic.client(role)
    secret = re.search(r'name="secret" value="([A-Z2-7]+)"', web.get("/account").text).group(1)
    code = pyotp.TOTP(secret).at(clinic.clock.now())
    assert web.form("/account/two-factor", {"secret": secret, "code": code}).status_code == 303
    clinic.clock.advance(30)  # a code is accepted once: log in with the next one
    return secret


def test_required_two_factor_sends_staff_to_set_it_up(clinic: Clinic):
    admin = clinic.client("admin")
    refused = admin.form("/admin/settings", _form(require_two_factor="yes"))
    assert refused.status_code == 422
    assert "your own account first" in field_errors(refused.text)["require_two_factor"]
    assert _saved(clinic).require_two_factor is False

    secret = _turn_on_two_factor(clinic, "admin")
    admin = clinic.client("admin")  # the log-in now asks for a code
    code = pyotp.TOTP(secret).at(clinic.clock.now())
    assert admin.form("/login/code", {"code": code}).status_code == 303
    assert admin.form("/admin/settings", _form(require_two_factor="yes")).status_code == 303
    assert _saved(clinic).require_two_factor is True

    doctor = clinic.client("clinician_a")  # no second factor yet
    page = doctor.get("/clients", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"] == "/account?required=2fa"
    assert doctor.get("/api/clients").status_code == 403
    assert "asks every clinician and admin" in doctor.get("/account?required=2fa").text
    client = clinic.client("client_a")  # clients are not asked
    assert client.get("/api/today").status_code == 200

    _turn_on_two_factor(clinic, "clinician_a")
    doctor = clinic.client("clinician_a")
    secret_row = accounts.list_accounts(clinic.ctx)
    doctor_secret = next(u for u in secret_row if u.email == "clinician_a@clinic.test").totp_secret
    doctor.form("/login/code", {"code": pyotp.TOTP(doctor_secret).at(clinic.clock.now())})
    assert doctor.get("/api/clients").status_code == 200


def test_the_caseload_summary_counts_only_the_clinicians_own_clients(clinic: Clinic):
    clinic.clock.advance(timedelta(days=3).total_seconds())
    doctor = clinic.client("clinician_a")
    summary = doctor.get("/api/caseload").json()
    assert summary["clients"] == 1
    assert sum(summary["adherence"].values()) == 1 and sum(summary["pain"].values()) == 1
    other = clinic.client("clinician_b").get("/api/caseload").json()
    assert other["clients"] == 1 and other["adherence"]["nothing planned"] == 1
    page = doctor.get("/clients").text
    assert "Your caseload" in page and 'aria-label="Adherence, last 2 weeks:' in page
    assert clinic.client("client_a").get("/api/caseload").status_code == 403
