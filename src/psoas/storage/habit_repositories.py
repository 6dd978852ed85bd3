"""Stores for sitting-break outcomes and daily habit ticks, person-scoped like the others."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from functools import cache
from typing import Any

from sqlalchemy import Select, bindparam, delete, insert, select

from psoas.domain.habits.breaks import BreakEvent
from psoas.domain.habits.checklist import HabitTick
from psoas.storage import tables as t
from psoas.storage.mapping import RecordMapping
from psoas.storage.repositories import _Repository

BREAK_EVENTS = RecordMapping(
    BreakEvent, t.break_events, ("id", "person_id", "due_at", "outcome", "recorded_at")
)
HABIT_TICKS = RecordMapping(HabitTick, t.habit_ticks, ("person_id", "day", "habit_id"))


class SqlBreakEventStore(_Repository):
    def add(self, event: BreakEvent) -> None:
        self._insert(BREAK_EVENTS, event, "break event")

    def list(self, person_id: str, since: datetime | None = None) -> Sequence[BreakEvent]:
        c = t.break_events.c
        query = select(t.break_events).where(c.person_id == person_id)
        if since is not None:
            query = query.where(c.due_at >= since)
        return self._many(BREAK_EVENTS, query.order_by(c.due_at, c.recorded_at, c.id))


class SqlHabitStore(_Repository):
    def tick(self, tick: HabitTick) -> None:
        """Mark a habit done on a day; ticking twice changes nothing."""
        self._require_person(tick.person_id)
        c = t.habit_ticks.c
        exists = self.conn.execute(
            select(c.person_id).where(
                c.person_id == tick.person_id, c.day == tick.day, c.habit_id == tick.habit_id
            )
        ).first()
        if exists is None:
            self.conn.execute(insert(t.habit_ticks), [HABIT_TICKS.to_row(tick)])

    def untick(self, person_id: str, day: date, habit_id: str) -> None:
        c = t.habit_ticks.c
        self.conn.execute(
            delete(t.habit_ticks).where(
                c.person_id == person_id, c.day == day, c.habit_id == habit_id
            )
        )

    def list(self, person_id: str, since: date | None = None) -> Sequence[HabitTick]:
        if since is None:
            return self._many(HABIT_TICKS, _ticks_query(False), person_id=person_id)
        return self._many(HABIT_TICKS, _ticks_query(True), person_id=person_id, since=since)


@cache
def _ticks_query(since: bool) -> Select[Any]:
    """Built once per shape (every uncached page with habits asks); values bound per call."""
    c = t.habit_ticks.c
    query = select(t.habit_ticks).where(c.person_id == bindparam("person_id"))
    if since:
        query = query.where(c.day >= bindparam("since"))
    return query.order_by(c.day, c.habit_id)
