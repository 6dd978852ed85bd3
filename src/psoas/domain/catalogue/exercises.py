"""Exercises, key poses and the catalogue that holds them (doses are in ``doses.py``; ``Dose``
and ``DoseRange`` can still be imported from here).

These are the words of DESIGN.md section 3. Everything here is a frozen value; the catalogue
adapter (``psoas.catalogue``) validates the data files and builds these objects.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from psoas.domain.catalogue.doses import Dose, DoseRange
from psoas.domain.errors import UnknownExercise


class Category(StrEnum):
    RELEASE = "release"
    BREATHING = "breathing"
    MOBILITY = "mobility"
    STRETCH = "stretch"
    STRENGTH = "strength"
    STABILITY = "stability"


class Position(StrEnum):
    STANDING = "standing"
    KNEELING = "kneeling"
    HALF_KNEELING = "half_kneeling"
    SUPINE = "supine"
    PRONE = "prone"
    SIDE_LYING = "side_lying"
    SEATED = "seated"
    QUADRUPED = "quadruped"
    BENCH_EDGE = "bench_edge"


class Level(StrEnum):
    BEGINNER = "beginner"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"

    @property
    def rank(self) -> int:
        return list(Level).index(self)


class Equipment(StrEnum):
    MAT = "mat"
    CUSHION = "cushion"
    MASSAGE_BALL = "massage_ball"
    SPIKY_BALL = "spiky_ball"
    FOAM_ROLLER = "foam_roller"
    RESISTANCE_BAND = "resistance_band"
    MINI_BAND = "mini_band"
    YOGA_BLOCK = "yoga_block"
    ANKLE_WEIGHTS = "ankle_weights"
    BENCH = "bench"
    STEP = "step"
    CHAIR = "chair"
    WALL = "wall"
    SOFA = "sofa"


class Muscle(StrEnum):
    ILIOPSOAS = "iliopsoas"
    RECTUS_FEMORIS = "rectus_femoris"
    TFL = "tfl"
    SARTORIUS = "sartorius"
    GLUTEUS_MAXIMUS = "gluteus_maximus"
    GLUTEUS_MEDIUS = "gluteus_medius"
    HAMSTRINGS = "hamstrings"
    QUADRICEPS = "quadriceps"
    ADDUCTORS = "adductors"
    CALVES = "calves"
    DEEP_CORE = "deep_core"
    OBLIQUES = "obliques"
    RECTUS_ABDOMINIS = "rectus_abdominis"
    ERECTOR_SPINAE = "erector_spinae"
    QUADRATUS_LUMBORUM = "quadratus_lumborum"
    DIAPHRAGM = "diaphragm"
    PELVIC_FLOOR = "pelvic_floor"
    LATISSIMUS = "latissimus"
    THORACIC_EXTENSORS = "thoracic_extensors"


class Caution(StrEnum):
    """The closed vocabulary of caution codes (documented in docs/catalogue-format.md)."""

    HIP_REPLACEMENT_ANTERIOR = "hip_replacement_anterior"
    HIP_REPLACEMENT_POSTERIOR = "hip_replacement_posterior"
    PREGNANCY = "pregnancy"
    PREGNANCY_LATE = "pregnancy_late"
    OSTEOPOROSIS = "osteoporosis"
    KNEE_PAIN_KNEELING = "knee_pain_kneeling"
    POOR_BALANCE = "poor_balance"
    ACUTE_BACK_FLARE = "acute_back_flare"
    WRIST_PAIN = "wrist_pain"
    RECENT_SURGERY_OR_INJURY = "recent_surgery_or_injury"


class CautionAction(StrEnum):
    AVOID = "avoid"  # never prescribe while the caution applies
    MODIFY = "modify"  # prescribe only with the named modification


@dataclass(frozen=True, slots=True)
class ExerciseCaution:
    code: Caution
    action: CautionAction
    note: str  # why, in plain words; for MODIFY, what to change
    substitute: str | None = None  # a safer exercise id to use instead, if any


class SourceStrength(StrEnum):
    PRIMARY = "primary"
    SECONDARY = "secondary"
    UNCONFIRMED = "unconfirmed"


@dataclass(frozen=True, slots=True)
class Source:
    citation: str
    strength: SourceStrength = SourceStrength.PRIMARY
    supports: str = ""  # what this source backs: "dose", "caution", "technique" ...


@dataclass(frozen=True, slots=True)
class LimbAngles:
    """Joint angles of one side, in degrees (conventions in docs/catalogue-format.md)."""

    hip: float = 0.0
    knee: float = 0.0
    ankle: float = 0.0
    shoulder: float = 0.0
    elbow: float = 0.0


@dataclass(frozen=True, slots=True)
class Pose:
    """A side-view stick-figure pose described by joint angles.

    ``trunk`` is the angle of the pelvis-to-neck line from upright; positive leans toward the
    direction the figure faces, -90 is lying on the back, 90 lying face down.
    ``contact`` names the body points resting on ``support``. ``holds`` pairs a hand with
    what it grips or rests on (a limb segment such as ``right_shin`` or a prop such as
    ``chair``), so the illustration tests can check that the hand really is there.
    """

    name: str
    trunk: float
    left: LimbAngles
    right: LimbAngles
    contact: tuple[str, ...] = ()
    support: str = "floor"
    neck: float = 0.0
    props: tuple[str, ...] = ()
    holds: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Exercise:
    id: str
    name: str
    summary: str
    category: Category
    position: Position
    muscles: tuple[Muscle, ...]
    equipment: tuple[Equipment, ...]
    level: Level
    unilateral: bool
    dose: Dose
    dose_range: DoseRange
    steps: tuple[str, ...]
    cues: tuple[str, ...]
    mistakes: tuple[str, ...]
    breathing: str
    easier: tuple[str, ...] = ()
    harder: tuple[str, ...] = ()
    cautions: tuple[ExerciseCaution, ...] = ()
    sources: tuple[Source, ...] = ()
    poses: tuple[Pose, ...] = ()
    tags: tuple[str, ...] = ()

    def caution_for(self, code: Caution) -> ExerciseCaution | None:
        return next((c for c in self.cautions if c.code == code), None)


@dataclass(frozen=True)
class Catalogue:
    """All exercises by id, with lookups the planner, CLI and web share."""

    exercises: Mapping[str, Exercise] = field(default_factory=dict)

    def __iter__(self) -> Iterator[Exercise]:
        return iter(sorted(self.exercises.values(), key=lambda e: (e.category, e.name)))

    def __len__(self) -> int:
        return len(self.exercises)

    def __contains__(self, slug: object) -> bool:
        return slug in self.exercises

    def names(self) -> dict[str, str]:
        """Each exercise's name by its id (no sorting, unlike iterating the catalogue)."""
        return {slug: exercise.name for slug, exercise in self.exercises.items()}

    def get(self, slug: str) -> Exercise:
        try:
            return self.exercises[slug]
        except KeyError:
            raise UnknownExercise(slug, self.suggest(slug)) from None

    def suggest(self, slug: str, limit: int = 3) -> tuple[str, ...]:
        names = list(self.exercises)
        close = difflib.get_close_matches(slug, names, n=limit, cutoff=0.5)
        if not close:
            close = [n for n in names if slug and slug.replace("_", "-") in n][:limit]
        return tuple(close)

    def filter(
        self,
        *,
        category: Category | None = None,
        equipment: Equipment | None = None,
        position: Position | None = None,
        level: Level | None = None,
        muscle: Muscle | None = None,
    ) -> list[Exercise]:
        def keep(e: Exercise) -> bool:
            return (
                (category is None or e.category == category)
                and (equipment is None or equipment in e.equipment)
                and (position is None or e.position == position)
                and (level is None or e.level == level)
                and (muscle is None or muscle in e.muscles)
            )

        return [e for e in self if keep(e)]

    def ladder(self, slug: str) -> tuple[str, ...]:
        """The progression ladder through ``slug``: easiest first (first variant at each step)."""
        down: list[str] = []
        current = self.get(slug)
        seen = {slug}
        while current.easier and current.easier[0] not in seen:
            current = self.get(current.easier[0])
            seen.add(current.id)
            down.append(current.id)
        up: list[str] = []
        current = self.get(slug)
        while current.harder and current.harder[0] not in seen:
            current = self.get(current.harder[0])
            seen.add(current.id)
            up.append(current.id)
        return (*reversed(down), slug, *up)

    def unresolved_references(self) -> list[tuple[str, str]]:
        """(exercise id, missing id) for every easier/harder/substitute pointing nowhere."""
        missing = []
        for e in self.exercises.values():
            refs: Iterable[str] = (
                *e.easier,
                *e.harder,
                *(c.substitute for c in e.cautions if c.substitute),
            )
            missing.extend((e.id, r) for r in refs if r not in self.exercises)
        return missing
