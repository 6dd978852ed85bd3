"""Deterministic domain objects for the export tests (a small plan, logs and measurements)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from psoas.domain.catalogue.exercises import (
    Category,
    Caution,
    CautionAction,
    Dose,
    DoseRange,
    Equipment,
    Exercise,
    ExerciseCaution,
    Level,
    LimbAngles,
    Muscle,
    Pose,
    Position,
    Source,
    SourceStrength,
)
from psoas.domain.planning.plans import (
    Change,
    Plan,
    PlannedSession,
    PlanReview,
    PlanWeek,
    Prescription,
    ReviewItem,
    SessionKind,
    SideHandling,
)
from psoas.domain.records.measurements import Measurement, MeasurementKind, Method, Side
from psoas.domain.records.people import Person, Preferences
from psoas.domain.records.session_logs import SessionLog, SetRecord, SetSide
from psoas.domain.screening.assessment import (
    Assessment,
    AssessmentResult,
    Finding,
    Profile,
    SideResult,
    ThighPosition,
    Triage,
)

START = date(2026, 11, 23)  # a Monday
CREATED = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)
DTSTAMP = datetime(2026, 11, 21, 10, 0, tzinfo=UTC)


def _exercise(slug: str, name: str, category: Category, dose: Dose, **extra) -> Exercise:
    return Exercise(
        id=slug,
        name=name,
        summary=f"{name} for the front of the hip.",
        category=category,
        position=extra.pop("position", Position.HALF_KNEELING),
        muscles=(Muscle.ILIOPSOAS, Muscle.RECTUS_FEMORIS),
        equipment=(Equipment.MAT,),
        level=Level.BEGINNER,
        unilateral=dose.per_side,
        dose=dose,
        dose_range=DoseRange(sets=(1, 4), reps=(5, 15), hold_seconds=(20, 60)),
        steps=("Set up on the mat.", "Move slowly into position.", "Return with control."),
        cues=("Keep the ribs down.", "Breathe out slowly."),
        mistakes=("Arching the lower back.",),
        breathing="Slow breaths through the nose.",
        cautions=extra.pop("cautions", ()),
        sources=(Source("Test source 2020", SourceStrength.PRIMARY, "dose"),),
        poses=(
            Pose(
                "start",
                trunk=0,
                left=LimbAngles(hip=90, knee=90),
                right=LimbAngles(hip=-10, knee=90),
                contact=("left_foot", "right_knee"),
            ),
        ),
        **extra,
    )


def exercises() -> dict[str, Exercise]:
    items = [
        _exercise(
            "half-kneeling-hip-flexor-stretch",
            "Half-kneeling hip flexor stretch",
            Category.STRETCH,
            Dose(sets=2, hold_seconds=30, per_side=True),
            cautions=(
                ExerciseCaution(
                    Caution.KNEE_PAIN_KNEELING,
                    CautionAction.MODIFY,
                    "Put a folded cushion under the knee.",
                ),
            ),
        ),
        _exercise(
            "supine-marching",
            "Supine marching",
            Category.STRENGTH,
            Dose(sets=3, reps=10, per_side=True, rest_seconds=45),
            position=Position.SUPINE,
        ),
        _exercise(
            "crocodile-breathing",
            "Crocodile breathing",
            Category.BREATHING,
            Dose(sets=1, hold_seconds=120),
            position=Position.PRONE,
        ),
    ]
    return {e.id: e for e in items}


def _prescriptions(kind: SessionKind) -> tuple[Prescription, ...]:
    ex = exercises()
    stretch = Prescription(
        "half-kneeling-hip-flexor-stretch",
        ex["half-kneeling-hip-flexor-stretch"].dose,
        SideHandling.LEFT_FIRST_EXTRA,
        "Your left side tested tighter.",
    )
    breathing = Prescription(
        "crocodile-breathing", ex["crocodile-breathing"].dose, SideHandling.BOTH, "Calms the trunk."
    )
    if kind == SessionKind.STRENGTH:
        march = Prescription(
            "supine-marching", ex["supine-marching"].dose, SideHandling.EACH, "Builds hip strength."
        )
        return (breathing, stretch, march)
    if kind == SessionKind.REST:
        return ()
    return (breathing, stretch)


def plan(*, stopped: str = "", preferred: time = time(7, 30)) -> Plan:
    weeks = []
    for week in range(2):
        sessions = []
        for offset in range(7):
            day = START + timedelta(days=7 * week + offset)
            kind = {1: SessionKind.STRENGTH, 3: SessionKind.STRENGTH, 6: SessionKind.REST}.get(
                offset, SessionKind.MOBILITY
            )
            if week == 1 and offset == 4:
                kind = SessionKind.RETEST
            sessions.append(
                PlannedSession(
                    id=f"w{week + 1}-{day.isoformat()}",
                    date=day,
                    kind=kind,
                    prescriptions=_prescriptions(kind),
                    estimated_seconds=600 if kind == SessionKind.STRENGTH else 420,
                )
            )
        weeks.append(
            PlanWeek(
                week + 1, "release and mobility", "Loosen the front of the hip.", tuple(sessions)
            )
        )
    return Plan(
        id="plan-1",
        person_id="p-1",
        assessment_id="a-1",
        created_at=CREATED,
        start=START,
        preferences=Preferences(preferred_time=preferred),
        weeks=tuple(weeks),
        version="planner-1",
        summary="Two weeks of gentle release and mobility with two strength days.",
        stopped_reason=stopped,
    )


def person(name: str = "Ada Example") -> Person:
    return Person(id="p-1", display_name=name, created_at=CREATED, timezone="Europe/Berlin")


def logs() -> list[SessionLog]:
    day1 = START + timedelta(days=1)
    start1 = datetime.combine(day1, time(7, 30), tzinfo=UTC)
    sets = [
        SetRecord("supine-marching", i, side, planned_reps=10, done_reps=10 if i < 3 else 8, pain=2)
        for i in (1, 2, 3)
        for side in (SetSide.LEFT, SetSide.RIGHT)
    ]
    sets.append(
        SetRecord(
            "crocodile-breathing", 1, SetSide.BOTH, planned_hold_seconds=120, done_hold_seconds=120
        )
    )
    first = SessionLog(
        id="log-1",
        person_id="p-1",
        session_date=day1,
        started_at=start1,
        finished_at=start1 + timedelta(minutes=11),
        sets=tuple(sets),
        plan_id="plan-1",
        session_id=f"w1-{day1.isoformat()}",
        pain_before=4,
        pain_during=3,
        pain_after=2,
        next_morning_pain=2,
        effort=5,
        notes="=felt fine",
    )
    day2 = START + timedelta(days=2)
    start2 = datetime.combine(day2, time(7, 30), tzinfo=UTC)
    empty = SessionLog(
        id="log-2",
        person_id="p-1",
        session_date=day2,
        started_at=start2,
        finished_at=start2 + timedelta(minutes=1),
        sets=(),
        plan_id="plan-1",
        session_id=f"w1-{day2.isoformat()}",
        pain_before=6,
        completed=False,
    )
    return [first, empty]


def _m(
    n: int, kind: MeasurementKind, value: float, unit: str, method: Method, day: int, **kw
) -> Measurement:
    taken = datetime.combine(START + timedelta(days=day), time(8, 0), tzinfo=UTC)
    return Measurement(f"m-{n}", "p-1", kind, value, unit, method, taken, **kw)


def measurements() -> list[Measurement]:
    return [
        _m(1, MeasurementKind.PAIN, 5, "NRS", Method.SELF_REPORT, 0),
        _m(2, MeasurementKind.HIP_ANGLE, 8.5, "deg", Method.PHOTO, 0, side=Side.LEFT),
        _m(3, MeasurementKind.HIP_ANGLE, 2.0, "deg", Method.PHOTO, 0, side=Side.RIGHT),
        _m(4, MeasurementKind.SELF_TEST, 1, "category", Method.SELF_TEST, 0, side=Side.LEFT),
        _m(5, MeasurementKind.SELF_TEST, 0, "category", Method.SELF_TEST, 0, side=Side.RIGHT),
        _m(6, MeasurementKind.PSFS, 4, "score", Method.SELF_REPORT, 0, label="Running 5 km"),
        _m(7, MeasurementKind.PAIN, 3, "NRS", Method.SELF_REPORT, 7),
        _m(8, MeasurementKind.HIP_ANGLE, 3.0, "deg", Method.GONIOMETER, 11, side=Side.LEFT),
        _m(9, MeasurementKind.PSFS, 6, "score", Method.SELF_REPORT, 11, label="Running 5 km"),
        _m(10, MeasurementKind.PAIN, 2, "NRS", Method.SELF_REPORT, 12),
    ]


def assessment() -> Assessment:
    result = AssessmentResult(
        triage=Triage.PROCEED_WITH_CAUTIONS,
        profile=Profile.TIGHT,
        sides=(
            SideResult(Side.LEFT, ThighPosition.ABOVE, hip_angle_deg=8.5),
            SideResult(Side.RIGHT, ThighPosition.LEVEL, hip_angle_deg=2.0),
        ),
        asymmetry=True,
        cautions=frozenset({Caution.KNEE_PAIN_KNEELING}),
        findings=(
            Finding(
                "mtt-hip-above",
                "Left thigh rests above the bench line",
                "The front of the left hip looks short; stretching comes first.",
                "Test source 2020",
                SourceStrength.PRIMARY,
                Side.LEFT,
            ),
        ),
        rules_version="rules-1",
    )
    return Assessment("a-1", "p-1", CREATED, {"age": 40}, result)


def reviews() -> list[PlanReview]:
    old = Dose(sets=2, hold_seconds=30, per_side=True)
    new = Dose(sets=3, hold_seconds=30, per_side=True)
    item = ReviewItem(
        "half-kneeling-hip-flexor-stretch",
        Change.PROGRESS,
        "Pain settled by the next morning all week.",
        old,
        new,
    )
    return [
        PlanReview(
            "r-1",
            "p-1",
            "plan-1",
            2,
            datetime(2026, 11, 29, 20, 0, tzinfo=UTC),
            (item,),
            "Good week: one more stretch set.",
            load_change_pct=12.5,
        )
    ]
