"""What changed between two versions of a plan, in lines a person can read."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date

from psoas.domain.catalogue.exercises import Dose
from psoas.domain.planning.building import days_text, items_in
from psoas.domain.planning.plans import Plan
from psoas.domain.records.clinical import BuildItem
from psoas.domain.records.session_logs import LogEvent, LogEventRecord, SessionLog

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


def swap_lines(
    log: SessionLog, names: Mapping[str, str], already: Sequence[LogEventRecord] = ()
) -> list[str]:
    """One line per "easier" swap the client made in the session player (skipping ``already``).

    The player's event detail reads "<from> -> <to> at pain <n>/10"."""
    lines = []
    for event in log.events:
        if event.kind is not LogEvent.SWITCHED_TO_EASIER or event in already:
            continue
        _, _, rest = event.detail.partition(" -> ")
        to_id, _, pain = rest.partition(" at pain ")
        old_name = names.get(event.exercise_id, event.exercise_id)
        line = f"Swapped {old_name} for the easier {names.get(to_id.strip(), 'variant')}"
        line += f" in the session on {log.session_date:%d %b}"
        lines.append(line + (f" (pain {pain.strip()})." if pain.strip() else "."))
    return lines
