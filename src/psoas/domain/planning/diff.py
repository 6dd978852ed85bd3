"""What changed between two versions of a plan, in lines a person can read."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date

from psoas.domain.catalogue.exercises import Dose
from psoas.domain.planning.building import days_text, items_in
from psoas.domain.planning.plans import Plan
from psoas.domain.records.clinical import BuildItem

SIDE_WORDS = {
    "both": "both at once",
    "each": "each side",
    "left_extra": "each side, +1 set left",
    "right_extra": "each side, +1 set right",
}


def item_text(item: BuildItem) -> str:
    """'2 x 30 s each side, Mon, Wed, Fri, weeks 1-6'."""
    dose = Dose(item.sets, item.reps, item.hold_seconds, per_side=item.sides != "both")
    weeks = (
        f"week {item.first_week}"
        if item.first_week == item.last_week
        else f"weeks {item.first_week}-{item.last_week}"
    )
    return f"{dose.describe()}, {days_text(item.days)}, {weeks}"


def plan_changes(
    old: Plan | None, new: Plan, names: Mapping[str, str], from_day: date
) -> list[str]:
    """One line per exercise added, removed or changed from ``from_day`` on."""
    before = {i.exercise_id: i for i in items_in(old, from_day)} if old else {}
    after = {i.exercise_id: i for i in items_in(new, from_day)}
    lines = []
    for eid, item in after.items():
        name = names.get(eid, eid)
        if eid not in before:
            note = f" Note: {item.note}" if item.note else ""
            lines.append(f"Added {name}: {item_text(item)}.{note}")
            continue
        if replace(before[eid], note=item.note) != item:
            lines.append(f"Changed {name}: {item_text(before[eid])} -> {item_text(item)}.")
        if item.note and item.note != before[eid].note:
            lines.append(f"Note on {name}: {item.note}")
    lines += [f"Removed {names.get(eid, eid)}." for eid in before if eid not in after]
    return lines
