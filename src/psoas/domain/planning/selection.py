"""Which exercises a person may do, and which ones fill each role in a session.

Exercises are chosen by category, muscles, level, equipment and tags, never by hard-coded
slugs, so the planner keeps working as the catalogue grows. A caution that applies to the
person either removes an exercise (``avoid``: its ``substitute`` is tried instead) or keeps
it with the catalogue's modification note attached (``modify``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from psoas.domain.catalogue.exercises import (
    Catalogue,
    Category,
    Caution,
    CautionAction,
    Equipment,
    Exercise,
    Muscle,
)
from psoas.domain.planning.plans import Prescription
from psoas.domain.records.people import Preferences

# Items every home has; an exercise needing only these (plus the person's own kit) is allowed.
HOUSEHOLD_EQUIPMENT = frozenset({Equipment.WALL, Equipment.CHAIR})
CORE_TAGS = ("core-routine", "mini-routine")  # the seeds' short routines
_MAX_SUBSTITUTE_HOPS = 3


class Role(StrEnum):
    """The job an exercise does in a session."""

    BREATHING = "breathing"
    RELEASE = "release"
    STRETCH = "stretch"
    MOBILITY = "mobility"
    STABILITY = "stability"
    HIP_FLEXOR_STRENGTH = "hip_flexor_strength"
    GLUTE_STRENGTH = "glute_strength"


_HIP_FLEXORS = (Muscle.ILIOPSOAS, Muscle.RECTUS_FEMORIS, Muscle.TFL)
_GLUTES = (Muscle.GLUTEUS_MAXIMUS, Muscle.GLUTEUS_MEDIUS)


def _primary(e: Exercise) -> Muscle | None:
    return e.muscles[0] if e.muscles else None


ROLE_TEST: dict[Role, Callable[[Exercise], bool]] = {
    Role.BREATHING: lambda e: e.category == Category.BREATHING,
    Role.RELEASE: lambda e: e.category == Category.RELEASE,
    Role.STRETCH: lambda e: e.category == Category.STRETCH,
    Role.MOBILITY: lambda e: e.category == Category.MOBILITY,
    Role.STABILITY: lambda e: e.category == Category.STABILITY,
    Role.HIP_FLEXOR_STRENGTH: lambda e: (
        e.category == Category.STRENGTH and any(m in e.muscles for m in _HIP_FLEXORS)
    ),
    Role.GLUTE_STRENGTH: lambda e: (
        e.category == Category.STRENGTH and any(m in e.muscles for m in _GLUTES)
    ),
}

# Which muscles make an exercise a better fit for a role (earlier = better).
ROLE_FOCUS: dict[Role, tuple[Muscle, ...]] = {
    Role.STRETCH: (Muscle.ILIOPSOAS, Muscle.RECTUS_FEMORIS, Muscle.TFL),
    Role.RELEASE: (Muscle.ILIOPSOAS, Muscle.RECTUS_FEMORIS, Muscle.TFL),
    Role.BREATHING: (Muscle.DIAPHRAGM, Muscle.DEEP_CORE),
    Role.MOBILITY: (Muscle.ILIOPSOAS, Muscle.THORACIC_EXTENSORS),
    Role.STABILITY: (Muscle.DEEP_CORE, Muscle.ILIOPSOAS),
    Role.HIP_FLEXOR_STRENGTH: (Muscle.ILIOPSOAS, Muscle.RECTUS_FEMORIS),
    Role.GLUTE_STRENGTH: (Muscle.GLUTEUS_MAXIMUS, Muscle.GLUTEUS_MEDIUS),
}


@dataclass(frozen=True, slots=True)
class Choice:
    """An exercise the person may do, with the modification a caution asks for."""

    exercise: Exercise
    modification: str = ""
    replaces: str | None = None  # the avoided exercise this one substitutes


def has_equipment(e: Exercise, prefs: Preferences) -> bool:
    available = prefs.equipment | HOUSEHOLD_EQUIPMENT
    return all(item in available for item in e.equipment)


def within_level(e: Exercise, prefs: Preferences, stretch: int = 0) -> bool:
    return e.level.rank <= prefs.level.rank + stretch


def caution_verdict(e: Exercise, cautions: frozenset[Caution]) -> tuple[bool, str, str | None]:
    """(allowed, modification notes, substitute id) for the cautions that apply."""
    notes: list[str] = []
    for code in sorted(cautions):
        rule = e.caution_for(code)
        if rule is None:
            continue
        if rule.action == CautionAction.AVOID:
            return False, "", rule.substitute
        notes.append(rule.note)
    return True, " ".join(notes), None


def resolve(
    e: Exercise,
    catalogue: Catalogue,
    cautions: frozenset[Caution],
    prefs: Preferences,
    *,
    level_stretch: int = 0,
) -> Choice | None:
    """The safe choice for ``e``: itself, modified, its substitute, or None."""
    original = e.id
    seen: set[str] = set()
    current: Exercise | None = e
    for _ in range(_MAX_SUBSTITUTE_HOPS):
        if current is None or current.id in seen:
            return None
        seen.add(current.id)
        allowed, notes, substitute = caution_verdict(current, cautions)
        fits_person = has_equipment(current, prefs) and within_level(current, prefs, level_stretch)
        if allowed and fits_person:
            replaces = original if current.id != original else None
            return Choice(current, notes, replaces)
        if allowed or substitute is None or substitute not in catalogue:
            return None
        current = catalogue.get(substitute)
    return None


def _rank_key(role: Role, e: Exercise, target_level: int) -> tuple[int, int, int, str]:
    focus = ROLE_FOCUS[role]
    primary = _primary(e)
    focus_rank = focus.index(primary) if primary in focus else len(focus)
    core = 0 if any(t in e.tags for t in CORE_TAGS) else 1
    return (focus_rank, core, abs(e.level.rank - target_level), e.id)


def candidates(
    role: Role,
    catalogue: Catalogue,
    cautions: frozenset[Caution],
    prefs: Preferences,
    *,
    gentle: bool = False,
) -> tuple[Choice, ...]:
    """Safe exercises for ``role``, best first; ``gentle`` prefers the easiest level."""
    target = 0 if gentle else prefs.level.rank
    matching = sorted(
        (e for e in catalogue if ROLE_TEST[role](e)), key=lambda e: _rank_key(role, e, target)
    )
    chosen: dict[str, Choice] = {}
    for e in matching:
        choice = resolve(e, catalogue, cautions, prefs)
        if choice is not None and ROLE_TEST[role](choice.exercise):
            chosen.setdefault(choice.exercise.id, choice)
    return tuple(chosen.values())


def rotate(items: Iterable[Choice], turn: int) -> tuple[Choice, ...]:
    """The same items starting at position ``turn`` (for variety across the week)."""
    seq = tuple(items)
    if not seq:
        return seq
    k = turn % len(seq)
    return seq[k:] + seq[:k]


WARM_UP_TAG = "warm-up"


def warm_up_first(
    prescriptions: tuple[Prescription, ...], catalogue: Catalogue
) -> tuple[Prescription, ...]:
    """The same prescriptions with the warm-ups moved to the start (order otherwise kept)."""

    def is_warm_up(p: Prescription) -> bool:
        return p.exercise_id in catalogue and WARM_UP_TAG in catalogue.get(p.exercise_id).tags

    return tuple(sorted(prescriptions, key=lambda p: not is_warm_up(p)))
