"""Doses: sets x (reps | hold seconds), per side or not, with rest; and the range a plan may move
a dose within. Part of an exercise's catalogue entry (DESIGN.md section 3)."""

from __future__ import annotations

from dataclasses import dataclass

from psoas.domain.errors import InvalidValue


@dataclass(frozen=True, slots=True)
class Dose:
    """Sets x (reps | hold seconds), per side or not, with rest between sets."""

    sets: int
    reps: int | None = None
    hold_seconds: int | None = None
    per_side: bool = False
    rest_seconds: int = 30
    tempo: str | None = None  # e.g. "2-2-2": up, pause, down, in seconds

    def __post_init__(self) -> None:
        if self.sets < 1:
            raise InvalidValue("dose.sets", "must be at least 1")
        if self.reps is None and self.hold_seconds is None:
            raise InvalidValue("dose", "needs reps or hold_seconds")
        if self.reps is not None and self.reps < 1:
            raise InvalidValue("dose.reps", "must be at least 1")
        if self.hold_seconds is not None and self.hold_seconds < 1:
            raise InvalidValue("dose.hold_seconds", "must be at least 1")
        if self.rest_seconds < 0:
            raise InvalidValue("dose.rest_seconds", "must not be negative")

    @property
    def sides(self) -> int:
        return 2 if self.per_side else 1

    def describe(self) -> str:
        """Plain text such as '2 x 30 s each side' or '3 x 10 reps'."""
        if self.reps is not None and self.hold_seconds is not None:
            work = f"{self.reps} reps, hold {self.hold_seconds} s"
        elif self.reps is not None:
            work = f"{self.reps} reps"
        else:
            work = _seconds_text(self.hold_seconds or 0)
        side = " each side" if self.per_side else ""
        return f"{self.sets} x {work}{side}"


def _seconds_text(seconds: int) -> str:
    if seconds >= 120 and seconds % 60 == 0:
        return f"{seconds // 60} min"
    return f"{seconds} s"


@dataclass(frozen=True, slots=True)
class DoseRange:
    """The allowed range a plan may move a dose within."""

    sets: tuple[int, int]
    reps: tuple[int, int] | None = None
    hold_seconds: tuple[int, int] | None = None
