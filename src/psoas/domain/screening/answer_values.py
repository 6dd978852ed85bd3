"""The kinds of answer a screening question takes, and how a raw answer becomes its canonical
stored value: one function per kind, dispatched by ``questions.coerce_answer``.

Raw answers come natively (JSON/YAML: bool, numbers, lists, dates) or as typed text (a
prompt, a form). Stored values are JSON-ready primitives: bool, int, float, str, list of str,
ISO dates ("2026-01-31") and times ("18:00"). A value that does not fit raises ``Misfit``
with the reason; the caller names the question.
"""

from __future__ import annotations

import difflib
import re
from datetime import date, time, timedelta
from enum import StrEnum
from typing import Any, Protocol


class AnswerType(StrEnum):
    YES_NO = "yes_no"
    SINGLE_CHOICE = "single_choice"
    MULTI_CHOICE = "multi_choice"
    INTEGER = "integer"
    NUMBER = "number"
    DATE = "date"
    TEXT = "text"
    TIME = "time"


def format_number(value: float | None) -> str:
    if value is None:
        return "?"
    return str(int(value)) if float(value).is_integer() else str(value)


YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0"}
TIME_TEXT = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
RELATIVE_DATE = re.compile(r"^(\d{1,4}) +(day|week)s? +ago$")
DAYS_PER = {"day": 1, "week": 7}


class Question(Protocol):
    """What a converter reads from a question (``questions.Question`` has it); a protocol here
    keeps this module free of an import back to ``questions``, which imports it."""

    @property
    def type(self) -> AnswerType: ...
    @property
    def required(self) -> bool: ...
    @property
    def minimum(self) -> float | None: ...
    @property
    def maximum(self) -> float | None: ...
    @property
    def max_items(self) -> int | None: ...
    @property
    def exclusive(self) -> tuple[str, ...]: ...
    @property
    def values(self) -> tuple[str, ...]: ...

    def allowed(self) -> str: ...


class Misfit(Exception):
    """A raw answer that does not fit its question; the message says why."""


def yes_no(q: Question, raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in YES:
        return True
    if text in NO:
        return False
    raise Misfit(f"expected yes or no, got {raw!r}")


def choice_value(q: Question, raw: Any) -> str:
    if not isinstance(raw, str | int) or isinstance(raw, bool):
        raise Misfit(f"expected one of {', '.join(q.values)}, got {raw!r}")
    text = str(raw).strip().lower().replace(" ", "_").replace("-", "_")
    if text in q.values:
        return text
    close = difflib.get_close_matches(text, q.values, n=1)
    hint = f" Did you mean '{close[0]}'?" if close else ""
    raise Misfit(f"'{raw}' is not allowed.{hint} Allowed: {', '.join(q.values)}")


def multi_choice(q: Question, raw: Any) -> list[str]:
    items = [p for p in raw.split(",") if p.strip()] if isinstance(raw, str) else raw
    if not isinstance(items, list | tuple):
        raise Misfit(f"expected a list of {', '.join(q.values)}, got {raw!r}")
    chosen: list[str] = []
    for item in items:
        value = choice_value(q, item)
        if value not in chosen:
            chosen.append(value)
    if q.required and not chosen:
        raise Misfit("choose at least one")
    lonely = [v for v in chosen if v in q.exclusive]
    if lonely and len(chosen) > 1:
        raise Misfit(f"'{lonely[0]}' cannot be combined with other choices")
    if q.max_items is not None and len(chosen) > q.max_items:
        raise Misfit(f"choose at most {q.max_items}")
    return [v for v in q.values if v in chosen]  # catalogue order: deterministic


def number_value(q: Question, raw: Any) -> float | int:
    if isinstance(raw, bool):
        raise Misfit(f"expected {q.allowed()}, got {raw!r}")
    try:
        value = float(str(raw).strip()) if isinstance(raw, str) else float(raw)
    except (TypeError, ValueError):
        raise Misfit(f"expected {q.allowed()}, got {raw!r}") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise Misfit(f"expected {q.allowed()}, got {raw!r}")
    if q.type == AnswerType.INTEGER:
        if not value.is_integer():
            raise Misfit(f"expected a whole number, got {raw!r}")
        value = int(value)
    if (q.minimum is not None and value < q.minimum) or (
        q.maximum is not None and value > q.maximum
    ):
        raise Misfit(f"{format_number(value)} is out of range; expected {q.allowed()}")
    return value


def date_value(q: Question, raw: Any, today: date | None = None) -> str:
    if isinstance(raw, date):
        return raw.isoformat()
    text = " ".join(str(raw).split()).lower()
    relative = RELATIVE_DATE.match(text)
    if relative and today is not None:
        days = int(relative.group(1)) * DAYS_PER[relative.group(2)]
        return (today - timedelta(days=days)).isoformat()
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        how = " or a time ago such as '8 weeks ago'" if today is not None else ""
        raise Misfit(f"expected a date as YYYY-MM-DD{how}, got {raw!r}") from None


def time_value(q: Question, raw: Any) -> str:
    if isinstance(raw, time):
        return raw.strftime("%H:%M")
    match = TIME_TEXT.match(str(raw).strip()) if isinstance(raw, str) else None
    if not match:
        hint = " (in YAML, put the time in quotes)" if isinstance(raw, int) else ""
        raise Misfit(f"expected a time as HH:MM, got {raw!r}{hint}")
    return f"{int(match.group(1)):02d}:{match.group(2)}"


def text_value(q: Question, raw: Any) -> str:
    if not isinstance(raw, str | int | float) or isinstance(raw, bool):
        raise Misfit(f"expected text, got {raw!r}")
    text = " ".join(str(raw).split())
    if q.max_items is not None and len(text) > q.max_items:
        raise Misfit(f"too long: at most {q.max_items} characters")
    return text
