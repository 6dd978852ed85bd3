"""The plan laid out as calendar weeks, Monday to Sunday, for the plan page.

Presentation only: a plan may start on any weekday, so its weeks are regrouped into the
Monday-to-Sunday rows people know from a wall calendar; days outside the plan are left empty.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from psoas.domain.planning.plans import Plan, PlannedSession


@dataclass(frozen=True)
class CalendarDay:
    day: date
    session: PlannedSession | None  # None: the plan has no day here (before start, after end)


@dataclass(frozen=True)
class CalendarWeek:
    monday: date
    days: tuple[CalendarDay, ...]  # seven, Monday first
    phases: tuple[str, ...]  # the plan weeks' phases that fall in this row, in order
    focus: str
    current: bool

    @property
    def active_days(self) -> int:
        return sum(1 for d in self.days if d.session and d.session.kind.value != "rest")

    @property
    def minutes(self) -> int:
        seconds = sum(d.session.estimated_seconds for d in self.days if d.session)
        return round(seconds / 60)


def calendar_weeks(plan: Plan, today: date) -> list[CalendarWeek]:
    """Monday-to-Sunday rows covering every day of the plan."""
    by_day = {s.date: s for s in plan.sessions()}
    phase_of = {s.date: (w.phase, w.focus) for w in plan.weeks for s in w.sessions}
    if not by_day:
        return []
    first, last = min(by_day), max(by_day)
    monday = first - timedelta(days=first.weekday())
    rows = []
    while monday <= last:
        days = tuple(
            CalendarDay(monday + timedelta(days=i), by_day.get(monday + timedelta(days=i)))
            for i in range(7)
        )
        phases = [phase_of[d.day] for d in days if d.day in phase_of]
        names = tuple(dict.fromkeys(p for p, _ in phases))
        focus = phases[-1][1] if phases else ""
        current = monday <= today < monday + timedelta(days=7)
        rows.append(CalendarWeek(monday, days, names, focus, current))
        monday += timedelta(days=7)
    if rows and not any(r.current for r in rows):
        target = 0 if today < rows[0].monday else len(rows) - 1
        rows[target] = CalendarWeek(**{**rows[target].__dict__, "current": True})
    return rows
