"""Pure security limits: a flood of unknown answer keys costs a short error, two-factor codes
name their time step, the log-in counts lock pairs before the backstop."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pyotp
import pytest

from psoas.bootstrap import TotpTwoFactor
from psoas.catalogue.questions import load_questionnaire
from psoas.domain.screening.questions import MAX_UNKNOWN_LISTED, normalise_answers

AT = datetime(2026, 12, 3, 9, 0, 15, tzinfo=UTC)


@pytest.fixture(scope="module")
def questionnaire():  # type: ignore[no-untyped-def]
    return load_questionnaire()


def test_forty_thousand_unknown_keys_give_a_short_error(questionnaire):
    answers = {f"junk_{n}": n for n in range(40_000)}
    clean, problems = normalise_answers(answers, questionnaire)
    assert clean == {} and len(problems) == MAX_UNKNOWN_LISTED + 1
    assert problems[-1].field == "answers"
    assert problems[-1].problem == f"{40_000 - MAX_UNKNOWN_LISTED} more unknown question ids"
    assert sum(len(p.problem) + len(p.field) for p in problems) < 2000


def test_a_few_unknown_keys_are_named_with_a_near_match(questionnaire):
    _, problems = normalise_answers({"agee": 40, "x" * 5000: 1}, questionnaire)
    named = {p.field: p.problem for p in problems}
    assert "did you mean 'age'" in named["agee"]
    assert "x" * 60 + "..." in named and len(max(named, key=len)) == 63


def test_a_code_names_its_time_step_within_one_step_of_drift():
    secret = pyotp.random_base32()
    totp, checker = pyotp.TOTP(secret), TotpTwoFactor()
    step = totp.timecode(AT)
    assert checker.matching_step(secret, totp.at(AT), AT) == step
    assert checker.matching_step(secret, totp.at(AT - timedelta(seconds=30)), AT) == step - 1
    assert checker.matching_step(secret, totp.at(AT + timedelta(seconds=30)), AT) == step + 1
    assert checker.matching_step(secret, totp.at(AT - timedelta(seconds=90)), AT) is None
    assert checker.matching_step("not base32!", "123456", AT) is None
