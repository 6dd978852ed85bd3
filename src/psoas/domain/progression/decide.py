"""Deciding progress, hold or regress for each piece of work after a week, with the reason.

The order of the checks is the order of safety: pain during above 5/10 first, then an
easier variant chosen in the session, then next-morning pain above baseline, then adherence,
targets and settled pain. Only work that passes every check may progress.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from psoas.domain.catalogue.exercises import Catalogue, Category, Caution
from psoas.domain.planning.plans import Change, PlanWeek, Prescription
from psoas.domain.progression.evidence import ExerciseEvidence, WeekEvidence
from psoas.domain.progression.rules import (
    ADHERENCE_TO_PROGRESS,
    PAIN_DURING_MAX,
    PAIN_SETTLED_MAX,
    cite,
)
from psoas.domain.progression.steps import Step, dose_down, ladder_down, steps_up
from psoas.domain.records.people import Preferences

_STEADY = (Category.RELEASE, Category.BREATHING, Category.MOBILITY)  # warm-ups: not built up


@dataclass
class Decision:
    slot: str
    prescription: Prescription  # the week's representative prescription for this slot
    change: Change
    reason: str
    steps: list[Step] = field(default_factory=list)  # for progress: options in order; else 0-1
    flag: str = ""


def slots_of(week: PlanWeek) -> dict[str, Prescription]:
    """The first prescription of each slot in the week, in session order."""
    found: dict[str, Prescription] = {}
    for session in week.sessions:
        for p in session.prescriptions:
            found.setdefault(p.slot or p.exercise_id, p)
    return found


@dataclass(frozen=True, slots=True)
class Context:
    catalogue: Catalogue
    cautions: frozenset[Caution]
    prefs: Preferences
    baseline: float
    improved: bool


def _name(p: Prescription, ctx: Context) -> str:
    return ctx.catalogue.get(p.exercise_id).name


def _regress_for_pain(
    p: Prescription, ev: ExerciseEvidence, ctx: Context
) -> tuple[list[Step], str, str]:
    step = ladder_down(p, ctx.catalogue, ctx.cautions, ctx.prefs) or dose_down(p, ctx.catalogue)
    if ev.stopped_for_pain and (ev.max_pain or 0) <= PAIN_DURING_MAX:
        what = f"You stopped {_name(p, ctx)} because of pain"
    else:
        what = f"Pain during {_name(p, ctx)} reached {ev.max_pain}/10"
    where = " (the session's pain; no single exercise was named)" if ev.pain_from_session else ""
    reason = f"{what}{where}, above the 5/10 limit{cite('pain_during_max')}"
    if step is None:
        note = "it is already at its easiest; if pain stays above 5/10, see a clinician"
        return [], f"{reason}; {note}.", f"{_name(p, ctx)}: {note}"
    return [step], f"{reason}, so it {step.words}.", ""


def decide(slot: str, p: Prescription, evidence: WeekEvidence, ctx: Context) -> Decision:
    ev = evidence.exercises.get(p.exercise_id, ExerciseEvidence())
    category = ctx.catalogue.get(p.exercise_id).category
    if (ev.max_pain or 0) > PAIN_DURING_MAX or ev.stopped_for_pain:
        steps, reason, flag = _regress_for_pain(p, ev, ctx)
        return Decision(slot, p, Change.REGRESS if steps else Change.HOLD, reason, steps, flag)
    if ev.switched_easier:
        step = ladder_down(p, ctx.catalogue, ctx.cautions, ctx.prefs) or dose_down(p, ctx.catalogue)
        if step is not None:
            return Decision(
                slot,
                p,
                Change.REGRESS,
                f"You switched {_name(p, ctx)} to an easier version during a session, so it {step.words}.",
                [step],
            )
    if ev.morning_above_baseline is not None:
        step = dose_down(p, ctx.catalogue)
        reason = f"Next-morning pain or stiffness of {ev.morning_above_baseline}/10 was above your baseline of {ctx.baseline:g}/10{cite('next_morning_above_baseline')}"
        if step is None:
            return Decision(
                slot,
                p,
                Change.HOLD,
                reason + "; it is already at its lowest dose, so it stays the same.",
            )
        return Decision(
            slot, p, Change.REGRESS, f"{reason}, so the load comes down: {step.words}.", [step]
        )
    if not ev.done:
        return Decision(
            slot, p, Change.HOLD, f"{_name(p, ctx)} was not done last week, so it stays the same."
        )
    if evidence.adherence < ADHERENCE_TO_PROGRESS:
        return Decision(
            slot,
            p,
            Change.HOLD,
            f"{evidence.done} of {evidence.planned} planned sessions were done; progress waits until at least two thirds are{cite('adherence_to_progress')}.",
        )
    if ev.targets_missed:
        return Decision(
            slot,
            p,
            Change.HOLD,
            f"Some sets of {_name(p, ctx)} fell short of the target, so the dose stays until it is met.",
        )
    if (ev.max_pain or 0) > PAIN_SETTLED_MAX:
        return Decision(
            slot,
            p,
            Change.HOLD,
            f"Pain of {ev.max_pain}/10 is acceptable (up to 5) but not yet settled and low, so the dose stays{cite('pain_settled_max')}.",
        )
    if category in _STEADY:
        return Decision(
            slot,
            p,
            Change.HOLD,
            f"{category.value.capitalize()} work stays steady: it prepares the body and is not built up; stretching and strength work progress.",
        )
    if ctx.improved and category == Category.STRETCH:
        return Decision(
            slot,
            p,
            Change.HOLD,
            "Your re-test improved beyond measurement error, so stretching now keeps the gain while strength work builds.",
        )
    steps = steps_up(p, ctx.catalogue, ctx.cautions, ctx.prefs)
    if not steps:
        return Decision(
            slot,
            p,
            Change.HOLD,
            f"{_name(p, ctx)} is at the top of its range and no harder variant suits your level, kit and cautions, so it stays.",
        )
    return Decision(
        slot,
        p,
        Change.PROGRESS,
        "Sessions done, targets met and pain settled and low, so it progresses: ",
        steps,
    )
