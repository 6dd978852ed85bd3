"""The preferences form on the Settings page: reading it, and showing its values back with errors."""

from __future__ import annotations

from dataclasses import replace
from datetime import time
from types import SimpleNamespace
from typing import Any

from psoas.domain.catalogue.exercises import Equipment, Level
from psoas.domain.records.people import WEEKDAYS, Preferences
from psoas.web.forms import FormReader


def read_preferences(data_in: Any, current: Preferences) -> Preferences:
    """Preferences from a submitted form (multi-valued fields via getlist)."""
    form = FormReader(data_in)
    minutes = form.integer("minutes_per_day", required=True)
    strength = form.integer("strength_days_per_week", required=True)
    level = form.choice("level", Level)
    equipment = []
    for raw in data_in.getlist("equipment"):
        try:
            equipment.append(Equipment(raw))
        except ValueError:
            form.errors["equipment"] = f"'{raw}' is not a kind of equipment"
    preferred_time = current.preferred_time
    raw_time = form.text("preferred_time", max_length=8)
    if raw_time:
        try:
            preferred_time = time.fromisoformat(raw_time)
        except ValueError:
            form.errors["preferred_time"] = f"'{raw_time}' is not a time (HH:MM)"
    form.raise_if_errors()
    return replace(
        current,
        minutes_per_day=minutes or 0,
        strength_days_per_week=strength if strength is not None else 0,
        equipment=frozenset(equipment),
        level=level or current.level,
        preferred_days=tuple(d for d in WEEKDAYS if d in data_in.getlist("preferred_days")),
        preferred_time=preferred_time,
        voice=form.flag("voice"),
    )


def shown_values(form: Any, current: Preferences) -> SimpleNamespace:
    """The submitted values to show again next to their errors."""
    return SimpleNamespace(
        minutes_per_day=form.get("minutes_per_day", ""),
        strength_days_per_week=form.get("strength_days_per_week", ""),
        level=form.get("level", current.level),
        equipment=set(form.getlist("equipment")),
        preferred_days=tuple(form.getlist("preferred_days")),
        preferred_time=form.get("preferred_time", ""),
        voice=bool(form.get("voice")),
    )
