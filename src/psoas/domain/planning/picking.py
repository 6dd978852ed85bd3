"""Picking a plan's exercises: which catalogue choice fills each role of a session, per side.

``Picker`` builds each session's priority list (core picks first, rotated variety after) from
the assessment result, the preferences and the catalogue, and fits it to the minutes of the
day; ``psoas.domain.planning.make`` lays the picked sessions out into weeks.
"""

from __future__ import annotations

from dataclasses import replace

from psoas.domain.catalogue.exercises import Catalogue, Muscle
from psoas.domain.planning.calendar import tighter_side
from psoas.domain.planning.fitting import Item, fit_session
from psoas.domain.planning.phases import ROLE_REASON
from psoas.domain.planning.plans import Prescription, SessionKind, SideHandling
from psoas.domain.planning.retest import self_test_verdict
from psoas.domain.planning.selection import (
    WARM_UP_TAG,
    Choice,
    Role,
    candidates,
    rotate,
    warm_up_first,
)
from psoas.domain.records.measurements import Side
from psoas.domain.records.people import Preferences
from psoas.domain.screening.assessment import AssessmentResult


def _side_handling(choice: Choice, role: Role, tighter: Side | None) -> tuple[SideHandling, str]:
    if not choice.exercise.unilateral:
        return SideHandling.BOTH, ""
    lengthens_hip_flexors = any(m in _HIP_FLEXORS for m in choice.exercise.muscles)
    if role == Role.STRETCH and tighter is not None and lengthens_hip_flexors:
        extra = (
            SideHandling.LEFT_FIRST_EXTRA
            if tighter == Side.LEFT
            else SideHandling.RIGHT_FIRST_EXTRA
        )
        return (
            extra,
            f" Your self-test showed the {tighter} side tighter, so it gets one extra set.",
        )
    return SideHandling.EACH, ""


def _item(choice: Choice, role: Role, core: bool, tighter: Side | None) -> Item:
    e = choice.exercise
    sides, side_reason = _side_handling(choice, role, tighter)
    reason = ROLE_REASON[role] + side_reason
    if choice.replaces:
        reason += f" It replaces {choice.replaces}, which a caution you reported rules out."
    if choice.modification:
        reason += " Done with a change because of a caution you reported."
    dose = replace(e.dose, per_side=e.unilateral)
    prescription = Prescription(
        exercise_id=e.id,
        dose=dose,
        sides=sides,
        reason=reason,
        modification=choice.modification,
        slot=f"{role}:{e.id}",
        core=core,
    )
    return Item(
        prescription,
        e.dose_range,
        core,
        start_usual=core and role not in _WARM_UPS,
        exercise=e,
        warm_up=WARM_UP_TAG in e.tags,
    )


class Picker:
    """Builds each session's priority list: core picks first, rotated variety after."""

    def __init__(self, result: AssessmentResult, prefs: Preferences, catalogue: Catalogue) -> None:
        self.result, self.prefs, self.catalogue = result, prefs, catalogue
        self.tighter = tighter_side(result.sides, result.asymmetry)
        self._cache: dict[tuple[Role, bool], tuple[Choice, ...]] = {}
        self.self_test = self_test_verdict(catalogue, result.cautions)
        self._fitted: dict[tuple[SessionKind, tuple[int, ...], int], tuple[Prescription, ...]] = {}
        self._items: dict[tuple[int, Role, bool], Item] = {}

    def item(self, choice: Choice, role: Role, core: bool) -> Item:
        """``_item``, remembered per choice (the choices live in ``_cache`` for the plan)."""
        key = (id(choice), role, core)
        found = self._items.get(key)
        if found is None:
            found = self._items[key] = _item(choice, role, core, self.tighter)
        return found

    def fit(self, kind: SessionKind, items: list[Item], minutes: int) -> tuple[Prescription, ...]:
        """``fit_session``, remembered: many days of a plan share the same items.

        Fitting follows priority (core work first, so it survives a short session); the
        session is then done warm-up first (exercises tagged ``warm-up``), whatever their
        priority was.
        """
        # by identity: the items come from ``item`` (one object per choice), so equal lists are
        # the same objects, and hashing them field by field cost more than fitting
        key = (kind, tuple(map(id, items)), minutes)
        if key not in self._fitted:
            fitted = fit_session(kind, items, minutes)
            self._fitted[key] = warm_up_first(fitted, self.catalogue)
        return self._fitted[key]

    def options(self, role: Role, gentle: bool) -> tuple[Choice, ...]:
        key = (role, gentle)
        if key not in self._cache:
            self._cache[key] = candidates(
                role, self.catalogue, self.result.cautions, self.prefs, gentle=gentle
            )
        return self._cache[key]

    def items(self, roles: tuple[tuple[Role, bool], ...], turn: int, gentle: bool) -> list[Item]:
        picked: list[Item] = []
        core_roles = [(role, True) for role, core in roles if core]
        varied = [(role, False) for role, core in roles if not core]
        varied = varied[turn % len(varied) :] + varied[: turn % len(varied)] if varied else []
        for role, core in core_roles + varied:
            options = self.options(role, gentle and role in _STRENGTH_ROLES)
            if not options:
                continue
            choice = options[0] if core or len(options) == 1 else rotate(options[1:], turn)[0]
            picked.append(self.item(choice, role, core))
        for role, _core in roles:  # fillers for long sessions, rotated for variety
            options = self.options(role, gentle and role in _STRENGTH_ROLES)
            picked.extend(self.item(c, role, False) for c in rotate(options, turn))
        return picked


_STRENGTH_ROLES = {Role.STABILITY, Role.HIP_FLEXOR_STRENGTH, Role.GLUTE_STRENGTH}
_WARM_UPS = {Role.BREATHING, Role.RELEASE, Role.MOBILITY}
_HIP_FLEXORS = {Muscle.ILIOPSOAS, Muscle.RECTUS_FEMORIS}
