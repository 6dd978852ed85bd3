"""A small catalogue built in code for the planner and progression tests.

It does not depend on the packaged YAML content, so the domain tests keep their meaning while
the real catalogue grows. Ids start with ``t-`` so they cannot be confused with real slugs.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from psoas.domain.catalogue.exercises import (
    Catalogue,
    Category,
    Caution,
    CautionAction,
    Dose,
    DoseRange,
    Equipment,
    Exercise,
    ExerciseCaution,
    Level,
    Muscle,
    Position,
)
from psoas.domain.records.measurements import Side
from psoas.domain.screening.assessment import (
    AssessmentResult,
    Profile,
    SideResult,
    ThighPosition,
    Triage,
)

START = date(2026, 11, 23)  # a Monday
CREATED = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
C = Caution
AVOID, MODIFY = CautionAction.AVOID, CautionAction.MODIFY


def _ex(
    id: str,
    category: Category,
    muscles: tuple[Muscle, ...],
    dose: Dose,
    rng: DoseRange,
    *,
    equipment: tuple[Equipment, ...] = (Equipment.MAT,),
    level: Level = Level.BEGINNER,
    easier: tuple[str, ...] = (),
    harder: tuple[str, ...] = (),
    cautions: tuple[ExerciseCaution, ...] = (),
    position: Position = Position.SUPINE,
    tags: tuple[str, ...] = (),
) -> Exercise:
    return Exercise(
        id=id,
        name=id.replace("-", " "),
        summary="test exercise",
        category=category,
        position=position,
        muscles=muscles,
        equipment=equipment,
        level=level,
        unilateral=dose.per_side,
        dose=dose,
        dose_range=rng,
        steps=("do it",),
        cues=("calm",),
        mistakes=("rushing",),
        breathing="breathe out on effort",
        easier=easier,
        harder=harder,
        cautions=cautions,
        tags=tags,
    )


def hold(sets: int, seconds: int, per_side: bool, rest: int = 15) -> Dose:
    return Dose(sets=sets, hold_seconds=seconds, per_side=per_side, rest_seconds=rest)


def reps(sets: int, n: int, per_side: bool, rest: int = 30, tempo: str | None = None) -> Dose:
    return Dose(sets=sets, reps=n, per_side=per_side, rest_seconds=rest, tempo=tempo)


def build_catalogue() -> Catalogue:
    cat, M = Category, Muscle
    kneeling_knee = ExerciseCaution(C.KNEE_PAIN_KNEELING, MODIFY, "Kneel on a folded cushion.")
    no_extension = ExerciseCaution(
        C.HIP_REPLACEMENT_ANTERIOR, AVOID, "Hip extension is not allowed."
    )
    balance = ExerciseCaution(C.POOR_BALANCE, MODIFY, "Hold a wall or chair with one hand.")
    exercises = [
        _ex(
            "t-breathing",
            cat.BREATHING,
            (M.DIAPHRAGM, M.DEEP_CORE),
            hold(1, 120, False),
            DoseRange((1, 2), hold_seconds=(60, 300)),
            tags=("core-routine",),
        ),
        _ex(
            "t-ball-release",
            cat.RELEASE,
            (M.ILIOPSOAS,),
            hold(1, 60, True),
            DoseRange((1, 2), hold_seconds=(45, 120)),
            equipment=(Equipment.MASSAGE_BALL,),
            position=Position.PRONE,
            cautions=(ExerciseCaution(C.PREGNANCY, AVOID, "No lying face down on a ball."),),
        ),
        _ex(
            "t-foam-release",
            cat.RELEASE,
            (M.RECTUS_FEMORIS,),
            hold(1, 60, True),
            DoseRange((1, 2), hold_seconds=(45, 120)),
            equipment=(Equipment.FOAM_ROLLER,),
            position=Position.PRONE,
        ),
        _ex(
            "t-kneeling-stretch",
            cat.STRETCH,
            (M.ILIOPSOAS, M.RECTUS_FEMORIS),
            hold(2, 30, True),
            DoseRange((1, 3), hold_seconds=(20, 60)),
            position=Position.HALF_KNEELING,
            easier=("t-standing-stretch",),
            harder=("t-couch-stretch",),
            cautions=(kneeling_knee, no_extension),
            tags=("core-routine",),
        ),
        _ex(
            "t-couch-stretch",
            cat.STRETCH,
            (M.RECTUS_FEMORIS, M.ILIOPSOAS),
            hold(2, 30, True),
            DoseRange((1, 3), hold_seconds=(20, 60)),
            equipment=(Equipment.MAT, Equipment.WALL),
            level=Level.INTERMEDIATE,
            easier=("t-kneeling-stretch",),
            position=Position.KNEELING,
            cautions=(
                ExerciseCaution(
                    C.KNEE_PAIN_KNEELING, AVOID, "Deep knee bend on the knee.", "t-standing-stretch"
                ),
                no_extension,
            ),
        ),
        _ex(
            "t-standing-stretch",
            cat.STRETCH,
            (M.ILIOPSOAS,),
            hold(2, 30, True),
            DoseRange((1, 3), hold_seconds=(20, 60)),
            equipment=(),
            position=Position.STANDING,
            harder=("t-kneeling-stretch",),
            cautions=(balance, no_extension),
        ),
        _ex(
            "t-pelvic-tilts",
            cat.MOBILITY,
            (M.DEEP_CORE, M.ERECTOR_SPINAE),
            reps(1, 10, False, tempo="2-0-2"),
            DoseRange((1, 3), reps=(8, 15)),
        ),
        _ex(
            "t-hip-circles",
            cat.MOBILITY,
            (M.ILIOPSOAS, M.GLUTEUS_MEDIUS),
            reps(1, 8, True),
            DoseRange((1, 2), reps=(6, 12)),
            position=Position.QUADRUPED,
            cautions=(ExerciseCaution(C.WRIST_PAIN, MODIFY, "Rest on the forearms."),),
        ),
        _ex(
            "t-heel-slide",
            cat.STABILITY,
            (M.DEEP_CORE,),
            reps(2, 8, True),
            DoseRange((1, 3), reps=(6, 15)),
            harder=("t-march",),
        ),
        _ex(
            "t-march",
            cat.STABILITY,
            (M.DEEP_CORE, M.ILIOPSOAS),
            reps(2, 8, True),
            DoseRange((1, 3), reps=(6, 15)),
            easier=("t-heel-slide",),
            harder=("t-dead-bug",),
            tags=("core-routine",),
        ),
        _ex(
            "t-dead-bug",
            cat.STABILITY,
            (M.DEEP_CORE, M.ILIOPSOAS),
            reps(2, 8, True),
            DoseRange((1, 3), reps=(6, 15)),
            level=Level.INTERMEDIATE,
            easier=("t-march",),
        ),
        _ex(
            "t-bridge",
            cat.STRENGTH,
            (M.GLUTEUS_MAXIMUS, M.HAMSTRINGS),
            reps(2, 10, False),
            DoseRange((1, 3), reps=(8, 15)),
            harder=("t-single-bridge",),
            tags=("core-routine",),
        ),
        _ex(
            "t-single-bridge",
            cat.STRENGTH,
            (M.GLUTEUS_MAXIMUS,),
            reps(2, 8, True),
            DoseRange((1, 3), reps=(6, 12)),
            level=Level.INTERMEDIATE,
            easier=("t-bridge",),
        ),
        _ex(
            "t-knee-raise",
            cat.STRENGTH,
            (M.ILIOPSOAS, M.RECTUS_FEMORIS),
            reps(2, 10, True),
            DoseRange((1, 3), reps=(8, 15)),
            equipment=(),
            position=Position.STANDING,
            harder=("t-band-flexion",),
            cautions=(balance,),
        ),
        _ex(
            "t-band-flexion",
            cat.STRENGTH,
            (M.ILIOPSOAS,),
            reps(2, 12, True),
            DoseRange((1, 3), reps=(8, 15)),
            equipment=(Equipment.RESISTANCE_BAND,),
            position=Position.STANDING,
            easier=("t-knee-raise",),
            cautions=(balance,),
        ),
        _ex(
            "t-reverse-lunge",
            cat.STRENGTH,
            (M.GLUTEUS_MAXIMUS, M.QUADRICEPS, M.ILIOPSOAS),
            reps(2, 8, True),
            DoseRange((1, 3), reps=(6, 12)),
            equipment=(),
            level=Level.INTERMEDIATE,
            position=Position.STANDING,
            easier=("t-bridge",),
            cautions=(
                ExerciseCaution(
                    C.HIP_REPLACEMENT_ANTERIOR, AVOID, "Deep hip extension.", "t-bridge"
                ),
                balance,
            ),
        ),
    ]
    return Catalogue({e.id: e for e in exercises})


def side(s: Side, thigh: ThighPosition, angle: float | None = None) -> SideResult:
    return SideResult(side=s, thigh=thigh, hip_angle_deg=angle)


def result(
    profile: Profile = Profile.TIGHT,
    *,
    triage: Triage = Triage.PROCEED,
    cautions: frozenset[Caution] = frozenset(),
    left: ThighPosition = ThighPosition.ABOVE,
    right: ThighPosition = ThighPosition.ABOVE,
    left_angle: float | None = None,
    right_angle: float | None = None,
    asymmetry: bool = False,
) -> AssessmentResult:
    return AssessmentResult(
        triage=triage,
        profile=profile,
        sides=(side(Side.LEFT, left, left_angle), side(Side.RIGHT, right, right_angle)),
        asymmetry=asymmetry,
        cautions=cautions,
        findings=(),
        rules_version="test-rules-1",
    )
