"""The guided-session timeline: a planned session unrolled into timed steps.

A session becomes get-ready countdowns, hold timers and rep counters per set and side, rests
between sets and "switch sides" prompts, in the order a person does them (the simple
countdown -> exercise -> break flow that follow-along apps such as Feeel use). The terminal
player and the web player both read the same steps (as JSON through ``to_primitive``), so the
step types are plain frozen dataclasses.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from psoas.domain.exercises import Catalogue, Dose, Exercise
from psoas.domain.plans import PlannedSession, Prescription, SideHandling
from psoas.domain.sessions import SetSide

GET_READY_SECONDS = 10  # read the card and get into position
SWITCH_SIDES_SECONDS = 5
DEFAULT_MOVE_SECONDS = 2  # one movement phase of a rep when no tempo is given
PHASE_WORDS = {
    1: ("move",),
    2: ("lift", "lower"),
    3: ("lift", "hold", "lower"),
    4: ("lift", "hold", "lower", "pause"),
}


class StepKind(StrEnum):
    GET_READY = "get_ready"
    HOLD = "hold"
    REPS = "reps"
    REST = "rest"
    SWITCH_SIDES = "switch_sides"


WORK_KINDS = frozenset({StepKind.HOLD, StepKind.REPS})


@dataclass(frozen=True, slots=True)
class RepPhase:
    word: str  # "lift", "hold", "lower" ...
    seconds: int


@dataclass(frozen=True, slots=True)
class Step:
    """One timed step. Work steps (hold, reps) are one set on one side."""

    kind: StepKind
    item: int  # 0-based index of the exercise in the session
    exercise_id: str
    exercise_name: str
    seconds: int  # planned duration
    prompt: str
    set_index: int = 0  # 1-based for work steps and for the rest after that set
    sets: int = 0  # sets on this side
    side: SetSide = SetSide.BOTH
    reps: int | None = None
    hold_seconds: int | None = None  # the hold of a timed set, or the hold inside each rep
    rep_phases: tuple[RepPhase, ...] = ()

    @property
    def is_work(self) -> bool:
        return self.kind in WORK_KINDS

    @property
    def rep_seconds(self) -> int:
        return sum(p.seconds for p in self.rep_phases)

    def key(self) -> tuple[int, str, int, SetSide]:
        """Identifies one set on one side within a session."""
        return (self.item, self.exercise_id, self.set_index, self.side)


@dataclass(frozen=True, slots=True)
class ExerciseCard:
    """What the player shows about an exercise before and during its sets."""

    item: int
    exercise_id: str
    name: str
    summary: str
    dose_text: str
    steps: tuple[str, ...]
    cues: tuple[str, ...]
    breathing: str
    modification: str = ""
    easier_id: str | None = None
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Timeline:
    session_id: str
    session_date: date
    title: str
    cards: tuple[ExerciseCard, ...]
    steps: tuple[Step, ...]

    @property
    def total_seconds(self) -> int:
        return sum(s.seconds for s in self.steps)

    def card(self, item: int) -> ExerciseCard:
        return next(c for c in self.cards if c.item == item)


def rep_phases(dose: Dose) -> tuple[RepPhase, ...]:
    """The timed phases of one rep, from the tempo ("2-2-2") and any hold inside the rep."""
    tempo = parse_tempo(dose.tempo)
    if dose.hold_seconds is not None:
        first = tempo[0] if tempo else DEFAULT_MOVE_SECONDS
        last = tempo[-1] if len(tempo) > 1 else DEFAULT_MOVE_SECONDS
        phases = (("lift", first), ("hold", dose.hold_seconds), ("lower", last))
    elif tempo:
        words = PHASE_WORDS.get(len(tempo), tuple(f"phase {i + 1}" for i in range(len(tempo))))
        phases = tuple(zip(words, tempo, strict=True))
    else:
        phases = (("lift", DEFAULT_MOVE_SECONDS), ("lower", DEFAULT_MOVE_SECONDS))
    return tuple(RepPhase(word, seconds) for word, seconds in phases if seconds > 0)


def parse_tempo(tempo: str | None) -> tuple[int, ...]:
    """'2-1-2' -> (2, 1, 2); anything unreadable means no tempo (the default pace)."""
    if not tempo:
        return ()
    parts = tempo.replace(" ", "").split("-")
    if not all(p.isdigit() for p in parts) or not any(int(p) for p in parts):
        return ()
    return tuple(int(p) for p in parts)


def side_order(prescription: Prescription) -> tuple[tuple[SetSide, int], ...]:
    """(side, sets on that side) in the order they are done."""
    sets = prescription.dose.sets
    handling = prescription.sides
    if handling is SideHandling.BOTH and not prescription.dose.per_side:
        return ((SetSide.BOTH, sets),)
    if handling is SideHandling.LEFT_FIRST_EXTRA:
        return ((SetSide.LEFT, sets + 1), (SetSide.RIGHT, sets))
    if handling is SideHandling.RIGHT_FIRST_EXTRA:
        return ((SetSide.RIGHT, sets + 1), (SetSide.LEFT, sets))
    return ((SetSide.LEFT, sets), (SetSide.RIGHT, sets))


def build_timeline(session: PlannedSession, catalogue: Catalogue) -> Timeline:
    """Unroll a planned session into cards and steps (raises UnknownExercise for a bad id)."""
    cards: list[ExerciseCard] = []
    steps: list[Step] = []
    for item, prescription in enumerate(session.prescriptions):
        exercise = catalogue.get(prescription.exercise_id)
        cards.append(make_card(item, exercise, prescription))
        steps.extend(item_steps(item, exercise, prescription))
    title = session.title or f"{session.kind.value.capitalize()} session"
    return Timeline(session.id, session.date, title, tuple(cards), tuple(steps))


def make_card(item: int, exercise: Exercise, prescription: Prescription) -> ExerciseCard:
    return ExerciseCard(
        item=item,
        exercise_id=exercise.id,
        name=exercise.name,
        summary=exercise.summary,
        dose_text=prescription.dose.describe(),
        steps=exercise.steps,
        cues=exercise.cues,
        breathing=exercise.breathing,
        modification=prescription.modification,
        easier_id=exercise.easier[0] if exercise.easier else None,
        reason=prescription.reason,
    )


def item_steps(item: int, exercise: Exercise, prescription: Prescription) -> list[Step]:
    """Get ready, then every set of every side with rests and a switch between sides."""
    dose = prescription.dose
    base = {"item": item, "exercise_id": exercise.id, "exercise_name": exercise.name}
    steps = [
        Step(
            StepKind.GET_READY,
            seconds=GET_READY_SECONDS,
            prompt=f"Get ready: {exercise.name}",
            **base,
        )
    ]
    order = side_order(prescription)
    for side_number, (side, sets) in enumerate(order):
        if side_number > 0:
            steps.append(
                Step(
                    StepKind.SWITCH_SIDES,
                    seconds=SWITCH_SIDES_SECONDS,
                    prompt=f"Switch sides: now the {side.value} side",
                    side=side,
                    **base,
                )
            )
        for set_index in range(1, sets + 1):
            steps.append(work_step(base, dose, set_index, sets, side))
            if set_index < sets and dose.rest_seconds > 0:
                steps.append(
                    Step(
                        StepKind.REST,
                        seconds=dose.rest_seconds,
                        prompt="Rest",
                        set_index=set_index,
                        sets=sets,
                        side=side,
                        **base,
                    )
                )
    return steps


def work_step(base: dict, dose: Dose, set_index: int, sets: int, side: SetSide) -> Step:
    where = "" if side is SetSide.BOTH else f", {side.value} side"
    label = f"set {set_index} of {sets}{where}"
    if dose.reps is not None:
        phases = rep_phases(dose)
        return Step(
            StepKind.REPS,
            seconds=dose.reps * sum(p.seconds for p in phases),
            prompt=f"{dose.reps} reps, {label}",
            set_index=set_index,
            sets=sets,
            side=side,
            reps=dose.reps,
            hold_seconds=dose.hold_seconds,
            rep_phases=phases,
            **base,
        )
    hold = dose.hold_seconds or 0
    return Step(
        StepKind.HOLD,
        seconds=hold,
        prompt=f"Hold {hold} s, {label}",
        set_index=set_index,
        sets=sets,
        side=side,
        hold_seconds=hold,
        **base,
    )
