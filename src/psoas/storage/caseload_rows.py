"""The caseload's kept rows: each client's computed place on the attention list, used while it
is still true.

Database triggers (migration 0013) add one to a person's ``caseload_versions.version`` in the
same transaction as every write to the records the attention list reads, whichever process or
code path writes. A kept row remembers the version it was computed from and what it assumed
(``made_for``: the day, the clinic's settings and the rules), so it is used only while both
still hold; otherwise the client is computed again from the records.

The version is read before the records, so a row computed while a write lands is kept with
the older version and recomputed on the next read: never used stale.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import and_, bindparam, case, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError, OperationalError

from psoas.domain.clinic.caseload import (
    ClientStatus,
    CountKey,
    digest,
    sort_name,
)
from psoas.domain.serial import from_primitive, to_primitive
from psoas.storage import clinic_tables as ct
from psoas.storage import raw_reads
from psoas.storage import tables as t
from psoas.storage.repositories import _Repository


def _stale_query() -> Any:
    """The clients whose kept row is missing or out of use, with the version to compute them
    from and how many clients the clinician has (counted before the out-of-use are picked)."""
    p, v, r = t.people.c, ct.caseload_versions.c, ct.caseload_rows.c
    joined = t.people.outerjoin(ct.caseload_versions, v.person_id == p.id).outerjoin(
        ct.caseload_rows, r.person_id == p.id
    )
    fresh = and_(r.version == v.version, r.made_for == bindparam("made_for"))
    mine = (
        select(
            p.id.label("id"),
            v.version.label("version"),
            case((fresh, 1), else_=0).label("fresh"),
            func.count().over().label("clients"),
        )
        .select_from(joined)
        .where(p.clinician_id == bindparam("clinician_id"))
        .subquery("mine")
    )
    return select(mine.c.id, mine.c.version, mine.c.clients).where(mine.c.fresh == 0)


def _counted_query() -> Any:
    """The clinician's clients grouped by what the caseload's counts need; clients without a
    kept row for ``made_for`` come as one group with no pain direction."""
    p, r = t.people.c, ct.caseload_rows.c
    kept = and_(r.person_id == p.id, r.made_for == bindparam("made_for"))
    keys = (r.adherence_percent, r.pain_direction, r.needs_attention, r.urgent)
    return (
        select(*keys, func.count())
        .select_from(t.people.outerjoin(ct.caseload_rows, kept))
        .where(p.clinician_id == bindparam("clinician_id"))
        .group_by(*keys)
    )


STALE = _stale_query()
COUNTED = _counted_query()


class SqlCaseloadRowStore(_Repository):
    def stale(self, clinician_id: str, made_for: str) -> tuple[dict[str, int | None], int]:
        """The clients whose kept row is missing or out of use, each with the version a new
        row is computed from (None: no version yet), and how many clients there are (0 when
        none is out of use: then it is not needed)."""
        params = {"clinician_id": clinician_id, "made_for": made_for}
        rows, _ = raw_reads.fetch(self.conn, STALE, params)
        return {pid: version for pid, version, _ in rows}, rows[0][2] if rows else 0

    def counted(self, clinician_id: str, made_for: str) -> tuple[list[tuple[CountKey, int]], int]:
        """The clients with a kept row for ``made_for``, grouped as the caseload's counts need
        them, and how many clients have none."""
        params = {"clinician_id": clinician_id, "made_for": made_for}
        rows, _ = raw_reads.fetch(self.conn, COUNTED, params)
        groups, missing = [], 0
        for percent, pain, needs, urgent, n in rows:
            if pain is None:
                missing += n
            else:
                groups.append(((percent, pain, bool(needs), bool(urgent)), n))
        return groups, missing

    def page(
        self, clinician_id: str, made_for: str, first: int, size: int | None
    ) -> list[ClientStatus]:
        """The kept rows for ``made_for`` of the clinician's clients in the list's order (most
        urgent first, then by name and id, compared code point by code point as the domain's
        ``by_attention`` does), from place ``first`` (from 0), ``size`` of them (None: all)."""
        p, r = t.people.c, ct.caseload_rows.c
        byte_wise = "C" if self.conn.dialect.name == "postgresql" else "BINARY"
        query = (
            select(r.status)
            .select_from(ct.caseload_rows.join(t.people, p.id == r.person_id))
            .where(p.clinician_id == clinician_id, r.made_for == made_for)
            .order_by(
                r.score.desc(), r.sort_name.collate(byte_wise), r.person_id.collate(byte_wise)
            )
            .offset(first)
        )
        if size is not None:
            query = query.limit(size)
        return [
            from_primitive(ClientStatus, json.loads(text)) for (text,) in self.conn.execute(query)
        ]

    def keep(self, rows: Sequence[tuple[ClientStatus, int]], made_for: str) -> bool:
        """Keep freshly computed rows with the versions they were computed from. A client
        deleted meanwhile (or a lock the database gave up on) leaves them unkept: the next
        read computes them again. Returns whether they were kept."""
        if not rows:
            return True
        values = [_row(status, version, made_for) for status, version in rows]
        values.sort(key=lambda row: row["person_id"])  # one lock order for every writer
        dialect = postgresql if self.conn.dialect.name == "postgresql" else sqlite
        statement = dialect.insert(ct.caseload_rows)
        statement = statement.on_conflict_do_update(
            index_elements=["person_id"],
            set_={name: statement.excluded[name] for name in values[0] if name != "person_id"},
        )
        try:
            with self.conn.begin_nested():
                self.conn.execute(statement, values)
        except (IntegrityError, OperationalError):
            return False
        return True


def _row(status: ClientStatus, version: int, made_for: str) -> dict[str, object]:
    d = digest(status)
    return {
        "person_id": status.person_id,
        "version": version,
        "made_for": made_for,
        "score": d.score,
        "needs_attention": d.needs_attention,
        "urgent": d.urgent,
        "adherence_percent": d.adherence_percent,
        "pain_direction": d.pain_direction,
        "status": json.dumps(to_primitive(status), separators=(",", ":")),
        "sort_name": sort_name(status.display_name),
    }
