"""Date answers given as a time ago ("8 weeks ago") are counted back from today."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from tests.unit.screening_personas import QUESTIONNAIRE, persona

from psoas.domain.errors import InvalidValue
from psoas.domain.screening.questions import coerce_answer, normalise_answers

TODAY = date(2026, 11, 23)
SURGERY = QUESTIONNAIRE.get("hip_replacement_date")


@pytest.mark.parametrize(
    ("typed", "days"),
    [
        ("8 weeks ago", 56),
        ("1 week ago", 7),
        ("3 days ago", 3),
        ("1 day ago", 1),
        ("0 days ago", 0),
        ("  12  Weeks   AGO ", 84),
        ("2026-09-26", (TODAY - date(2026, 9, 26)).days),
    ],
)
def test_a_time_ago_becomes_the_date_it_means(typed, days):
    assert coerce_answer(SURGERY, typed, TODAY) == (TODAY - timedelta(days=days)).isoformat()


@pytest.mark.parametrize(
    "typed", ["8 months ago", "-2 weeks ago", "in 3 weeks", "eight weeks ago", "8 weeks", "ago"]
)
def test_other_phrases_are_refused_naming_the_question(typed):
    with pytest.raises(InvalidValue) as caught:
        coerce_answer(SURGERY, typed, TODAY)
    assert caught.value.field == "hip_replacement_date"
    assert "YYYY-MM-DD" in caught.value.problem and "8 weeks ago" in caught.value.problem


def test_without_today_only_calendar_dates_are_accepted():
    with pytest.raises(InvalidValue) as caught:
        coerce_answer(SURGERY, "8 weeks ago")
    assert caught.value.problem == "expected a date as YYYY-MM-DD, got '8 weeks ago'"


def test_answers_store_the_date_so_the_record_keeps_its_meaning():
    answers = persona(
        hip_replacement=True,
        hip_replacement_approach="anterior",
        hip_replacement_date="8 weeks ago",
    )
    clean, problems = normalise_answers(answers, QUESTIONNAIRE, TODAY)
    assert problems == [] and clean["hip_replacement_date"] == "2026-09-28"
