"""Helpers for the web tests: an app on a real SQLite file, a client that carries CSRF, and
answers for the screening that pass (or trip) its rules."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from tests.factories import sqlite_context
from tests.fakes import FakeClock

from psoas.bootstrap import build_context
from psoas.config import get_settings
from psoas.domain.screening.questions import AnswerType, Questionnaire
from psoas.web.app import create_app

TOKEN = re.compile(r'name="csrf-token" content="([^"]+)"')
FIELD_ERROR = re.compile(r'class="field-error" id="([a-z_0-9-]+)-error">([^<]*)<')


class WebClient(TestClient):
    """A TestClient that knows its CSRF token and sends it with form and API posts."""

    token: str = ""

    def __init__(self, app: Any, base_url: str = "http://127.0.0.1:8000", **kwargs: Any) -> None:
        super().__init__(app, base_url=base_url, **kwargs)  # personal mode answers loopback only

    def refresh_token(self) -> str:
        self.token = self.get("/api/csrf").json()["csrf_token"]
        return self.token

    def form(self, url: str, data: dict, **kwargs: Any):  # type: ignore[no-untyped-def]
        if not self.token:
            self.refresh_token()
        body = {**data, "csrf_token": self.token}
        return self.post(url, data=body, follow_redirects=False, **kwargs)

    def api(self, url: str, body: object = None, method: str = "POST", **kwargs: Any):  # type: ignore[no-untyped-def]
        if not self.token:
            self.refresh_token()
        headers = {"X-CSRF-Token": self.token, **kwargs.pop("headers", {})}
        return self.request(method, url, json=body, headers=headers, **kwargs)


def field_errors(html: str) -> dict[str, str]:
    return dict(FIELD_ERROR.findall(html))


def real_client(folder: Path, clock: FakeClock | None = None) -> WebClient:
    """The app with the real catalogue, questions and rules on a SQLite file in ``folder``."""
    settings = get_settings(data_dir=folder, database_url=f"sqlite:///{folder / 'psoas.db'}")
    ctx = build_context(settings, clock=clock or FakeClock())
    return WebClient(create_app(settings, context=ctx))


def test_catalogue_client(folder: Path) -> WebClient:
    """The app with the small test catalogue (no screening data)."""
    ctx = sqlite_context(folder)
    return WebClient(create_app(get_settings(data_dir=folder), context=ctx))


test_catalogue_client.__test__ = False  # type: ignore[attr-defined]

SAFE_OVERRIDES: dict[str, Any] = {
    "age": 40,
    "self_test_done": True,
    "left_thigh": "above",
    "right_thigh": "level",
    "left_back_flat": True,  # a clean self-test, so the person gets an ordinary plan
    "right_back_flat": True,
    "minutes_per_day": 12,
    "strength_days_per_week": 2,
    "preferred_days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
    "equipment": ["mat"],
    "level": "beginner",
    "pain_now": 3,
}


def answer_for(q: Any) -> Any:
    """A calm answer for any question: no, none, the lowest allowed number."""
    if q.id in SAFE_OVERRIDES:
        return SAFE_OVERRIDES[q.id]
    if q.type == AnswerType.YES_NO:
        return False
    if q.type == AnswerType.SINGLE_CHOICE:
        values = [c.value for c in q.choices]
        return "none" if "none" in values else values[0]
    if q.type == AnswerType.MULTI_CHOICE:
        values = [c.value for c in q.choices]
        return ["none"] if "none" in values else values[:1]
    if q.type in (AnswerType.INTEGER, AnswerType.NUMBER):
        return int(q.minimum or 0) if q.minimum is not None else 1
    if q.type == AnswerType.TIME:
        return "18:00"
    return None  # text and dates: only optional ones are reached with calm answers


# A measured hip angle that agrees with each thigh answer (psoas.domain.screening.self_test refuses pairs
# that contradict each other, such as "above" with an angle under the horizontal).
FITTING_HIP_ANGLE = {"above": 10, "level": 1, "below": -10}


def calm_answers(questionnaire: Questionnaire, **overrides: Any) -> dict[str, Any]:
    """Answers for every question that applies, with ``overrides`` taking precedence."""
    answers: dict[str, Any] = {}
    for q in questionnaire.questions:
        if not q.applies(answers):
            continue
        if q.id in overrides:
            value = overrides[q.id]
        elif q.side is not None and q.id == f"{q.side.value}_hip_angle":
            value = FITTING_HIP_ANGLE.get(answers.get(f"{q.side.value}_thigh"))
        else:
            value = answer_for(q)
        if value is not None:
            answers[q.id] = value
    return answers


def form_value(value: Any) -> Any:
    if value is True:
        return "yes"
    if value is False:
        return "no"
    if isinstance(value, list):
        return value
    return str(value)


def walk_assessment(client: WebClient, questionnaire: Questionnaire, **overrides: Any):  # type: ignore[no-untyped-def]
    """Go through the multi-step form page by page; returns the last response."""
    answers = calm_answers(questionnaire, **overrides)
    response = client.get("/assessment")
    for _ in range(40):
        step = re.search(r'name="step" value="(\d+)"', response.text)
        assert step, response.text[:500]
        names = set(re.findall(r'name="([a-z_0-9]+)"', response.text)) - {
            "csrf_token",
            "step",
            "action",
        }
        data = {n: form_value(answers[n]) for n in names if n in answers}
        response = client.form("/assessment", {**data, "step": step.group(1), "action": "next"})
        if response.status_code == 303:
            if response.headers["location"].endswith("/assessment/result"):
                return response
            response = client.get(response.headers["location"])
        else:
            assert response.status_code == 200, field_errors(response.text)
    raise AssertionError("the assessment did not finish")
