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
from collections.abc import Collection, Sequence
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError, OperationalError

from psoas.domain.clinic.caseload import ClientStatus, KeptCaseload, StatusDigest, digest
from psoas.domain.serial import from_primitive, to_primitive
from psoas.storage import clinic_tables as ct
from psoas.storage import raw_reads
from psoas.storage import tables as t
from psoas.storage.repositories import _Repository


def _kept_query() -> Any:
    p, v, r = t.people.c, ct.caseload_versions.c, ct.caseload_rows.c
    joined = t.people.outerjoin(ct.caseload_versions, v.person_id == p.id).outerjoin(
        ct.caseload_rows, r.person_id == p.id
    )
    columns = (p.id, p.display_name, v.version, r.version, r.made_for, r.score)
    columns += (r.needs_attention, r.urgent, r.adherence_percent, r.pain_direction)
    return (
        select(*[c.label(f"c{i}") for i, c in enumerate(columns)])
        .select_from(joined)
        .where(p.clinician_id == bindparam("clinician_id"))
    )


KEPT = _kept_query()  # built once; run on the driver's cursor (a thousand rows, plain values)


class SqlCaseloadRowStore(_Repository):
    def kept(self, clinician_id: str, made_for: str) -> KeptCaseload:
        rows, _ = raw_reads.fetch(self.conn, KEPT, {"clinician_id": clinician_id})
        fresh, stale = [], {}
        for pid, name, current, kept, made, score, needs, urgent, percent, pain in rows:
            if current is not None and kept == current and made == made_for:
                fresh.append(
                    StatusDigest(pid, name, score, bool(needs), bool(urgent), percent, pain)
                )
            else:
                stale[pid] = current
        return KeptCaseload(fresh, stale)

    def statuses(self, person_ids: Collection[str]) -> dict[str, ClientStatus]:
        """The whole kept rows of these clients (those shown on a page)."""
        if not person_ids:
            return {}
        r = ct.caseload_rows.c
        query = select(r.person_id, r.status).where(r.person_id.in_(list(person_ids)))
        return {
            pid: from_primitive(ClientStatus, json.loads(text))
            for pid, text in self.conn.execute(query)
        }

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
    }
