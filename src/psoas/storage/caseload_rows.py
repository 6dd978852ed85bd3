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


def _scan_query() -> Any:
    """One pass over the clinician's clients: each client whose kept row is missing or out of
    use on its own (with the version to compute it from), and the others grouped by what the
    caseload's counts need of them."""
    p, v, r = t.people.c, ct.caseload_versions.c, ct.caseload_rows.c
    joined = t.people.outerjoin(ct.caseload_versions, v.person_id == p.id).outerjoin(
        ct.caseload_rows, r.person_id == p.id
    )
    fresh = and_(r.version == v.version, r.made_for == bindparam("made_for"))
    keys = (r.adherence_percent, r.pain_direction, r.needs_attention, r.urgent)
    mine = (
        select(
            case((fresh, None), else_=p.id).label("stale_id"),
            case((fresh, None), else_=v.version).label("stale_version"),
            *[case((fresh, key), else_=None).label(key.name) for key in keys],
        )
        .select_from(joined)
        .where(p.clinician_id == bindparam("clinician_id"))
        .subquery("mine")
    )
    return select(*mine.c, func.count()).group_by(*mine.c)


SCAN = _scan_query()  # built once; run on the driver's cursor (a few dozen rows)


class SqlCaseloadRowStore(_Repository):
    def scan(
        self, clinician_id: str, made_for: str
    ) -> tuple[dict[str, int | None], list[tuple[CountKey, int]]]:
        """The clients whose kept row for ``made_for`` is missing or out of use, each with the
        version a new row is computed from (None: no version yet), and the others counted by
        what the caseload's counts need of them."""
        params = {"clinician_id": clinician_id, "made_for": made_for}
        rows, _ = raw_reads.fetch(self.conn, SCAN, params)
        stale, groups = {}, []
        for pid, version, percent, pain, needs, urgent, n in rows:
            if pid is not None:
                stale[pid] = version
            else:
                groups.append(((percent, pain, bool(needs), bool(urgent)), n))
        return stale, groups

    def page(
        self, clinician_id: str, made_for: str, first: int, size: int | None
    ) -> list[ClientStatus]:
        """The kept rows for ``made_for`` of the clinician's clients in the list's order (most
        urgent first, then by name and id, compared code point by code point as the domain's
        ``by_attention`` does), from place ``first`` (from 0), ``size`` of them (None: all)."""
        p, r = t.people.c, ct.caseload_rows.c
        byte_wise = "C" if self.conn.dialect.name == "postgresql" else "BINARY"
        places = (
            select(r.person_id, r.score, r.sort_name)
            .select_from(ct.caseload_rows.join(t.people, p.id == r.person_id))
            .where(p.clinician_id == clinician_id, r.made_for == made_for)
        )
        order = (r.score.desc(), r.sort_name.collate(byte_wise), r.person_id.collate(byte_wise))
        places = places.order_by(*order).offset(first)
        if size is not None:
            places = places.limit(size)
        shown = places.subquery("shown")  # ordered and cut on the narrow columns alone
        s = shown.c
        query = (
            select(r.status)
            .join(shown, s.person_id == r.person_id)
            .order_by(
                s.score.desc(), s.sort_name.collate(byte_wise), s.person_id.collate(byte_wise)
            )
        )
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
