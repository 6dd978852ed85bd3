"""A self-test read with the lower back lifted gives "inconclusive, re-test", never "no clear
signs" next to a finding that hints at tightness; the rule lives in the rules data."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from tests.unit.screening_personas import QUESTIONNAIRE, RULES, persona, self_test, side

from psoas.domain.screening.assessment import Profile
from psoas.domain.screening.engine import assess

TODAY = date(2026, 12, 3)


def _result(left: dict, right: dict):  # type: ignore[no-untyped-def]
    return assess(persona(**self_test(left, right)), QUESTIONNAIRE, RULES, TODAY)


def test_thigh_above_with_the_back_arched_is_inconclusive():
    result = _result(side("left", "above", flat=False), side("right", "level"))
    ids = [f.rule_id for f in result.findings]
    assert "self_test_thigh_above_back_arched" in ids
    assert result.profile is Profile.INCONCLUSIVE
    assert "profile_no_signs" not in ids and "profile_inconclusive" in ids
    title = next(f.title for f in result.findings if f.rule_id == "profile_inconclusive")
    assert "inconclusive, re-test" in title


def test_back_arched_on_a_level_thigh_is_inconclusive_too():
    result = _result(side("left", "level", flat=False), side("right", "level", flat=False))
    assert result.profile is Profile.INCONCLUSIVE


def test_a_clean_test_still_says_no_clear_signs():
    result = _result(side("left", "level"), side("right", "level"))
    assert result.profile is Profile.NO_SIGNS


def test_a_clear_profile_is_not_made_inconclusive():
    result = _result(side("left", "above"), side("right", "above", flat=False))
    assert result.profile is Profile.TIGHT


def test_the_rule_is_data():
    rules = replace(RULES, inconclusive_when=frozenset())
    answers = persona(**self_test(side("left", "above", flat=False), side("right", "level")))
    assert assess(answers, QUESTIONNAIRE, rules, TODAY).profile is Profile.NO_SIGNS


def _sides_differ(result) -> bool:  # type: ignore[no-untyped-def]
    return "self_test_asymmetry" in [f.rule_id for f in result.findings]


def test_sides_read_with_the_back_lifted_are_not_called_different():
    """A tipped pelvis moves the thigh, so a left-right difference then says nothing about the
    hip flexors: no "left and right differ" finding, and no extra set for a "tighter" side."""
    both_lifted = _result(side("left", "above", flat=False), side("right", "level", flat=False))
    one_lifted = _result(side("left", "above", flat=False), side("right", "level"))
    assert not _sides_differ(both_lifted) and not both_lifted.asymmetry
    assert not _sides_differ(one_lifted) and not one_lifted.asymmetry


def test_clean_readings_that_differ_are_still_called_different():
    result = _result(side("left", "above"), side("right", "level"))
    assert _sides_differ(result) and result.asymmetry
