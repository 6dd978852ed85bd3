"""Re-test days respect the person's cautions.

The self-test is the bench-edge hang: its position is the catalogue exercise tagged
``self-test`` (found by tag, not by slug). When one of the person's cautions says to avoid
that exercise (for example a hip replacement, or later pregnancy, where lying back over a bench
edge is the very position to avoid), the re-test day does not ask for it: the day keeps its
light session and says why the test is left out and what the person can note instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from psoas.domain.catalogue.exercises import Catalogue, Caution, CautionAction, Exercise

SELF_TEST_TAG = "self-test"

RETEST_REASON = (
    "Re-test day: repeat the bench-edge self-test to see what has changed (both sides, then "
    "record the result); a change is usually measurable after 3 to 6 weeks of near-daily "
    "stretching."
)
NO_SELF_TEST_REASON = (
    "Re-test day without the bench-edge self-test, which is left out for you: {why} "
    "Instead, note how your everyday tasks and any pain feel today (under Progress), and ask "
    "your clinician if you would like the hip measured."
)


@dataclass(frozen=True, slots=True)
class SelfTestVerdict:
    allowed: bool
    exercise_id: str | None  # the catalogue exercise whose position the test uses
    why: str = ""  # why it is left out, in plain words (empty when allowed)


def self_test_exercise(catalogue: Catalogue) -> Exercise | None:
    return next((e for e in catalogue if SELF_TEST_TAG in e.tags), None)


def self_test_verdict(catalogue: Catalogue, cautions: frozenset[Caution]) -> SelfTestVerdict:
    """Whether this person may do the self-test, and why not when they may not."""
    exercise = self_test_exercise(catalogue)
    if exercise is None:
        return SelfTestVerdict(False, None, "the catalogue has no self-test position.")
    for code in sorted(cautions):
        rule = exercise.caution_for(code)
        if rule is not None and rule.action is CautionAction.AVOID:
            return SelfTestVerdict(False, exercise.id, rule.note)
    return SelfTestVerdict(True, exercise.id)


def retest_reason(verdict: SelfTestVerdict) -> str:
    return RETEST_REASON if verdict.allowed else NO_SELF_TEST_REASON.format(why=verdict.why)
