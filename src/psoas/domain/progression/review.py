"""The weekly review: next week's work marked progress, hold or regress, each with its reason.

``review_week`` is a pure function of the plan, the logs, the measurements and a few facts
passed in (the person's baseline pain, today, any new red flag). It returns the review and
the updated plan; the rules and their sources are in ``progression_rules``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

from psoas.domain.catalogue.exercises import Catalogue, Caution
from psoas.domain.errors import InvalidValue
from psoas.domain.planning.load import change_pct, week_load
from psoas.domain.planning.plans import (
    Change,
    Plan,
    PlanReview,
    PlanWeek,
    ReviewItem,
)
from psoas.domain.progression.decide import Context, Decision, decide, slots_of
from psoas.domain.progression.evidence import (
    RetestChange,
    WeekEvidence,
    meaningful_pain_change,
    retest_change,
    summarise_week,
)
from psoas.domain.progression.rules import (
    BASELINE_PAIN_FALLBACK,
    LOAD_JUMP_FLAG_PCT,
    MISSED_WEEK,
    NO_CHANGE_WEEKS,
    cite,
)
from psoas.domain.progression.shape import shape_next
from psoas.domain.records.measurements import Measurement
from psoas.domain.records.session_logs import SessionLog

RED_FLAG_MESSAGE = (
    "A new warning sign was reported. Stop the exercises and contact a doctor today; "
    "psoas has paused your plan until a clinician has seen you."
)
SEVERE_PAIN_MESSAGE = (
    "Severe pain was reported ({detail}). Stop the exercises and see a doctor or "
    "physiotherapist before going on; psoas has paused your plan."
)


def review_week(
    plan: Plan,
    logs: Sequence[SessionLog],
    measurements: Sequence[Measurement],
    *,
    week_index: int,
    baseline_pain: float | None,
    today: date,
    catalogue: Catalogue,
    cautions: frozenset[Caution] = frozenset(),
    new_red_flag: bool = False,
    now: datetime | None = None,
) -> tuple[PlanReview, Plan]:
    """Review plan week ``week_index`` (1-based) and shape the week after it."""
    if not 1 <= week_index <= len(plan.weeks):
        raise InvalidValue("week_index", f"must be between 1 and {len(plan.weeks)}")
    created = now or datetime.combine(today, time(0), tzinfo=UTC)
    baseline = BASELINE_PAIN_FALLBACK if baseline_pain is None else baseline_pain
    week = plan.weeks[week_index - 1]
    evidence = summarise_week(week, logs, measurements, baseline)
    base = PlanReview(
        f"review-{plan.id}-w{week_index}", plan.person_id, plan.id, week_index + 1, created, (), ""
    )
    if plan.stopped_reason or new_red_flag or evidence.severe:
        message = plan.stopped_reason or (
            RED_FLAG_MESSAGE if new_red_flag else SEVERE_PAIN_MESSAGE.format(detail=evidence.severe)
        )
        return replace(base, summary=message, flags=("stop: " + message,), stop=True), replace(
            plan, stopped_reason=message
        )
    if evidence.adherence < MISSED_WEEK:
        return _repeat_week(plan, week, base, evidence.done, evidence.planned)
    retest = retest_change(measurements)
    ctx = Context(catalogue, cautions, plan.preferences, baseline, retest.improved)
    decisions = [decide(slot, p, evidence, ctx) for slot, p in slots_of(week).items()]
    flags = [d.flag for d in decisions if d.flag]
    flags += _outcome_flags(week_index, baseline, evidence.mean_pain, retest)
    if week_index == len(plan.weeks):
        items = tuple(_item(d, None) for d in decisions)
        summary = "This was the last week of the plan. " + _summary(decisions, evidence, retest)
        return replace(base, items=items, summary=summary, flags=tuple(flags)), plan
    next_week, decisions = shape_next(plan, week, plan.weeks[week_index], decisions, catalogue)
    before, after = week_load(week), week_load(next_week)
    pct = change_pct(before, after)
    if pct is not None and pct > LOAD_JUMP_FLAG_PCT:
        flags.append(
            f"load jump: next week's planned load rises {pct:g}% (above {LOAD_JUMP_FLAG_PCT:g}%) as new work starts; build into it gently{cite('load_jump_flag')}"
        )
    weeks = list(plan.weeks)
    weeks[week_index] = next_week
    items = tuple(_item(d, next_week) for d in decisions)
    review = replace(
        base,
        items=items,
        summary=_summary(decisions, evidence, retest),
        load_change_pct=pct,
        flags=tuple(flags),
    )
    return review, replace(plan, weeks=tuple(weeks))


def _outcome_flags(
    week_index: int, baseline: float, mean_pain: float | None, retest: RetestChange
) -> list[str]:
    flags = []
    pain_delta = meaningful_pain_change(baseline, mean_pain) if mean_pain is not None else 0.0
    if pain_delta > 0:
        flags.append(
            f"see a clinician: pain is meaningfully worse than at the start ({baseline:g} -> {mean_pain:g}/10){cite('pain_mcid_points')}"
        )
    if retest.worse:
        flags.append(
            f"see a clinician: the self-test is worse beyond measurement error ({retest.detail})"
        )
    if retest.improved:
        flags.append(
            f"emphasis shifts toward strength and maintenance: the re-test improved beyond measurement error ({retest.detail})"
        )
    if week_index >= NO_CHANGE_WEEKS and not retest.improved and pain_delta >= 0:
        flags.append(
            f"see a clinician: no real change after {week_index} weeks; a physiotherapist can look for other causes{cite('no_change_weeks')}"
        )
    return flags


def _summary(decisions: list[Decision], evidence: WeekEvidence, retest: RetestChange) -> str:
    counts = {
        c: sum(1 for d in decisions if d.change == c)
        for c in (Change.PROGRESS, Change.HOLD, Change.REGRESS)
    }
    text = f"{evidence.done} of {evidence.planned} sessions done. Next week: {counts[Change.PROGRESS]} progress, {counts[Change.HOLD]} hold, {counts[Change.REGRESS]} regress."
    if retest.improved:
        text += " Your re-test improved, so the emphasis moves toward strength and maintenance."
    return text


def _item(d: Decision, next_week: PlanWeek | None) -> ReviewItem:
    new = None
    if next_week is not None:
        carried = (p for s in next_week.sessions for p in s.prescriptions if p.change != Change.NEW)
        new = next((p for p in carried if (p.slot or p.exercise_id) == d.slot), None)
    reason = d.reason
    if next_week is not None and new is None:
        reason += " It is not in next week's sessions."
    moved = new is not None and new.exercise_id != d.prescription.exercise_id
    return ReviewItem(
        exercise_id=d.prescription.exercise_id,
        change=d.change,
        reason=reason,
        old_dose=d.prescription.dose,
        new_dose=new.dose if new is not None else None,
        new_exercise_id=new.exercise_id if moved else None,
    )


def _repeat_week(
    plan: Plan, week: PlanWeek, base: PlanReview, done: int, planned: int
) -> tuple[PlanReview, Plan]:
    """A mostly missed week is repeated; the rest of the plan moves back a week."""
    reason = f"Only {done} of {planned} planned sessions were done, so this week repeats rather than cramming the missed work or jumping ahead{cite('missed_week')}."
    k = week.index
    repeat = _shift(week, k + 1, reason)
    later = tuple(_shift(w, w.index + 1, "") for w in plan.weeks[k:])
    new_plan = replace(plan, weeks=(*plan.weeks[:k], repeat, *later))
    items = tuple(
        ReviewItem(p.exercise_id, Change.HOLD, "Repeated at last week's dose.", p.dose, p.dose)
        for p in slots_of(week).values()
    )
    review = replace(
        base, items=items, summary=reason + " The plan now ends a week later.", load_change_pct=0.0
    )
    return review, new_plan


def _shift(week: PlanWeek, index: int, reason: str) -> PlanWeek:
    days = timedelta(days=7 * (index - week.index))
    sessions = tuple(
        replace(
            s,
            id=f"w{index}-{(s.date + days).isoformat()}",
            date=s.date + days,
            prescriptions=tuple(
                replace(p, change=Change.HOLD, change_reason=reason) for p in s.prescriptions
            )
            if reason
            else s.prescriptions,
        )
        for s in week.sessions
    )
    return replace(week, index=index, sessions=sessions)
