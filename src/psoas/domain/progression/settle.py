"""Keeping a reviewed session inside the person's minutes.

After the review carries last week's doses into next week, a session that gained new work
(a new phase) can run long. New work gives way first (lower dose within range, then dropped),
then carried work is trimmed; every trimmed prescription says so in its change reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from psoas.domain.catalogue.exercises import Catalogue
from psoas.domain.planning.durations import budget_bounds, session_seconds
from psoas.domain.planning.fitting import shrink_once
from psoas.domain.planning.plans import Change, Prescription, SessionKind
from psoas.domain.planning.selection import warm_up_first

_TRIMMED = " Trimmed to fit your minutes per day."


def _smaller(p: Prescription, catalogue: Catalogue) -> Prescription | None:
    if p.exercise_id not in catalogue:
        return None
    dose = shrink_once(p.dose, catalogue.get(p.exercise_id).dose_range)
    return None if dose is None else replace(p, dose=dose)


def _note(p: Prescription) -> Prescription:
    reason = p.change_reason if p.change_reason.endswith(_TRIMMED) else p.change_reason + _TRIMMED
    return replace(p, change_reason=reason)


def settle_session(
    kind: SessionKind, prescriptions: Sequence[Prescription], minutes: int, catalogue: Catalogue
) -> tuple[Prescription, ...]:
    """The prescriptions, trimmed if needed so the session is at most 10 % over ``minutes``."""
    items = list(prescriptions)
    high = budget_bounds(minutes)[1]
    while _seconds(kind, items, catalogue) > high and items:
        if (
            not _shrink_one(items, catalogue, new_only=True)
            and not _drop_new(items)
            and not _shrink_one(items, catalogue, new_only=False)
        ):
            items.pop()
    return tuple(items)


def _seconds(kind: SessionKind, items: list[Prescription], catalogue: Catalogue) -> int:
    """The estimate in the order the session is done (warm-ups first): set-ups depend on it."""
    return session_seconds(kind, warm_up_first(tuple(items), catalogue), catalogue.exercises)


def _shrink_one(items: list[Prescription], catalogue: Catalogue, *, new_only: bool) -> bool:
    for index in reversed(range(len(items))):
        p = items[index]
        if new_only and p.change != Change.NEW:
            continue
        smaller = _smaller(p, catalogue)
        if smaller is not None:
            items[index] = _note(smaller)
            return True
    return False


def _drop_new(items: list[Prescription]) -> bool:
    for index in reversed(range(len(items))):
        if items[index].change == Change.NEW and len(items) > 1:
            items.pop(index)
            return True
    return False
