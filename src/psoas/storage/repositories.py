"""Repositories: the stores of ``psoas.ports`` over one SQLAlchemy connection.

Every query filters by ``person_id``; asking for another person's record by its id raises
NotFound and never reads or changes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import Connection, Table, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from psoas.domain.clinic.caseload_facts import plan_schedule
from psoas.domain.errors import InvalidValue, NotFound
from psoas.domain.habits.breaks import BreakSettings
from psoas.domain.planning.plans import Plan, PlanReview
from psoas.domain.records.measurements import Measurement, MeasurementKind
from psoas.domain.records.people import Person, Preferences
from psoas.domain.records.session_logs import SessionLog
from psoas.domain.screening.assessment import Assessment
from psoas.domain.serial import from_primitive, to_primitive
from psoas.storage import raw_reads
from psoas.storage import tables as t
from psoas.storage.mapping import RecordMapping
from psoas.storage.record_queries import (
    ASSESSMENTS,
    LOG_ORDER,
    LOGS,
    MEASUREMENTS,
    PEOPLE,
    PLAN_ORDER,
    PLANS,
    REVIEWS,
    assessments_query,
    logs_query,
    measurements_query,
    people_query,
    person_query,
    plans_query,
    reviews_query,
)

T = TypeVar("T")


class _Repository:
    """Shared helpers: inserts that name a clashing id, and person-scoped lookups."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def _insert(self, mapping: RecordMapping[Any], obj: Any, what: str) -> None:
        person_id = getattr(obj, "person_id", None)
        if person_id is not None:
            self._require_person(person_id)
        try:
            with self.conn.begin_nested():
                self.conn.execute(insert(mapping.table), [mapping.to_row(obj)])
        except IntegrityError:
            raise InvalidValue("id", f"a {what} with id '{obj.id}' already exists") from None

    def _require_person(self, person_id: str) -> None:
        found = self.conn.execute(select(t.people.c.id).where(t.people.c.id == person_id)).first()
        if found is None:
            raise NotFound(f"No person with id '{person_id}'.")

    def _one(self, mapping: RecordMapping[T], person_id: str, record_id: str, what: str) -> T:
        table = mapping.table
        row = self.conn.execute(
            mapping.select().where(table.c.id == record_id, table.c.person_id == person_id)
        ).first()
        if row is None:
            raise NotFound(f"No {what} with id '{record_id}' for this person.")
        return mapping.from_row(row)

    def _replace(self, mapping: RecordMapping[Any], obj: Any, what: str) -> None:
        table = mapping.table
        result = self.conn.execute(
            update(table)
            .where(table.c.id == obj.id, table.c.person_id == obj.person_id)
            .values(**mapping.to_row(obj))
        )
        if result.rowcount == 0:
            raise NotFound(f"No {what} with id '{obj.id}' for this person.")

    def _many(self, mapping: RecordMapping[T], query: Any, **params: Any) -> list[T]:
        # all() fetches every row at once (fetchall), cheaper per row than iterating
        return mapping.from_rows(self.conn.execute(query, params).all())

    def _read(self, mapping: RecordMapping[T], query: Any, **params: Any) -> list[T]:
        """A prebuilt reading query of ``record_queries``, run on the driver's cursor."""
        rows, layout = raw_reads.fetch(self.conn, query, params)
        return mapping.from_raw_rows(rows, layout)

    def _read_ordered(
        self,
        mapping: RecordMapping[T],
        queries: tuple[Any, Any],
        keys: Sequence[str],
        **params: Any,
    ) -> list[T]:
        """``_read`` of ``queries[0]``, ordered by ``keys``; on SQLite its ``by_index`` twin
        ``queries[1]`` runs instead (no temporary sorter) and the order is finished here."""
        query, by_index = queries
        if self.conn.dialect.name != "sqlite":
            return self._read(mapping, query, **params)
        rows, layout = raw_reads.fetch(self.conn, by_index, params)
        try:
            raw_reads.finish_order(rows, [layout.names.index(key) for key in keys])
        except TypeError:  # values of different kinds in one column: SQLite orders them
            rows, layout = raw_reads.fetch(self.conn, query, params)
        return mapping.from_raw_rows(rows, layout)


class SqlPersonStore(_Repository):
    def add(self, person: Person) -> None:
        self._insert(PEOPLE, person, "person")

    def get(self, person_id: str) -> Person:
        found = self.find(person_id)
        if found is None:
            raise NotFound(f"No person with id '{person_id}'.")
        return found

    def find(self, person_id: str) -> Person | None:
        found = self._read(PEOPLE, person_query(), person_id=person_id)
        return found[0] if found else None

    def list(self) -> Sequence[Person]:
        return self._read(PEOPLE, people_query())

    def update(self, person: Person) -> None:
        row = PEOPLE.to_row(person)
        result = self.conn.execute(update(t.people).where(t.people.c.id == person.id).values(**row))
        if result.rowcount == 0:
            raise NotFound(f"No person with id '{person.id}'.")

    def delete(self, person_id: str) -> None:
        result = self.conn.execute(delete(t.people).where(t.people.c.id == person_id))
        if result.rowcount == 0:
            raise NotFound(f"No person with id '{person_id}'.")


class SqlAssessmentStore(_Repository):
    def add(self, assessment: Assessment) -> None:
        self._insert(ASSESSMENTS, assessment, "assessment")

    def update(self, assessment: Assessment) -> None:
        self._replace(ASSESSMENTS, assessment, "assessment")

    def get(self, person_id: str, assessment_id: str) -> Assessment:
        return self._one(ASSESSMENTS, person_id, assessment_id, "assessment")

    def latest(self, person_id: str) -> Assessment | None:
        found = self.list(person_id)
        return found[-1] if found else None

    def list(self, person_id: str) -> Sequence[Assessment]:
        return self._read(ASSESSMENTS, assessments_query(), person_id=person_id)


class SqlPlanStore(_Repository):
    def save(self, plan: Plan) -> None:
        c = t.plans.c
        owner = self.conn.execute(select(c.person_id).where(c.id == plan.id)).scalar()
        if owner is None:
            self._insert(PLANS, plan, "plan")
        elif owner == plan.person_id:
            self._replace(PLANS, plan, "plan")
        else:
            raise InvalidValue("id", f"a plan with id '{plan.id}' already exists")
        self._save_schedule(plan)

    def _save_schedule(self, plan: Plan) -> None:
        """The plan's sessions by day, for the clinic's caseload (replaced with the plan)."""
        c = t.plan_sessions.c
        self.conn.execute(delete(t.plan_sessions).where(c.plan_id == plan.id))
        rows = [
            {"plan_id": plan.id, "session_id": sid, "person_id": plan.person_id, "day": day,
             "kind": kind}
            for sid, day, kind in plan_schedule(plan)
        ]  # fmt: skip
        if rows:
            self.conn.execute(insert(t.plan_sessions), rows)

    def get(self, person_id: str, plan_id: str) -> Plan:
        return self._one(PLANS, person_id, plan_id, "plan")

    def latest(self, person_id: str) -> Plan | None:
        found = self._read(PLANS, plans_query(latest=True), person_id=person_id)
        return found[0] if found else None

    def list(self, person_id: str) -> Sequence[Plan]:
        queries = (plans_query(latest=False), plans_query(latest=False, by_index=True))
        return self._read_ordered(PLANS, queries, PLAN_ORDER, person_id=person_id)


class SqlReviewStore(_Repository):
    def add(self, review: PlanReview) -> None:
        self._insert(REVIEWS, review, "plan review")

    def update(self, review: PlanReview) -> None:
        self._replace(REVIEWS, review, "plan review")

    def list(self, person_id: str, plan_id: str | None = None) -> Sequence[PlanReview]:
        if plan_id is None:
            return self._read(REVIEWS, reviews_query(False), person_id=person_id)
        return self._read(REVIEWS, reviews_query(True), person_id=person_id, plan_id=plan_id)


class SqlSessionLogStore(_Repository):
    def add(self, log: SessionLog) -> None:
        self._insert(LOGS, log, "session log")

    def update(self, log: SessionLog) -> None:
        self._replace(LOGS, log, "session log")

    def get(self, person_id: str, log_id: str) -> SessionLog:
        return self._one(LOGS, person_id, log_id, "session log")

    def list(
        self, person_id: str, since: date | None = None, until: date | None = None
    ) -> Sequence[SessionLog]:
        params = {"since": since, "until": until}
        given = {name: value for name, value in params.items() if value is not None}
        shape = (since is not None, until is not None)
        queries = (logs_query(*shape), logs_query(*shape, by_index=True))
        return self._read_ordered(LOGS, queries, LOG_ORDER, person_id=person_id, **given)


class SqlMeasurementStore(_Repository):
    def add(self, measurement: Measurement) -> None:
        self._insert(MEASUREMENTS, measurement, "measurement")

    def list(
        self, person_id: str, kind: MeasurementKind | None = None, since: date | None = None
    ) -> Sequence[Measurement]:
        params = {"kind": None if kind is None else kind.value, "since": since}
        given = {name: value for name, value in params.items() if value is not None}
        query = measurements_query(kind is not None, since is not None)
        return self._read(MEASUREMENTS, query, person_id=person_id, **given)

    def delete(self, person_id: str, measurement_id: str) -> None:
        c = t.measurements.c
        result = self.conn.execute(
            delete(t.measurements).where(c.id == measurement_id, c.person_id == person_id)
        )
        if result.rowcount == 0:
            raise NotFound(f"No measurement with id '{measurement_id}' for this person.")


class _OnePerPerson(_Repository):
    """A settings value kept once per person in a (person_id, data) table."""

    table: Table
    cls: type

    def get(self, person_id: str) -> Any:
        c = self.table.c
        data = self.conn.execute(select(c.data).where(c.person_id == person_id)).scalar()
        return None if data is None else from_primitive(self.cls, data)

    def set(self, person_id: str, value: Any) -> None:
        self._require_person(person_id)
        c = self.table.c
        data = to_primitive(value)
        changed = self.conn.execute(
            update(self.table).where(c.person_id == person_id).values(data=data)
        )
        if changed.rowcount == 0:
            self.conn.execute(insert(self.table), [{"person_id": person_id, "data": data}])


class SqlPreferenceStore(_OnePerPerson):
    table = t.preferences
    cls = Preferences


class SqlReminderStore(_OnePerPerson):
    table = t.reminder_settings
    cls = BreakSettings
