"""The constants behind the weekly review, each with the source it comes from.

Kept as data so a clinician can read (and change) them in one place; ``RULES`` is the table
the CLI and docs print. Strength follows /work/shared/reference/clinical-facts.md: the zones of
the pain-monitoring model are quoted by secondary sources only, and the model comes from tendon
rehabilitation, so the review says it is borrowed.
"""

from __future__ import annotations

from dataclasses import dataclass

from psoas.domain.catalogue.exercises import SourceStrength
from psoas.domain.records.measurements import Method


@dataclass(frozen=True, slots=True)
class RuleConstant:
    id: str
    value: float
    unit: str
    rule: str
    source: str
    strength: SourceStrength

    @property
    def short_source(self) -> str:
        """The short citation for reason texts, e.g. 'Silbernagel 2007'."""
        return SHORT_CITATION.get(self.source, self.source)


SILBERNAGEL = "Silbernagel et al. 2007, Am J Sports Med 35:897 (pain-monitoring model, borrowed from tendon rehabilitation)"
FARRAR = "Farrar et al. 2001, Pain 94:149; Ostelo et al. 2008, Spine 33:90"
NIELSEN = "Nielsen et al. 2014, JOSPT (weekly progression > 30 %); Buist et al. 2008, Am J Sports Med 36:33 (10 % rule did not prevent injury)"
ACSM_STRETCH = (
    "ACSM stretching guidance 2021; Garber et al. 2011, MSSE 43:1334 (about 60 s per stretch)"
)
ACSM_STRENGTH = "ACSM resistance-training guidance (2-4 sets, 8-12 reps for novices); Thorborg et al. 2016, KSSTA 24:2346 (15 RM start)"
PEELER = "Peeler & Anderson 2008, J Athl Train 43:470 (goniometer SEM about 7 degrees); Peeler et al. 2013 (photo MDC95 about 2.8 degrees, derived)"
RETEST = "Winters et al. 2004, Phys Ther 84:800 (3 and 6 week re-tests); Gribble et al. 1999 (plateau in weeks 4-5)"

SHORT_CITATION = {
    SILBERNAGEL: "Silbernagel 2007, pain-monitoring model",
    FARRAR: "Farrar 2001",
    NIELSEN: "Nielsen 2014",
    ACSM_STRETCH: "ACSM; Garber 2011",
    ACSM_STRENGTH: "ACSM; Thorborg 2016",
    PEELER: "Peeler 2008/2013",
    RETEST: "Winters 2004",
}

_S, _C, _D = SourceStrength.SECONDARY, SourceStrength.PRIMARY, SourceStrength.UNCONFIRMED

RULES: tuple[RuleConstant, ...] = (
    RuleConstant(
        "pain_during_max",
        5,
        "NRS 0-10",
        "Pain during an exercise may reach 5/10; above 5 that exercise regresses next week.",
        SILBERNAGEL,
        _S,
    ),
    RuleConstant(
        "pain_settled_max",
        2,
        "NRS 0-10",
        "Pain of 0-2 counts as settled and low, so the exercise may progress.",
        SILBERNAGEL,
        _S,
    ),
    RuleConstant(
        "next_morning_above_baseline",
        0,
        "NRS points",
        "Next-morning pain or stiffness above the person's baseline reduces the load.",
        SILBERNAGEL,
        _S,
    ),
    RuleConstant(
        "severe_pain",
        8,
        "NRS 0-10",
        "Pain of 8/10 or more at any time stops the plan and refers to a clinician (psoas safety rule, derived from the stop rules).",
        SILBERNAGEL,
        _D,
    ),
    RuleConstant(
        "adherence_to_progress",
        2 / 3,
        "share of sessions",
        "Progress only when at least two thirds of the planned sessions were done (psoas rule).",
        NIELSEN,
        _D,
    ),
    RuleConstant(
        "missed_week",
        1 / 3,
        "share of sessions",
        "Below one third of sessions done, the week is repeated, never crammed into the next (psoas rule).",
        NIELSEN,
        _D,
    ),
    RuleConstant(
        "hold_target", 60, "seconds", "Holds grow in 10 s steps up to about 60 s.", ACSM_STRETCH, _S
    ),
    RuleConstant(
        "reps_target", 15, "reps", "Reps grow in steps of 2 up to about 15.", ACSM_STRENGTH, _S
    ),
    RuleConstant(
        "sets_target",
        3,
        "sets",
        "Sets grow by one up to 3; after that the harder variant.",
        ACSM_STRENGTH,
        _S,
    ),
    RuleConstant(
        "weekly_progression_cap",
        10,
        "% of weekly load",
        "Progression steps add at most 10 % to the week's load (hold-seconds plus reps); a conservative default, not a proven safety limit.",
        NIELSEN,
        _C,
    ),
    RuleConstant(
        "load_jump_flag",
        30,
        "% of weekly load",
        "A planned week-on-week load rise above 30 % is flagged.",
        NIELSEN,
        _C,
    ),
    RuleConstant(
        "pain_mcid_points",
        2,
        "NRS points",
        "A change in pain of 2 points or more is meaningful.",
        FARRAR,
        _C,
    ),
    RuleConstant(
        "pain_mcid_percent", 30, "%", "A change in pain of 30 % or more is meaningful.", FARRAR, _C
    ),
    RuleConstant(
        "hip_angle_error_photo",
        3,
        "degrees",
        "Photo or camera hip angles must change by more than 3 degrees to count.",
        PEELER,
        _C,
    ),
    RuleConstant(
        "hip_angle_error_goniometer",
        7,
        "degrees",
        "Goniometer or inclinometer hip angles must change by more than 7 degrees to count.",
        PEELER,
        _C,
    ),
    RuleConstant(
        "no_change_weeks",
        6,
        "weeks",
        "No real change after 6 weeks suggests seeing a clinician.",
        RETEST,
        _C,
    ),
)

_BY_ID = {r.id: r for r in RULES}


def rule(rule_id: str) -> RuleConstant:
    return _BY_ID[rule_id]


def value(rule_id: str) -> float:
    return _BY_ID[rule_id].value


PAIN_DURING_MAX = int(value("pain_during_max"))
PAIN_SETTLED_MAX = int(value("pain_settled_max"))
SEVERE_PAIN = int(value("severe_pain"))
ADHERENCE_TO_PROGRESS = value("adherence_to_progress")
MISSED_WEEK = value("missed_week")
HOLD_TARGET = int(value("hold_target"))
REPS_TARGET = int(value("reps_target"))
SETS_TARGET = int(value("sets_target"))
HOLD_STEP, REPS_STEP = 10, 2
WEEKLY_PROGRESSION_CAP_PCT = value("weekly_progression_cap")
LOAD_JUMP_FLAG_PCT = value("load_jump_flag")
PAIN_MCID_POINTS = value("pain_mcid_points")
PAIN_MCID_PCT = value("pain_mcid_percent")
NO_CHANGE_WEEKS = int(value("no_change_weeks"))
BASELINE_PAIN_FALLBACK = PAIN_SETTLED_MAX  # when no baseline was recorded: the top of the safe zone


def hip_angle_error(method: Method) -> float:
    """Measurement error for a hip angle taken with ``method`` (degrees)."""
    if method in (Method.PHOTO, Method.POSE_ESTIMATION):
        return value("hip_angle_error_photo")
    return value("hip_angle_error_goniometer")


def cite(rule_id: str) -> str:
    """' (source [strength])' for a reason text."""
    r = _BY_ID[rule_id]
    mark = "" if r.strength == SourceStrength.PRIMARY else f" [{r.strength}]"
    return f" ({r.short_source}{mark})"
