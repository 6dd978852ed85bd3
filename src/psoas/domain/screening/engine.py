"""The screening engine: answers + questionnaire + rules -> an explained AssessmentResult.

Pure and deterministic: the same answers, rules and ``today`` give the same result. It
screens and explains; it never diagnoses. Triage is the most serious level any fired rule
asks for (any caution means at least ``proceed_with_cautions``); the profile comes from the
weights of the fired tight / weak_or_overstretched signals; the findings keep the rules'
order (then left before right) and each names its source.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from psoas.domain.catalogue.exercises import Caution
from psoas.domain.errors import InvalidInput
from psoas.domain.records.measurements import Side
from psoas.domain.screening.assessment import (
    AssessmentResult,
    Finding,
    Profile,
    SideResult,
    ThighPosition,
    Triage,
)
from psoas.domain.screening.questions import MissingAnswer, Questionnaire, normalise_answers
from psoas.domain.screening.rules import Facts, Rule, RuleSet
from psoas.domain.screening.self_test import side_question_id

SELF_TEST_GATE = "self_test_done"
KNEE_BENT = "bent"
KNEE_STRAIGHTENS = "straightens"

TRIAGE_ORDER = (
    Triage.PROCEED,
    Triage.PROCEED_WITH_CAUTIONS,
    Triage.SEE_CLINICIAN,
    Triage.URGENT_REFERRAL,
)


def side_results(answers: Mapping[str, Any]) -> tuple[SideResult, ...]:
    """The self-test per side, read from canonical answers (empty if it was not done)."""
    if answers.get(SELF_TEST_GATE) is not True:
        return ()
    results = []
    for side in Side:
        thigh = answers.get(side_question_id(side, "thigh"))
        if thigh is None:
            continue
        knee = answers.get(side_question_id(side, "knee"))
        angle = answers.get(side_question_id(side, "hip_angle"))
        results.append(
            SideResult(
                side=side,
                thigh=ThighPosition(thigh),
                hip_angle_deg=float(angle) if angle is not None else None,
                knee_bent_past_80={KNEE_BENT: True, KNEE_STRAIGHTENS: False}.get(knee),
                thigh_drifts_out=answers.get(side_question_id(side, "thigh_out")),
                back_stayed_flat=answers.get(side_question_id(side, "back_flat")),
            )
        )
    return tuple(results)


def screen(
    answers: Mapping[str, Any],
    questionnaire: Questionnaire,
    rules: RuleSet,
    today: date,
) -> tuple[dict[str, Any], AssessmentResult]:
    """The canonical answers and the result; raises InvalidInput (one problem per question id).

    Missing answers are forgiven only when the answers given already call for an urgent
    referral: someone who must seek care today can stop the questions early.
    """
    clean, problems = normalise_answers(answers, questionnaire, today)
    if problems:
        only_missing = all(isinstance(p, MissingAnswer) for p in problems)
        if not (only_missing and urgent_findings(clean, rules, today)):
            raise InvalidInput(problems)
    return clean, _result(clean, rules, today)


def assess(
    answers: Mapping[str, Any],
    questionnaire: Questionnaire,
    rules: RuleSet,
    today: date,
) -> AssessmentResult:
    """Screen the answers; raises InvalidInput (one problem per question id) if they don't fit."""
    return screen(answers, questionnaire, rules, today)[1]


def urgent_findings(answers: Mapping[str, Any], rules: RuleSet, today: date) -> list[Finding]:
    """The urgent-referral findings the canonical answers so far already trigger."""
    facts = Facts(answers=answers, sides=side_results(answers), today=today)
    return [
        _finding(rule, side)
        for rule in rules.rules
        if rule.triage == Triage.URGENT_REFERRAL
        for side in rule.test.where(facts)
    ]


def _result(clean: Mapping[str, Any], rules: RuleSet, today: date) -> AssessmentResult:
    facts = Facts(answers=clean, sides=side_results(clean), today=today)
    fired = [(rule, where) for rule in rules.rules if (where := rule.test.where(facts))]
    cautions = frozenset(c for rule, _ in fired for c in rule.cautions)
    profile = _profile([rule for rule, _ in fired], rules.profile_min_score)
    if profile is Profile.NO_SIGNS and any(r.id in rules.inconclusive_when for r, _ in fired):
        profile = Profile.INCONCLUSIVE  # a hint of tightness the test could not confirm
    findings = [_finding(rule, side) for rule, where in fired for side in where]
    triage = _triage([rule for rule, _ in fired], cautions)
    findings.append(_profile_finding(profile, rules, plan_allowed=triage.allows_plan))
    return AssessmentResult(
        triage=triage,
        profile=profile,
        sides=facts.sides,
        asymmetry=any(rule.asymmetry for rule, _ in fired),
        cautions=cautions,
        findings=tuple(findings),
        rules_version=rules.version,
    )


def _triage(fired: list[Rule], cautions: frozenset[Caution]) -> Triage:
    level = Triage.PROCEED_WITH_CAUTIONS if cautions else Triage.PROCEED
    for rule in fired:
        if rule.triage is not None and TRIAGE_ORDER.index(rule.triage) > TRIAGE_ORDER.index(level):
            level = rule.triage
    return level


def _profile(fired: list[Rule], min_score: int) -> Profile:
    tight = sum(r.weight for r in fired if r.signal == Profile.TIGHT)
    weak = sum(r.weight for r in fired if r.signal == Profile.WEAK_OR_OVERSTRETCHED)
    if tight >= min_score and weak >= min_score:
        return Profile.MIXED
    if tight >= min_score:
        return Profile.TIGHT
    if weak >= min_score:
        return Profile.WEAK_OR_OVERSTRETCHED
    return Profile.NO_SIGNS


def _finding(rule: Rule, side: Side | None) -> Finding:
    return Finding(
        rule_id=rule.id,
        title=rule.title,
        explanation=rule.explanation,
        source=rule.source,
        strength=rule.strength,
        side=side,
        triage=rule.triage,
        care=rule.care,
    )


def _profile_finding(profile: Profile, rules: RuleSet, *, plan_allowed: bool) -> Finding:
    """The profile, explained; when no plan can start yet, without the plan it would lead to."""
    text = rules.profiles[profile]
    explanation = text.explanation
    if not plan_allowed and text.summary:
        explanation = f"{text.summary} {rules.profile_on_hold}".strip()
    return Finding(
        rule_id=f"profile_{profile.value}",
        title=text.title,
        explanation=explanation,
        source=text.source,
        strength=text.strength,
    )
