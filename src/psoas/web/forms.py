"""Parsing form and JSON fields into Python values, collecting one message per field.

Only the shape is checked here (is it a number, a date, one of the allowed words); ranges and
rules are the domain's, and its InvalidValue/InvalidInput errors are mapped back onto the same
fields, so a form shows every problem next to its field with the values kept.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from typing import Any, TypeVar

from psoas.domain.errors import InvalidInput, InvalidValue, PsoasError

E = TypeVar("E", bound=StrEnum)
MAX_TEXT = 2000


class FormReader:
    """Reads fields from a form, remembering the first problem of each field."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.data = data
        self.errors: dict[str, str] = {}

    def text(self, name: str, *, max_length: int = MAX_TEXT) -> str:
        value = str(self.data.get(name) or "").strip()
        if len(value) > max_length:
            self.errors[name] = f"must be at most {max_length} characters"
        return value[:max_length]

    def integer(self, name: str, *, required: bool = False) -> int | None:
        raw = str(self.data.get(name) or "").strip()
        if not raw:
            if required:
                self.errors[name] = "is required"
            return None
        try:
            return int(raw)
        except ValueError:
            self.errors[name] = f"'{raw}' is not a whole number"
            return None

    def number(self, name: str, *, required: bool = False) -> float | None:
        raw = str(self.data.get(name) or "").strip().replace(",", ".")
        if not raw:
            if required:
                self.errors[name] = "is required"
            return None
        try:
            value = float(raw)
        except ValueError:
            self.errors[name] = f"'{raw}' is not a number"
            return None
        if not math.isfinite(value):
            self.errors[name] = "must be a finite number"
            return None
        return value

    def day(self, name: str, *, default: date | None = None) -> date | None:
        raw = str(self.data.get(name) or "").strip()
        if not raw:
            if default is None:
                self.errors[name] = "is required"
            return default
        try:
            return date.fromisoformat(raw)
        except ValueError:
            self.errors[name] = f"'{raw}' is not a date (YYYY-MM-DD)"
            return default

    def choice(self, name: str, enum: type[E], *, required: bool = True) -> E | None:
        raw = str(self.data.get(name) or "").strip()
        if not raw:
            if required:
                self.errors[name] = "choose one"
            return None
        try:
            return enum(raw)
        except ValueError:
            self.errors[name] = f"'{raw}' is not one of {', '.join(m.value for m in enum)}"
            return None

    def flag(self, name: str) -> bool:
        return str(self.data.get(name) or "").lower() in ("on", "true", "1", "yes")

    def raise_if_errors(self) -> None:
        if self.errors:
            raise InvalidInput([InvalidValue(k, v) for k, v in self.errors.items()])


def field_errors(
    exc: PsoasError, aliases: Mapping[str, str] | None = None, *, last_part: bool = False
) -> dict[str, str]:
    """{field: problem} from a domain error; ``aliases`` maps domain fields to form fields and
    ``last_part`` keeps only the last part of a dotted path ('hip_angle.left.side' -> 'side')."""
    problems = exc.problems if isinstance(exc, InvalidInput) else (exc,)
    errors: dict[str, str] = {}
    for p in problems:
        if isinstance(p, InvalidValue):
            field = p.field.rsplit(".", 1)[-1] if last_part else p.field
            name = (aliases or {}).get(field, field)
            errors.setdefault(name, p.problem)
        else:
            errors.setdefault("form", p.message)
    return errors
