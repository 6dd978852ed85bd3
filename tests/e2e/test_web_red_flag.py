"""A red-flag result speaks once and calmly: emergency department first when the finding asks
for it, no plan, no profile or other findings, no break stretches or session prompts, and
Today repeats it once, not three times."""

from __future__ import annotations

import re

import pytest
from tests.e2e.web_fixtures import client, clock, questionnaire  # noqa: F401
from tests.e2e.web_support import calm_answers


def _alerts(html: str) -> int:
    return len(re.findall(r'role="alert"', html))


@pytest.mark.parametrize(
    ("answers", "headline"),
    [
        ({"bladder_bowel": True}, "Go to an emergency department now"),
        ({"leg_weakness": True}, "Please get medical care today"),
    ],
    ids=["cauda-equina-sign", "spreading-weakness"],
)
def test_one_calm_message_everywhere(client, clock, questionnaire, answers, headline):  # noqa: F811
    calm = calm_answers(questionnaire)
    assert client.api("/api/assessment", calm).status_code == 201
    assert client.api("/api/plan", {}).status_code == 201  # a plan from before the red flag
    clock.advance(3600)
    assert client.api("/api/assessment", {**calm, **answers}).status_code == 201
    result = client.get("/assessment/result").text
    assert headline in result and _alerts(result) == 1
    for gone in ("Go to my plan", "What the answers suggest", "Profile:", "Findings</h2>"):
        assert gone not in result, gone
    assert "<summary>Sources</summary>" in result
    home = client.get("/").text
    assert headline in home and _alerts(home) == 1
    for gone in ("Start session", "Your plan is stopped", "Pain, 0 to 10", "days in a row"):
        assert gone not in home, gone
    plan_page = client.get("/plan").text
    assert headline in plan_page and "cal-week" not in plan_page and "Make my plan" not in plan_page
    assert client.get("/api/reminders/next").json()["reminder"] is None
    played = client.get("/breaks/play", follow_redirects=False)
    assert played.status_code == 303 and played.headers["location"] == "/assessment/result"
