"""Audit-log benchmark (clinic mode): the cost of auditing a client's own page views, and the
admin's filtered page, count and full CSV export as the log grows.

    python benchmarks/audit.py                        # 100,000 entries on SQLite
    python benchmarks/audit.py --rows 500000 --backend postgresql

Prints: audit rows written per client view, the mean time of a client's GET /api/logs with
the own-access audit and with it bypassed, the time of the first page (and its count) with and
without filters, and the export's time and peak Python memory (tracemalloc) for all rows and
for a tenth of them: a flat peak means the CSV streams. Entries go in with Core executemany.
PostgreSQL uses PSOAS_TEST_POSTGRES_URL in its own schema, dropped afterwards. Never part of
the test run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import insert, text

from psoas.bootstrap import Argon2Hasher, build_context
from psoas.config import get_settings
from psoas.domain.clinic.accounts import AuditAction, AuditEntry, Role
from psoas.domain.clinic.audit import AuditFilter
from psoas.services.clinic import accounts, audit, invites
from psoas.storage import clinic_tables, schema
from psoas.storage.account_repositories import AUDIT
from psoas.storage.engine import make_engine
from psoas.web.app import create_app
from psoas.web.clinic import own_access, routes_audit

PASSWORD = "benchmark password"


def database(backend: str, folder: Path) -> tuple[str, object]:
    if backend == "sqlite":
        return f"sqlite:///{folder / 'audit.db'}", lambda: None
    base = os.environ.get("PSOAS_TEST_POSTGRES_URL", "postgresql://psoas:psoas@localhost/psoas")
    name = f"bench_{uuid.uuid4().hex[:12]}"
    admin = make_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{name}"'))

    def drop() -> None:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{name}" CASCADE'))

    url = f"{base}?options=-csearch_path%3D{name}"
    engine = make_engine(url)
    schema.upgrade(engine)
    engine.dispose()
    return url, drop


def fill(url: str, rows: int, people: list[str], actors: list[str]) -> None:
    start = datetime(2026, 1, 1, tzinfo=UTC)
    engine = make_engine(url)
    for first in range(0, rows, 20_000):
        batch = [
            AUDIT.to_row(
                AuditEntry(
                    id=uuid.uuid4().hex,
                    at=start + timedelta(seconds=30 * i),
                    actor_id=actors[i % len(actors)],
                    action=(AuditAction.VIEWED, AuditAction.CHANGED)[i % 2],
                    what="page /progress",
                    person_id=people[i % len(people)],
                )
            )
            for i in range(first, min(rows, first + 20_000))
        ]
        with engine.begin() as conn:
            conn.execute(insert(clinic_tables.audit_log), batch)
    engine.dispose()


def mean_ms(web: TestClient, path: str, times: int) -> float:
    spent = []
    for _ in range(times):
        began = time.perf_counter()
        assert web.get(path).status_code == 200
        spent.append(time.perf_counter() - began)
    return statistics.mean(spent) * 1000


def export(ctx, admin, names, where: AuditFilter) -> int:  # type: ignore[no-untyped-def]
    size = 0
    for chunk in routes_audit._csv_chunks(audit.audit_export(ctx, admin, where), names):
        size += len(chunk)
    return size


def run(backend: str, rows: int, folder: Path) -> None:
    url, drop = database(backend, folder)
    try:
        settings = get_settings(
            data_dir=folder, database_url=url, mode="clinic", allowed_hosts="testserver"
        )
        ctx = replace(build_context(settings), hasher=Argon2Hasher(memory_kib=1024, passes=1))
        admin = accounts.create_account(
            ctx, email="a@b.org", role=Role.ADMIN, display_name="A", password=PASSWORD
        )
        doctor = accounts.create_account(
            ctx, email="d@b.org", role=Role.CLINICIAN, display_name="D", password=PASSWORD
        )
        code = invites.invite_client(ctx, doctor, email="c@b.org", display_name="C").code
        client = invites.accept_invite(ctx, code, PASSWORD)
        fill(url, rows, [client.person_id or "", "p2", "p3", "p4"], [doctor.id, "x", "y"])
        web = TestClient(create_app(settings, context=ctx), base_url="https://testserver")
        token = accounts.login(ctx, client.email, PASSWORD).token
        web.cookies.set("psoas_session", token, domain="testserver.local")
        whole = AuditFilter()
        before = audit.audit_page(ctx, admin, whole).total
        audited = mean_ms(web, "/api/logs", 200)
        after = audit.audit_page(ctx, admin, whole).total
        original = own_access.OwnAccessAudit.__call__

        async def bypass(self, scope, receive, send):  # type: ignore[no-untyped-def]
            await self.app(scope, receive, send)

        own_access.OwnAccessAudit.__call__ = bypass  # type: ignore[method-assign]
        bare = mean_ms(web, "/api/logs", 200)
        own_access.OwnAccessAudit.__call__ = original  # type: ignore[method-assign]
        print(f"[{backend}] {rows:,} entries; audit rows per client view: {(after - before) / 200}")
        print(f"  GET /api/logs as a client: {audited:.1f} ms audited, {bare:.1f} ms bypassed")
        for label, where in (
            ("no filter", whole),
            ("person", AuditFilter(person_id=client.person_id)),
            ("actor+action", AuditFilter(actor_id=doctor.id, action=AuditAction.VIEWED)),
        ):
            began = time.perf_counter()
            page = audit.audit_page(ctx, admin, where, offset=500)
            spent = (time.perf_counter() - began) * 1000
            print(f"  page 6 + count, {label}: {spent:.0f} ms ({page.total:,} match)")
        names = routes_audit.Names(*audit.audit_names(ctx, admin))
        tenth = AuditFilter(until=datetime(2026, 1, 1, tzinfo=UTC) + timedelta(seconds=3 * rows))
        for label, where in (("all", whole), ("a tenth", tenth)):
            began = time.perf_counter()
            size = export(ctx, admin, names, where)
            spent = time.perf_counter() - began
            tracemalloc.start()
            export(ctx, admin, names, where)
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            print(
                f"  CSV of {label}: {size / 1e6:.1f} MB in {spent:.1f} s,"
                f" peak Python memory {peak / 1e6:.1f} MB"
            )
    finally:
        drop()  # type: ignore[operator]


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="sqlite")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--quick", action="store_true", help="2,000 entries, for CI")
    args = parser.parse_args(argv)
    if args.quick:
        args.rows = 2_000
    backends = ("sqlite", "postgresql") if args.backend == "both" else (args.backend,)
    for backend in backends:
        with tempfile.TemporaryDirectory() as folder:
            run(backend, args.rows, Path(folder))


if __name__ == "__main__":
    main(sys.argv[1:])
