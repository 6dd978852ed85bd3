"""People and their preferences."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time

from psoas.domain.catalogue.exercises import Equipment, Level
from psoas.domain.errors import InvalidInput, InvalidValue

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    display_name: str
    created_at: datetime
    timezone: str = "UTC"  # an IANA name; every date and time the person sees is in it
    timezone_chosen: bool = False  # False: personal mode keeps it in step with the machine's zone
    clinician_id: str | None = None  # clinic mode: the clinician who looks after this person
    review_approval: bool = False  # clinic mode: weekly-review changes wait for the clinician


@dataclass(frozen=True, slots=True)
class Preferences:
    """What a plan must fit: time, strength days, equipment, level and days of the week."""

    minutes_per_day: int = 10
    strength_days_per_week: int = 2
    equipment: frozenset[Equipment] = field(default_factory=lambda: frozenset({Equipment.MAT}))
    level: Level = Level.BEGINNER
    preferred_days: tuple[str, ...] = WEEKDAYS
    preferred_time: time = time(18, 0)
    voice: bool = False

    def validate(self) -> None:
        """Raise InvalidInput naming every field that is out of range."""
        problems = []
        if not 5 <= self.minutes_per_day <= 30:
            problems.append(InvalidValue("minutes_per_day", "must be between 5 and 30"))
        if not 0 <= self.strength_days_per_week <= 3:
            problems.append(InvalidValue("strength_days_per_week", "must be between 0 and 3"))
        unknown = [d for d in self.preferred_days if d not in WEEKDAYS]
        if unknown:
            problems.append(
                InvalidValue(
                    "preferred_days", f"unknown day(s) {unknown}; use {', '.join(WEEKDAYS)}"
                )
            )
        if not self.preferred_days:
            problems.append(InvalidValue("preferred_days", "choose at least one day"))
        if problems:
            raise InvalidInput(problems)
