"""Plan preferences: check raw values (minutes, strength days, equipment, level, days) into
``Preferences``, and read the person's saved ones.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from psoas.domain.catalogue.exercises import Equipment, Level
from psoas.domain.errors import InvalidInput, InvalidValue
from psoas.domain.records.people import WEEKDAYS, Preferences
from psoas.services.context import Context


def preferences_from(
    base: Preferences,
    *,
    minutes: int | None = None,
    strength_days: int | None = None,
    equipment: Iterable[str] | None = None,
    level: str | None = None,
    days: Iterable[str] | None = None,
) -> Preferences:
    """``base`` with the given raw values; raises InvalidInput naming each bad field."""
    problems: list[InvalidValue] = []
    changes: dict[str, object] = {}
    if minutes is not None:
        changes["minutes_per_day"] = minutes
    if strength_days is not None:
        changes["strength_days_per_week"] = strength_days
    if equipment is not None:
        names = [e.strip().lower() for e in equipment if e.strip()]
        unknown = [n for n in names if n not in {e.value for e in Equipment}]
        if unknown:
            known = ", ".join(e.value for e in Equipment)
            problems.append(
                InvalidValue("equipment", f"unknown {', '.join(unknown)}; choose from {known}")
            )
        else:
            changes["equipment"] = frozenset(Equipment(n) for n in names)
    if level is not None:
        if level.strip().lower() not in {lv.value for lv in Level}:
            problems.append(
                InvalidValue(
                    "level", f"unknown '{level}'; choose beginner, intermediate or advanced"
                )
            )
        else:
            changes["level"] = Level(level.strip().lower())
    if days is not None:
        changes["preferred_days"] = tuple(_day_name(d) for d in days if d.strip())
    candidate = replace(base, **changes)  # type: ignore[arg-type]
    try:
        candidate.validate()
    except InvalidInput as exc:
        problems.extend(exc.problems)
    if problems:
        raise InvalidInput(problems)
    return replace(
        candidate, preferred_days=tuple(d for d in WEEKDAYS if d in candidate.preferred_days)
    )


def current_preferences(ctx: Context, person_id: str) -> Preferences | None:
    """The saved preferences, or None when the person has not set any yet."""
    with ctx.uow() as uow:
        uow.people.get(person_id)
        return uow.preferences.get(person_id)


_FULL_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _day_name(text: str) -> str:
    """'Monday', 'mon' or 'MON' -> 'mon'; anything else is kept so the error can show it."""
    word = text.strip().lower()
    return word[:3] if word in _FULL_DAYS else word
