"""A tiny catalogue and planned session for the player and progress tests (deterministic)."""

from __future__ import annotations

from datetime import date

from psoas.domain.catalogue.exercises import (
    Catalogue,
    Category,
    Dose,
    DoseRange,
    Exercise,
    Level,
    Muscle,
    Position,
)
from psoas.domain.planning.plans import PlannedSession, Prescription, SessionKind, SideHandling


def exercise(
    slug: str,
    dose: Dose,
    *,
    unilateral: bool = False,
    easier: tuple[str, ...] = (),
    category: Category = Category.STRETCH,
    position: Position = Position.HALF_KNEELING,
) -> Exercise:
    return Exercise(
        id=slug,
        name=slug.replace("-", " ").capitalize(),
        summary=f"Summary of {slug}.",
        category=category,
        position=position,
        muscles=(Muscle.ILIOPSOAS,),
        equipment=(),
        level=Level.BEGINNER,
        unilateral=unilateral,
        dose=dose,
        dose_range=DoseRange(sets=(1, 4)),
        steps=("Set up.", "Move gently."),
        cues=("Keep the ribs down.",),
        mistakes=("Arching the back.",),
        breathing="Breathe out slowly as you settle.",
        easier=easier,
    )


STRETCH_DOSE = Dose(sets=2, hold_seconds=30, per_side=True, rest_seconds=10)
BRIDGE_DOSE = Dose(sets=2, reps=3, rest_seconds=15, tempo="2-1-2")
EASY_DOSE = Dose(sets=1, hold_seconds=20, per_side=True, rest_seconds=0)


def catalogue() -> Catalogue:
    items = [
        exercise("kneeling-stretch", STRETCH_DOSE, unilateral=True, easier=("supine-stretch",)),
        exercise("supine-stretch", EASY_DOSE, unilateral=True, position=Position.SUPINE),
        exercise("glute-bridge", BRIDGE_DOSE, category=Category.STRENGTH, position=Position.SUPINE),
    ]
    return Catalogue({e.id: e for e in items})


def planned_session(day: date = date(2026, 11, 23)) -> PlannedSession:
    return PlannedSession(
        id=f"w1-{day.isoformat()}",
        date=day,
        kind=SessionKind.STRENGTH,
        prescriptions=(
            Prescription("kneeling-stretch", STRETCH_DOSE, SideHandling.EACH, "tight left hip"),
            Prescription("glute-bridge", BRIDGE_DOSE, SideHandling.BOTH, "glute strength"),
        ),
        estimated_seconds=300,
        title="Strength day",
    )
