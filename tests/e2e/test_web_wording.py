"""Words for people on every page: render each page for a few persons (new, with a plan and a
history, urgent referral, see a clinician) and fail on any text meant for the terminal or for
developers: terminal prompts, rule ids and field names, planner versions, file names, exception
names, and counts that do not agree with their noun. The text checked is what a person sees or
hears: the page's text plus its labels for assistive technology, without scripts."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from tests.e2e.clinic_support import make_clinic
from tests.e2e.web_fixtures import clock, questionnaire  # noqa: F401
from tests.e2e.web_support import WebClient, calm_answers, real_client

from psoas.catalogue import load_catalogue

FORBIDDEN = {
    "terminal prompt": re.compile(r"separated by commas|press enter|type the values|\(y/n\)", re.I),
    "identifier": re.compile(r"\b[a-z]+_[a-z0-9_]+\b"),
    "rule id": re.compile(r"\brule [a-z]+[_-][a-z_-]+", re.I),
    "planner version": re.compile(r"\bplanner[ -]\w*\d", re.I),
    "strength marker": re.compile(r"\[(derived|secondary|unconfirmed|primary|confirmed)\b", re.I),
    "file name": re.compile(r"\b[\w-]+\.(md|py|ya?ml|json|csv|pdf|ics|db)\b", re.I),
    "document section": re.compile(r"\bsection \d+\.\d+", re.I),
    "developer aside": re.compile(r"not read by us|TODO|FIXME|lorem", re.I),
    "exception name": re.compile(r"\b[A-Z]\w*[a-z](Error|Exception)\b|Traceback"),
    "empty value": re.compile(r"\bNone\b(?! of)|\bnull\b|\bNaN\b|\bundefined\b"),
    "one with a plural": re.compile(
        r"(?<!of )(?<!/ )\b1 (assessments|sessions|exercises|days|weeks|sets|reps|measurements|habits|logs|plans|reviews|entries|times)\b"
    ),
}
SEEN_ATTRIBUTES = ("aria-label", "title", "alt", "placeholder", "aria-valuetext")


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.skip += 1
        self.parts += [v for k, v in attrs if k in SEEN_ATTRIBUTES and v]

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def seen_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def problems(text: str) -> list[str]:
    found = []
    for name, pattern in FORBIDDEN.items():
        for match in pattern.finditer(text):
            start = max(0, match.start() - 40)
            found.append(f"{name}: ...{text[start : match.end() + 40]}...")
    return found


def _person(client: WebClient, questionnaire, **answers) -> None:  # noqa: F811
    assert client.api("/api/assessment", calm_answers(questionnaire, **answers)).status_code == 201


def _pages(client: WebClient) -> list[str]:
    pages = ["/", "/assessment", "/assessment/result", "/plan", "/log", "/progress"]
    pages += ["/exercises", "/settings", "/habits", "/breaks/play", "/nowhere"]
    pages += [f"/assessment?step={n}" for n in range(1, 12)]
    today = client.get("/api/today").json()
    pages += [f"/session/{s['id']}" for s in today.get("sessions", [])]
    return pages


def _check(client: WebClient) -> dict[str, list[str]]:
    found = {}
    for path in _pages(client):
        response = client.get(path)
        assert response.status_code < 500, path
        if "text/html" in response.headers.get("content-type", ""):
            bad = problems(seen_text(response.text))
            if bad:
                found[path] = bad
    return found


def test_the_checker_catches_each_kind_of_developer_text():
    for text in (
        "Type the values separated by commas",
        "Rule self_test_thigh_above",
        "planner planner-1",
        "clinical-facts.md section 5.3",
        "JSONDecodeError",
        "1 assessments",
        "work_start",
        "about 7° [derived].",
        "Kim 2015 [secondary]",
        "[unconfirmed]",
        "Source: CSEP 2020 [secondary: a summary by others]",
        "as summarised in clinical-facts.md",
    ):
        assert problems(text), text
    assert (
        problems("Stand tall; pain up to 5 out of 10 is fine. Exercise 1 of 4, set 2 of 2.") == []
    )


def test_no_developer_text_for_a_new_person(tmp_path, clock):  # noqa: F811
    assert _check(real_client(tmp_path, clock)) == {}


def test_no_developer_text_with_a_plan_and_a_history(tmp_path, clock, questionnaire):  # noqa: F811
    client = real_client(tmp_path, clock)
    _person(client, questionnaire)
    assert client.api("/api/plan", {}).status_code == 201
    session = client.get("/api/today").json()["sessions"][0]["id"]
    saved = client.api(
        f"/api/sessions/{session}/log",
        {
            "events": [{"kind": "hurts", "at": 20, "pain": 3}],
            "now": 2000,
            "pain_before": 3,
            "pain_after": 2,
            "effort": 4,
        },
    )
    assert saved.status_code == 201
    assert _check(client) == {}
    slugs = [e.id for e in load_catalogue()]
    found = {}
    for slug in slugs:
        bad = problems(seen_text(client.get(f"/exercises/{slug}").text))
        if bad:
            found[slug] = bad
    assert found == {}


def test_no_developer_text_in_measured_change(tmp_path, clock, questionnaire):  # noqa: F811
    """Readings by two methods on both sides and two PSFS scores: the progress page's measured
    change sentences (and their Sources) are words for people, with strength in words."""
    client = real_client(tmp_path, clock)
    _person(client, questionnaire)
    for value, method in ((20, "goniometer"), (2, "photo"), (5, "photo")):
        for side in ("left", "right"):
            for kind in ("hip_angle", "knee_angle"):
                body = {"kind": kind, "value": value, "side": side, "method": method}
                assert client.api("/api/measurements", body).status_code == 201
            body = {"kind": "self_test", "value": 1 if value == 20 else 0, "side": side}
            assert (
                client.api("/api/measurements", {**body, "method": "self_test"}).status_code == 201
            )
    for value in (2, 6):
        body = {"kind": "psfs", "value": value, "label": "climbing stairs"}
        assert client.api("/api/measurements", body).status_code == 201
    page = seen_text(client.get("/progress").text)
    assert "measurement error" in page and "Worked out by psoas" in page
    assert problems(page) == []


@pytest.mark.parametrize(
    "answers", [{"bladder_bowel": True}, {"night_pain": True}], ids=["urgent", "see-clinician"]
)
def test_no_developer_text_after_a_warning_sign(tmp_path, clock, questionnaire, answers):  # noqa: F811
    client = real_client(tmp_path, clock)
    _person(client, questionnaire, **answers)
    assert _check(client) == {}


def test_a_bad_import_file_is_explained_in_words(tmp_path, clock):  # noqa: F811
    client = real_client(tmp_path, clock)
    client.refresh_token()
    response = client.post(
        "/settings/import",
        data={"csrf_token": client.token},
        files={"file": ("export.json", b"{not json", "application/json")},
    )
    assert 400 <= response.status_code < 500
    text = seen_text(response.text)
    assert "could not be read" in text
    assert problems(text) == []


def _clinic_check(clinic, role: str, paths: list[str]) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    """Each page's words, without what people typed themselves (the test clinic's account names
    are keys such as "clinician_a", and e-mail addresses), checked for developer text."""
    typed = sorted({t for u in clinic.users.values() for t in (u.email, u.display_name)}, key=len)
    web = clinic.client(role)
    found = {}
    for path in paths:
        response = web.get(path)
        assert response.status_code < 500, path
        assert "text/html" in response.headers.get("content-type", ""), path
        text = seen_text(response.text)
        for value in reversed(typed):
            text = text.replace(value, "")
        bad = problems(text)
        if bad:
            found[path] = bad
    return found


def test_no_developer_text_on_clinic_pages(tmp_path, request):
    """Clinic mode on SQLite: a client's own pages (with an assessment, a plan and a session)
    and a clinician's caseload, client record, plan builder, requests and messages."""
    clinic = make_clinic("sqlite", tmp_path, request)
    today = clinic.client("client_a").get("/api/today").json()
    own = ["/", "/assessment/result", "/plan", "/log", "/progress", "/exercises", "/settings"]
    own += ["/habits", "/account", "/request", "/nowhere"]
    own += [f"/session/{s['id']}" for s in today.get("sessions", [])]
    assert _clinic_check(clinic, "client_a", own) == {}
    person = clinic.person_a
    staff = ["/clients", f"/clients/{person}", f"/clients/{person}/plan/build", "/requests"]
    staff += ["/messages", "/account", f"/clients/{person}/progress", "/nowhere"]
    staff += ["/exercises/glute-bridge", "/clients/add-exercise/glute-bridge"]
    assert _clinic_check(clinic, "clinician_a", staff) == {}
    admin = ["/admin/users", "/admin/settings", "/admin/audit", "/account"]
    assert _clinic_check(clinic, "admin", admin) == {}
    assert _clinic_check(clinic, "anonymous", ["/login", "/request"]) == {}
