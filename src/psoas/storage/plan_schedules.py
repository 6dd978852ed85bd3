"""A person's plans as schedules: each plan's start and its sessions' days and kinds, read from
``plan_sessions`` (written with every plan, see ``SqlPlanStore.save``) without the plans' JSON
documents. Progress counts sessions over every plan a person ever had; a year of plans is
about a megabyte of documents, their schedules a few hundred short rows."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import cache
from typing import Any

from sqlalchemy import Connection, Select, bindparam, select

from psoas.domain.planning.plans import PlanSchedule, ScheduledSession, SessionKind
from psoas.storage import tables as t

KINDS = {kind.value: kind for kind in SessionKind}


@cache
def schedule_query() -> Select[Any]:
    """Every plan of a person, oldest first (as the plan list), with its sessions; a plan
    without sessions still comes, once, with none (its start still replaces older plans)."""
    p, s = t.plans.c, t.plan_sessions.c
    return (
        select(p.id, p.start, s.session_id, s.day, s.kind)
        .select_from(t.plans.outerjoin(t.plan_sessions, s.plan_id == p.id))
        .where(p.person_id == bindparam("person_id"))
        .order_by(p.created_at, p.id, s.day, s.session_id)
    )


def read_schedules(conn: Connection, person_id: str) -> Sequence[PlanSchedule]:
    found: dict[str, tuple[date, list[ScheduledSession]]] = {}
    for plan_id, start, session_id, day, kind in conn.execute(
        schedule_query(), {"person_id": person_id}
    ).all():
        sessions = found.setdefault(plan_id, (start, []))[1]
        if session_id is not None:
            sessions.append(ScheduledSession(session_id, day, KINDS[kind]))
    return [PlanSchedule(plan_id, start, tuple(s)) for plan_id, (start, s) in found.items()]
