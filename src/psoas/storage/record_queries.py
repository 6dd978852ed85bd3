"""The record mappings of the personal tables and the reading queries built on them.

``PEOPLE``, ``ASSESSMENTS``, ``PLANS``, ``REVIEWS``, ``LOGS`` and ``MEASUREMENTS`` map domain
records to table rows; the ``*_query`` functions build each person-scoped reading query once
(with bound parameters) for the stores in ``psoas.storage.repositories``.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import Select, bindparam

from psoas.domain.clinic.caseload_facts import log_pain_facts
from psoas.domain.planning.plans import Plan, PlanReview
from psoas.domain.records.measurements import Measurement
from psoas.domain.records.people import Person
from psoas.domain.records.session_logs import SessionLog
from psoas.domain.screening.assessment import Assessment
from psoas.storage import tables as t
from psoas.storage.mapping import RecordMapping

PEOPLE = RecordMapping(
    Person, t.people, ("id", "display_name", "created_at", "timezone", "clinician_id")
)
ASSESSMENTS = RecordMapping(
    Assessment,
    t.assessments,
    ("id", "person_id", "taken_at", "clinician_cleared_at"),
    derived={
        "rules_version": lambda a: a.result.rules_version,
        "triage": lambda a: a.result.triage.value,
    },
)
PLANS = RecordMapping(
    Plan,
    t.plans,
    ("id", "person_id", "assessment_id", "created_at", "start", "version", "stopped_reason"),
)
REVIEWS = RecordMapping(
    PlanReview, t.plan_reviews, ("id", "person_id", "plan_id", "week_index", "created_at", "stop")
)
LOG_COLUMNS = (
    "id",
    "person_id",
    "session_date",
    "started_at",
    "finished_at",
    "plan_id",
    "session_id",
    "pain_before",
    "pain_during",
    "pain_after",
    "next_morning_pain",
    "effort",
    "completed",
)
LOGS = RecordMapping(
    SessionLog,
    t.session_logs,
    LOG_COLUMNS,
    derived={  # what the clinic's alerts look at (psoas.storage.caseload_queries)
        "peak_pain": lambda log: log_pain_facts(log)[0],
        "peak_during": lambda log: log_pain_facts(log)[1],
        "pain_stops": lambda log: log_pain_facts(log)[2],
    },
)
MEASUREMENTS = RecordMapping(
    Measurement,
    t.measurements,
    ("id", "person_id", "kind", "value", "unit", "method", "taken_at", "side", "label"),
)


# The reading queries, built once each (with bound parameters) instead of on every call: an
# uncached page runs a couple of dozen of them, and building a statement and its cache key cost
# more than SQLite takes to answer it.


@cache
def person_query() -> Select[Any]:
    return PEOPLE.select().where(t.people.c.id == bindparam("person_id"))


@cache
def people_query() -> Select[Any]:
    """Everyone, oldest first (personal mode's one person is the first)."""
    return PEOPLE.select().order_by(t.people.c.created_at, t.people.c.id)


@cache
def assessments_query() -> Select[Any]:
    c = t.assessments.c
    return (
        ASSESSMENTS.select().where(c.person_id == bindparam("person_id")).order_by(c.taken_at, c.id)
    )


# A query ordered by more than its index holds makes SQLite pass every whole row, with its JSON
# document, through a temporary sorter; ordered by the index alone, the rows come straight from
# it. The ``by_index`` variants do that, and the repository finishes the order by the rest of
# the keys (``PLAN_ORDER``, ``LOG_ORDER``) among the rows that share the index's key.
PLAN_ORDER = ("created_at", "id")
LOG_ORDER = ("session_date", "started_at", "id")


@cache
def plans_query(latest: bool, by_index: bool = False) -> Select[Any]:
    c = t.plans.c
    query = PLANS.select().where(c.person_id == bindparam("person_id"))
    if latest:
        return query.order_by(c.created_at.desc(), c.id.desc()).limit(1)
    return query.order_by(c.created_at) if by_index else query.order_by(c.created_at, c.id)


@cache
def reviews_query(by_plan: bool) -> Select[Any]:
    c = t.plan_reviews.c
    query = REVIEWS.select().where(c.person_id == bindparam("person_id"))
    if by_plan:
        query = query.where(c.plan_id == bindparam("plan_id"))
    return query.order_by(c.created_at, c.id)


@cache
def logs_query(since: bool, until: bool, by_index: bool = False) -> Select[Any]:
    c = t.session_logs.c
    query = LOGS.select().where(c.person_id == bindparam("person_id"))
    if since:
        query = query.where(c.session_date >= bindparam("since"))
    if until:
        query = query.where(c.session_date <= bindparam("until"))
    if by_index:
        return query.order_by(c.session_date)
    return query.order_by(c.session_date, c.started_at, c.id)


@cache
def measurements_query(by_kind: bool, since: bool) -> Select[Any]:
    c = t.measurements.c
    query = MEASUREMENTS.select().where(c.person_id == bindparam("person_id"))
    if by_kind:
        query = query.where(c.kind == bindparam("kind"))
    if since:
        query = query.where(c.taken_at >= bindparam("since"))  # a date means its midnight in UTC
    return query.order_by(c.taken_at, c.id)
