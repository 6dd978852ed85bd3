"""The guided-session timeline: a planned session unrolled into timed steps.

A session becomes get-ready countdowns, hold timers and rep counters per set and side, rests
between sets and "switch sides" prompts, in the order a person does them (the simple
countdown -> exercise -> break flow that follow-along apps such as Feeel use). Durations follow
``psoas.domain.planning.durations`` exactly (its constants and its left-then-right rounds), and
each get-ready lasts what ``psoas.domain.planning.setups`` gives for the change of position and
equipment before it, so the player's clock matches every estimate a person sees. The terminal player and the web player
both read the same steps (as JSON through ``to_primitive``), so the
step types are plain frozen dataclasses.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from psoas.domain.catalogue.exercises import Catalogue, Dose, Exercise
from psoas.domain.planning.durations import DEFAULT_SECONDS_PER_REP, SIDE_SWITCH_SECONDS
from psoas.domain.planning.plans import PlannedSession, Prescription, SideHandling
from psoas.domain.planning.setups import setups_in_order
from psoas.domain.records.session_logs import SetSide
from psoas.domain.sessions.retest_step import SelfTestStep

DEFAULT_LIFT_SECONDS = 1  # a rep without a tempo: lift, then lower slowly
DEFAULT_LOWER_SECONDS = DEFAULT_SECONDS_PER_REP - DEFAULT_LIFT_SECONDS
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
    self_test: SelfTestStep | None = None  # a re-test day's guided self-test, done first

    @property
    def total_seconds(self) -> int:
        return sum(s.seconds for s in self.steps)

    def card(self, item: int) -> ExerciseCard:
        return next(c for c in self.cards if c.item == item)


def rep_phases(dose: Dose) -> tuple[RepPhase, ...]:
    """The timed phases of one rep: the tempo ("2-1-2"), plus any hold inside each rep.

    The total equals ``durations.seconds_per_rep(dose) + hold`` so the player and every time
    estimate agree.
    """
    tempo = parse_tempo(dose.tempo)
    if tempo:
        words = PHASE_WORDS.get(len(tempo), tuple(f"phase {i + 1}" for i in range(len(tempo))))
        phases = [[word, seconds] for word, seconds in zip(words, tempo, strict=True)]
    else:
        phases = [["lift", DEFAULT_LIFT_SECONDS], ["lower", DEFAULT_LOWER_SECONDS]]
    if dose.hold_seconds:
        hold = next((p for p in phases if p[0] == "hold"), None)
        if hold is None:
            phases.insert(1, ["hold", dose.hold_seconds])
        else:
            hold[1] += dose.hold_seconds
    return tuple(RepPhase(word, seconds) for word, seconds in phases if seconds > 0)


def parse_tempo(tempo: str | None) -> tuple[int, ...]:
    """'2-1-2' (or '2/1/2') -> (2, 1, 2); anything unreadable means the default pace."""
    if not tempo:
        return ()
    parts = tempo.replace(" ", "").replace("/", "-").split("-")
    if not all(p.isdigit() for p in parts) or not any(int(p) for p in parts):
        return ()
    return tuple(int(p) for p in parts)


def side_rounds(prescription: Prescription) -> list[list[SetSide]]:
    """The sides of each round: left then right, rests between rounds (as in durations.py)."""
    sets = prescription.dose.sets
    handling = prescription.sides
    if handling is SideHandling.BOTH:
        return [[SetSide.BOTH] for _ in range(sets)]
    left = sets + (handling is SideHandling.LEFT_FIRST_EXTRA)
    right = sets + (handling is SideHandling.RIGHT_FIRST_EXTRA)
    return [
        [side for side, count in ((SetSide.LEFT, left), (SetSide.RIGHT, right)) if n < count]
        for n in range(max(left, right))
    ]


def build_timeline(
    session: PlannedSession, catalogue: Catalogue, self_test: SelfTestStep | None = None
) -> Timeline:
    """Unroll a planned session into cards and steps (raises UnknownExercise for a bad id).

    ``self_test`` is the guided self-test step; it is kept only for a session that asks for it.
    """
    cards: list[ExerciseCard] = []
    steps: list[Step] = []
    exercises = [catalogue.get(p.exercise_id) for p in session.prescriptions]
    setups = setups_in_order(exercises)
    for item, prescription in enumerate(session.prescriptions):
        exercise = exercises[item]
        cards.append(make_card(item, exercise, prescription))
        steps.extend(item_steps(item, exercise, prescription, setups[item]))
    title = session.title or f"{session.kind.value.capitalize()} session"
    guided_test = self_test if session.self_test else None
    return Timeline(session.id, session.date, title, tuple(cards), tuple(steps), guided_test)


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


def item_steps(item: int, exercise: Exercise, prescription: Prescription, setup: int) -> list[Step]:
    """Get ready (``setup`` seconds), then each round of sets (left, switch, right), with rests
    between rounds."""
    dose = prescription.dose
    base = {"item": item, "exercise_id": exercise.id, "exercise_name": exercise.name}
    steps = [Step(StepKind.GET_READY, seconds=setup, prompt=f"Get ready: {exercise.name}", **base)]
    rounds = side_rounds(prescription)
    counts = {side: sum(side in r for r in rounds) for side in SetSide}
    for number, sides in enumerate(rounds, start=1):
        if number > 1 and dose.rest_seconds > 0:
            steps.append(
                Step(
                    StepKind.REST,
                    seconds=dose.rest_seconds,
                    prompt="Rest",
                    set_index=number - 1,
                    sets=len(rounds),
                    **base,
                )
            )
        for position, side in enumerate(sides):
            if position > 0:
                steps.append(
                    Step(
                        StepKind.SWITCH_SIDES,
                        seconds=SIDE_SWITCH_SECONDS,
                        side=side,
                        prompt=f"Switch sides: now the {side.value} side",
                        **base,
                    )
                )
            steps.append(work_step(base, dose, number, counts[side], side))
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
