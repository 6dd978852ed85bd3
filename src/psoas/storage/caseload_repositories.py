"""Clinic caseload stores: plan changes each side sees, alerts the clinician marked seen, plan
templates, and the clinician's notes (visits and red-flag follow-up)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import Select, bindparam, delete, func, insert, select, update

from psoas.domain.errors import NotFound
from psoas.domain.records.clinical import ChangedBy, ClinicalNote, PlanChange, PlanTemplate
from psoas.storage import clinic_tables as ct
from psoas.storage.mapping import RecordMapping
from psoas.storage.repositories import _Repository

CHANGES = RecordMapping(
    PlanChange, ct.plan_changes, ("id", "person_id", "at", "by_role", "seen_at")
)
TEMPLATES = RecordMapping(PlanTemplate, ct.plan_templates, ("id", "owner_id", "name", "created_at"))
NOTES = RecordMapping(ClinicalNote, ct.clinical_notes, ("id", "person_id", "at", "kind"))


@cache
def _unseen_query() -> Select[Any]:
    """Built once (Today asks on every uncached visit); the values are bound per call."""
    c = ct.plan_changes.c
    return (
        select(ct.plan_changes)
        .where(
            c.person_id == bindparam("person_id"),
            c.by_role == bindparam("by_role"),
            c.seen_at.is_(None),
        )
        .order_by(c.at, c.id)
    )


class SqlPlanChangeStore(_Repository):
    def add(self, change: PlanChange) -> None:
        self._insert(CHANGES, change, "plan change")

    def unseen(self, person_id: str, by_role: ChangedBy) -> Sequence[PlanChange]:
        """Changes made by ``by_role`` that the other side has not seen yet (oldest first)."""
        return self._many(CHANGES, _unseen_query(), person_id=person_id, by_role=by_role.value)

    def recent(self, person_id: str, limit: int = 10) -> Sequence[PlanChange]:
        c = ct.plan_changes.c
        query = (
            select(ct.plan_changes)
            .where(c.person_id == person_id)
            .order_by(c.at.desc(), c.id)
            .limit(limit)
        )
        return self._many(CHANGES, query)

    def mark_seen(self, person_id: str, by_role: ChangedBy, at: datetime) -> int:
        c = ct.plan_changes.c
        result = self.conn.execute(
            update(ct.plan_changes)
            .where(c.person_id == person_id, c.by_role == by_role.value, c.seen_at.is_(None))
            .values(seen_at=at)
        )
        return int(result.rowcount or 0)


class SqlAlertMarkStore(_Repository):
    """When the clinician last marked a client's alerts seen (one row per client)."""

    def get(self, person_id: str) -> datetime | None:
        c = ct.alert_marks.c
        return self.conn.execute(select(c.seen_at).where(c.person_id == person_id)).scalar()

    def set(self, person_id: str, seen_at: datetime) -> None:
        self._require_person(person_id)
        c = ct.alert_marks.c
        self.conn.execute(delete(ct.alert_marks).where(c.person_id == person_id))
        self.conn.execute(
            insert(ct.alert_marks), [{"person_id": person_id, "seen_at": seen_at, "data": {}}]
        )


class SqlTemplateStore(_Repository):
    def add(self, template: PlanTemplate) -> None:
        self._insert(TEMPLATES, template, "template")

    def list(self, owner_id: str) -> Sequence[PlanTemplate]:
        c = ct.plan_templates.c
        query = select(ct.plan_templates).where(c.owner_id == owner_id).order_by(c.name, c.id)
        return self._many(TEMPLATES, query)

    def get(self, owner_id: str, template_id: str) -> PlanTemplate:
        c = ct.plan_templates.c
        row = self.conn.execute(
            select(ct.plan_templates).where(c.id == template_id, c.owner_id == owner_id)
        ).first()
        if row is None:
            raise NotFound("No such template among yours.")
        return TEMPLATES.from_row(row)

    def count_named(self, owner_id: str, name: str) -> int:
        c = ct.plan_templates.c
        query = select(func.count()).where(
            c.owner_id == owner_id, func.lower(c.name) == name.lower()
        )
        return int(self.conn.execute(query).scalar() or 0)

    def delete(self, owner_id: str, template_id: str) -> None:
        c = ct.plan_templates.c
        self.conn.execute(
            delete(ct.plan_templates).where(c.id == template_id, c.owner_id == owner_id)
        )


class SqlClinicalNoteStore(_Repository):
    def add(self, note: ClinicalNote) -> None:
        self._insert(NOTES, note, "note")

    def list(self, person_id: str) -> Sequence[ClinicalNote]:
        """Oldest first."""
        c = ct.clinical_notes.c
        query = select(ct.clinical_notes).where(c.person_id == person_id).order_by(c.at, c.id)
        return self._many(NOTES, query)
