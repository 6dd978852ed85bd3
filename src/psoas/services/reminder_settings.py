"""Reminder settings: apply raw values from the CLI or a form to the saved sitting-break and
session reminder settings, with one error per bad field.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import time

from psoas.domain.errors import InvalidInput, InvalidValue
from psoas.domain.habits.breaks import BreakSettings, QuietPeriod
from psoas.domain.records.people import WEEKDAYS
from psoas.services.context import Context
from psoas.services.people import get_reminders, set_reminders


def _clock_time(field: str, raw: str) -> time:
    try:
        return time.fromisoformat(raw.strip())
    except ValueError:
        raise InvalidValue(field, f"'{raw}' is not a time like 09:00") from None


def _quiet(raw: str, index: int) -> QuietPeriod:
    start, sep, end = raw.partition("-")
    if not sep:
        raise InvalidValue(f"quiet[{index}]", f"'{raw}' is not a period like 12:00-13:00")
    return QuietPeriod(_clock_time(f"quiet[{index}]", start), _clock_time(f"quiet[{index}]", end))


def configure_reminders(
    ctx: Context, person_id: str, changes: Mapping[str, object]
) -> BreakSettings:
    """Apply raw values (from the CLI or a form) to the saved settings; one error per bad field.

    Keys: enabled, days (list of mon..sun), start, end ("HH:MM"), interval, snooze (minutes),
    quiet (list of "HH:MM-HH:MM"), session_reminder (bool), session_at ("HH:MM").
    """
    current = get_reminders(ctx, person_id)
    updates: dict[str, object] = {}
    problems: list[InvalidValue] = []

    def attempt(field: str, build: Callable[[], object]) -> None:
        try:
            updates[field] = build()
        except InvalidValue as exc:
            problems.append(exc)

    simple = {"enabled": "enabled", "interval": "interval_minutes", "snooze": "snooze_minutes"}
    for key, field in simple.items():
        if changes.get(key) is not None:
            updates[field] = changes[key]
    if changes.get("session_reminder") is not None:
        updates["session_reminder"] = changes["session_reminder"]
    if changes.get("days") is not None:
        days = [str(d).strip().lower()[:3] for d in changes["days"]]  # type: ignore[union-attr]
        updates["working_days"] = tuple(d for d in WEEKDAYS if d in days)
        unknown = [d for d in days if d not in WEEKDAYS]
        if unknown:
            problems.append(InvalidValue("days", f"unknown day(s) {unknown}; use mon..sun"))
    for key, field in (
        ("start", "work_start"),
        ("end", "work_end"),
        ("session_at", "session_reminder_time"),
    ):
        if changes.get(key) is not None:
            attempt(field, lambda key=key, field=field: _clock_time(key, str(changes[key])))
    if changes.get("quiet") is not None:
        attempt(
            "quiet_periods",
            lambda: tuple(_quiet(str(q), i) for i, q in enumerate(changes["quiet"])),
        )  # type: ignore[arg-type]
    candidate = replace(current, **updates)  # type: ignore[arg-type]
    try:
        candidate.validate()
    except InvalidInput as exc:
        problems.extend(exc.problems)
    if problems:
        raise InvalidInput(problems)
    return set_reminders(ctx, person_id, candidate)
