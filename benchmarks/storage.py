"""Storage benchmark: bulk-insert a year of daily logs for many people, then time one person's
last 12 weeks of logs and pain trend as the tables grow.

    python benchmarks/storage.py                          # 10,000 people x 365 days, both DBs
    python benchmarks/storage.py --python-people 300      # the same size, filled much faster
    python benchmarks/storage.py --quick                  # 300 people, a quick look
    python benchmarks/storage.py --backend sqlite --people 2000 --days 365

Rows go in through SQLAlchemy Core executemany in large batches, with the production indexes
in place; that gives the insert throughput. With ``--python-people N`` only the first N people
go that way and the rest are generated inside the database by INSERT ... SELECT
(storage_sql_fill.py), so the tables reach millions of rows in minutes. At about 1k, 100k,
1M and the full number of log rows it runs ``--queries`` look-ups of a random person's last
84 days of session logs and pain measurements through the real repositories (and the same two
queries as bare SQL), and prints the median and 95th percentile. PostgreSQL uses
PSOAS_TEST_POSTGRES_URL (or --postgres-url) in its own schema, dropped afterwards. Never part
of the test run.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
import uuid
from pathlib import Path

import storage_sql_fill as sql_fill  # benchmarks/ is on sys.path when run as a script
from sqlalchemy import Engine, text
from storage_core_fill import END, Filler
from storage_reads import fetch_rows_driver, fetch_rows_only, last_twelve_weeks

from psoas.storage import schema
from psoas.storage.decoded import DECODED
from psoas.storage.engine import display_url, make_engine

CHECKPOINTS = (1_000, 100_000, 1_000_000)
RATIO_GOAL = 1.3  # the repository path (rows to domain objects) against the bare SQL


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--quick", action="store_true", help="300 people, for a quick look")
    parser.add_argument(
        "--python-people",
        type=int,
        default=0,
        help="insert only this many people through Core executemany and the rest with "
        "INSERT ... SELECT in the database (default: all through executemany)",
    )
    parser.add_argument("--batch", type=int, default=20_000, help="rows per executemany")
    parser.add_argument("--queries", type=int, default=200, help="look-ups per checkpoint")
    parser.add_argument("--sqlite-path", type=Path, default=Path("/tmp/psoas-benchmark.db"))
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get(
            "PSOAS_TEST_POSTGRES_URL", "postgresql://psoas:psoas@localhost:5432/psoas_test"
        ),
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the PostgreSQL schema (the SQLite file is kept)"
    )
    parser.add_argument(
        "--schema",
        default=f"psoas_benchmark_{os.getpid()}",
        help="PostgreSQL schema (default: one of this run's own, as others may run it too; "
        "name it to use --keep and --query-only)",
    )
    parser.add_argument(
        "--query-only", action="store_true", help="only time look-ups on data kept by --keep"
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.people = 300
    return args


def fresh_sqlite(path: Path) -> Engine:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    engine = make_engine(f"sqlite:///{path}")
    schema.upgrade(engine)
    return engine


def fresh_postgres(url: str, name: str) -> Engine:
    admin = make_engine(url)
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
        conn.execute(text(f'CREATE SCHEMA "{name}"'))
    admin.dispose()
    engine = make_engine(url, connect_args={"options": f"-csearch_path={name}"})
    schema.upgrade(engine)
    return engine


def drop_postgres(url: str, name: str) -> None:
    admin = make_engine(url)
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
    admin.dispose()


def summary(timings: list[float]) -> str:
    p95 = statistics.quantiles(timings, n=20, method="inclusive")[-1]
    return f"median {statistics.median(timings):7.2f} ms  p95 {p95:7.2f} ms"


def time_queries(engine: Engine, people: list[str], count: int, rng: random.Random) -> str:
    """Median/p95 of the full repository path, and of the SQL alone, for random people."""
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.execute(text("ANALYZE"))
    full, warm, sql_only, driver = [], [], [], []
    for _ in range(count):
        person_id = rng.choice(people)
        DECODED.clear()  # the cold path: every row decoded, none reused from an earlier read
        started = time.perf_counter()
        trend = last_twelve_weeks(engine, person_id)
        full.append((time.perf_counter() - started) * 1000)
        assert trend, "every benchmark person has logs in the last 12 weeks"
        started = time.perf_counter()  # again: the rows' decoded records are reused
        last_twelve_weeks(engine, person_id)
        warm.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        fetch_rows_only(engine, person_id)
        sql_only.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        fetch_rows_driver(engine, person_id)
        driver.append((time.perf_counter() - started) * 1000)
    sql = statistics.median(sql_only)
    cold, again = statistics.median(full) / sql, statistics.median(warm) / sql
    bare = statistics.median(full) / statistics.median(driver)
    return (
        f"repositories {summary(full)} | read again {summary(warm)} | SQL only {summary(sql_only)}"
        f" | driver only {summary(driver)}"
        f"\n{'':>26}repositories / SQL (goal <= {RATIO_GOAL}x): first read {cold:.2f}x "
        f"({verdict(cold)}), read again {again:.2f}x ({verdict(again)}); first read / driver "
        f"only {bare:.2f}x (the repositories read on the driver's cursor too)"
    )


def verdict(ratio: float) -> str:
    return "met" if ratio <= RATIO_GOAL else "NOT met"


class Checkpoints:
    """Times the look-ups whenever the log table passes the next size (and at the end)."""

    def __init__(self, engine: Engine, args: argparse.Namespace, people: list[str]) -> None:
        self.engine, self.args, self.people = engine, args, people
        self.pending = [c for c in CHECKPOINTS if c < args.people * args.days]
        self.rng = random.Random(7)

    def passed(self, logs: int) -> bool:
        return bool(self.pending) and logs >= self.pending[0]

    def measure(self, logs: int) -> None:
        while self.pending and logs >= self.pending[0]:
            self.pending.pop(0)
        result = time_queries(self.engine, self.people, self.args.queries, self.rng)
        print(f"   {logs:>10,} log rows: {result}", flush=True)


def python_phase(engine: Engine, args: argparse.Namespace, marks: Checkpoints) -> int:
    """Insert ``--python-people`` people through Core executemany; returns the log rows."""
    rng = random.Random(2026)
    filler = Filler(engine, args.batch)
    count = min(args.people, args.python_people or args.people)
    for n in range(count):
        person_id = uuid.uuid4().hex
        marks.people.append(person_id)
        filler.add_person(person_id, args.days, rng)
        if marks.passed(filler.logs):
            filler.flush()
            marks.measure(filler.logs)
        if (n + 1) % 1000 == 0:
            rate = filler.rows / filler.seconds if filler.seconds else 0
            print(f"   ... {n + 1:,} people, {filler.rows:,} rows, {rate:,.0f} rows/s", flush=True)
    filler.flush()
    print(
        f"   Core executemany: {count:,} people, {filler.rows:,} rows (people, logs, "
        f"measurements) in {filler.seconds:,.1f} s: {filler.rows / filler.seconds:,.0f} rows/s",
        flush=True,
    )
    return filler.logs


def server_phase(engine: Engine, args: argparse.Namespace, marks: Checkpoints, logs: int) -> int:
    """Fill the remaining people with INSERT ... SELECT in chunks; returns the log rows."""
    first = len(marks.people)
    if first >= args.people:
        return logs
    started, seconds = first, 0.0
    chunk = max(1, 250_000 // args.days)
    while first < args.people:
        last = min(args.people, first + chunk) - 1
        began = time.perf_counter()
        with engine.begin() as conn:
            sql_fill.fill(conn, first, last, args.days, END.isoformat())
        seconds += time.perf_counter() - began
        marks.people.extend(sql_fill.person_id(i) for i in range(first, last + 1))
        logs += (last - first + 1) * args.days
        first = last + 1
        if marks.passed(logs):
            marks.measure(logs)
        print(f"   ... {first:,} people, {logs:,} log rows", flush=True)
    print(
        f"   INSERT ... SELECT: {args.people - started:,} people, "
        f"{(args.people - started) * args.days:,} logs in {seconds:,.1f} s",
        flush=True,
    )
    return logs


def run(engine: Engine, args: argparse.Namespace, label: str) -> None:
    print(f"\n== {label}: {display_url(engine.url)}")
    print(f"   {args.people:,} people x {args.days} days of logs, batches of {args.batch:,}")
    marks = Checkpoints(engine, args, [])
    logs = python_phase(engine, args, marks)
    logs = server_phase(engine, args, marks, logs)
    with engine.connect() as conn:
        counted = conn.execute(text("SELECT count(*) FROM session_logs")).scalar()
        measured = conn.execute(text("SELECT count(*) FROM measurements")).scalar()
    print(f"   table sizes: {counted:,} session logs, {measured:,} measurements")
    marks.measure(counted)


def query_only(engine: Engine, args: argparse.Namespace, label: str) -> None:
    """Time the look-ups on a database an earlier run filled (``--keep``), without filling."""
    with engine.connect() as conn:
        people = list(conn.execute(text("SELECT id FROM people")).scalars())
        logs = conn.execute(text("SELECT count(*) FROM session_logs")).scalar()
    print(f"\n== {label} (existing data): {display_url(engine.url)}")
    result = time_queries(engine, people, args.queries, random.Random(11))
    print(f"   {logs:>10,} log rows: {result}", flush=True)


def main(argv: list[str]) -> None:
    args = parse_args(argv)
    name = args.schema
    if args.backend in ("sqlite", "both"):
        if args.query_only:
            engine = make_engine(f"sqlite:///{args.sqlite_path}")
            query_only(engine, args, "SQLite")
        else:
            engine = fresh_sqlite(args.sqlite_path)
            run(engine, args, "SQLite")
            size = args.sqlite_path.stat().st_size / 1e6
            print(f"   file size {size:,.0f} MB ({args.sqlite_path})")
        engine.dispose()
    if args.backend in ("postgresql", "both"):
        if args.query_only:
            url_options = {"options": f"-csearch_path={name}"}
            engine = make_engine(args.postgres_url, connect_args=url_options)
            query_only(engine, args, "PostgreSQL")
            engine.dispose()
            return
        engine = fresh_postgres(args.postgres_url, name)
        try:
            run(engine, args, "PostgreSQL")
        finally:
            engine.dispose()
            if not args.keep:
                drop_postgres(args.postgres_url, name)


if __name__ == "__main__":
    main(sys.argv[1:])
