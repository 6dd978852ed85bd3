"""Clinic caseload benchmark: the clinician's dashboard and its two JSON twins at clinic size.

    python benchmarks/clinic.py                      # 100 and 1,000 clients, two years, both databases
    python benchmarks/clinic.py --quick              # 10 and 30 clients, a month (CI smoke)
    python benchmarks/clinic.py --backend postgresql --clients 1000 --days 730 --reps 60

For each database (PostgreSQL at PSOAS_TEST_POSTGRES_URL, in a schema of its own that is
dropped afterwards; SQLite in a temporary file) and each caseload size, seeds one clinician's
caseload day by day across all clients (clinic_seed.py), starts ``psoas serve --clinic`` as its
own process, logs the clinician in and times requests one at a time over loopback (wall time
as the client sees it: p50 and p95) in three situations:

- nothing changed since the last look: ``GET /clients`` (the first page of 50),
  ``/api/clients?page=1`` (its JSON twin) and ``/api/caseload`` (the counts), served from the
  clients' kept rows; and ``/api/clients`` with every client (no goal: it grows with the list);
- clients writing: before each request, 1 % of the clients (at least one) add a pain reading
  through the real store, so their kept rows go out of use and are computed again;
- the first look of a day: every kept row out of use (as after midnight or a new release),
  so every client is computed again from the records. Rewriting every row again and again
  leaves dead rows in PostgreSQL far faster than a clinic would (once a day), so the
  benchmark vacuums that table afterwards rather than measure the next size during
  autovacuum's clean-up.

The anchor, in the same run: a bare FastAPI endpoint under the same uvicorn.
Goal: p95 at most 150 ms at 1,000 clients on PostgreSQL, and at most 2x from 100 to 1,000.
Never part of the test run.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx
from clinic_seed import EMAIL, PASSWORD, seed_clinic  # benchmarks/ is on sys.path
from web import free_port, wait_until_up
from web_servers import serve_bare

ROUTES = ("/clients", "/api/clients?page=1", "/api/caseload")
WHOLE = "/api/clients"  # every client at once: measured, no goal
GOAL_MS = 150.0


def percentiles(samples: list[float]) -> tuple[float, float]:
    cuts = statistics.quantiles(samples, n=20, method="inclusive")
    return statistics.median(samples) * 1000, cuts[18] * 1000


def timed(client: httpx.Client, url: str, reps: int, before=None) -> list[float]:  # type: ignore[no-untyped-def]
    """Wall times of ``reps`` requests; ``before`` (untimed) runs ahead of each one."""
    for _ in range(3):  # warm: the first requests fill the statement and decode caches
        client.get(url).raise_for_status()
    found = []
    for _ in range(reps):
        if before is not None:
            before()
        began = time.perf_counter()
        reply = client.get(url)
        found.append(time.perf_counter() - began)
        reply.raise_for_status()
    return found


def database(backend: str, folder: Path) -> tuple[str, object]:
    """A migrated empty database and how to drop it."""
    from sqlalchemy import text

    from psoas.storage import schema
    from psoas.storage.engine import make_engine

    if backend == "sqlite":
        url = f"sqlite:///{folder / 'clinic.db'}"
        drop = None
    else:
        base = os.environ.get("PSOAS_TEST_POSTGRES_URL", "")
        if not base:
            raise SystemExit("PostgreSQL: set PSOAS_TEST_POSTGRES_URL (or --backend sqlite)")
        name = f"bench_{uuid.uuid4().hex[:12]}"
        admin = make_engine(base)
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{name}"'))
        url = f"{base}?options=-csearch_path%3D{name}"

        def drop() -> None:
            with admin.begin() as conn:
                conn.execute(text(f'DROP SCHEMA "{name}" CASCADE'))
            admin.dispose()

    engine = make_engine(url)
    schema.upgrade(engine)
    engine.dispose()
    return url, drop


def upgrade(url: str) -> None:
    from psoas.storage import schema
    from psoas.storage.engine import make_engine

    engine = make_engine(url)
    schema.upgrade(engine)
    engine.dispose()


def serve(url: str, folder: Path, port: int, workers: int = 1) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "PSOAS_DATABASE_URL": url,
        "PSOAS_DATA_DIR": str(folder),
        "PSOAS_SECURE_COOKIES": "false",
    }
    psoas = Path(sys.executable).with_name("psoas")
    command = [str(psoas), "serve", "--clinic", "--host", "127.0.0.1", "--port", str(port)]
    if workers > 1:
        command += ["--workers", str(workers)]
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)


def clinic_context(url: str, folder: Path):  # type: ignore[no-untyped-def]
    from psoas.bootstrap import build_context
    from psoas.config import get_settings

    return build_context(get_settings(data_dir=folder, database_url=url, mode="clinic"))


def session_cookie(ctx) -> str:  # type: ignore[no-untyped-def]
    from psoas.services.clinic import accounts

    return accounts.login(ctx, EMAIL, PASSWORD).token


def writers(ctx, share: float):  # type: ignore[no-untyped-def]
    """Before a request: ``share`` of the clients (at least one) add a pain reading, through
    the real measurement store (the database then moves their versions)."""
    from psoas.domain.records.measurements import Measurement, MeasurementKind, Method

    with ctx.uow() as uow:
        people = [p.id for p in uow.people.list() if p.clinician_id]
    rng = random.Random(18)
    count = max(1, round(len(people) * share))

    def write() -> None:
        with ctx.uow() as uow:
            for pid in rng.sample(people, count):
                value = float(rng.choice([2, 3, 4, 8]))
                kind, method = MeasurementKind.PAIN, Method.SELF_REPORT
                reading = Measurement(
                    uuid.uuid4().hex, pid, kind, value, "NRS", method, ctx.clock.now()
                )
                uow.measurements.add(reading)

    return write, count


def forget_kept_rows(ctx):  # type: ignore[no-untyped-def]
    """Before a request: every kept row out of use, as on the first look of a day."""
    from sqlalchemy import delete

    from psoas.storage import clinic_tables as ct

    def forget() -> None:
        with ctx.uow() as uow:
            uow.caseload_rows.conn.execute(delete(ct.caseload_rows))

    return forget


def tidy(url: str) -> None:
    """After the first-look figures: clear the dead rows that rewriting every kept row again
    and again leaves (a clinic rewrites them once a day), so that autovacuum's clean-up does
    not land in the next caseload size's figures."""
    if not url.startswith("postgresql"):
        return  # SQLite reuses a deleted row's space in place
    from psoas.storage.engine import make_engine

    engine = make_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("VACUUM ANALYZE caseload_rows")
    finally:
        engine.dispose()


def report(backend: str, clients: int, label: str, samples: list[float], goal: bool) -> float:
    p50, p95 = percentiles(samples)
    mark = ""
    if goal and clients >= 1000 and backend == "postgresql":
        mark = "  (goal <= 150 ms: " + ("met)" if p95 <= GOAL_MS else "NOT met)")
    print(f"{'':10} {clients:5} clients  {label:44} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms{mark}")
    return p95


def one_size(
    backend: str, clients: int, days: int, reps: int, port: int, seeded_url: str = ""
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        url, drop = (seeded_url, None) if seeded_url else database(backend, folder)
        try:
            if seeded_url:  # seeded earlier by clinic_seed.seed_clinic; brought up to date
                upgrade(url)
                print(f"{backend:10} {clients:5} clients: seeded earlier", flush=True)
            else:
                seeded = seed_clinic(url, clients, days, folder)
                print(
                    f"{backend:10} {clients:5} clients: seeded {seeded['logs']:,.0f} logs and "
                    f"{seeded['measurements']:,.0f} pain readings over {days} days in "
                    f"{seeded['seconds']:.0f} s",
                    flush=True,
                )
            server = serve(url, folder, port)
            try:
                wait_until_up(f"http://127.0.0.1:{port}/login")
                ctx = clinic_context(url, folder)
                cookie = session_cookie(ctx)
                base = f"http://127.0.0.1:{port}"
                with httpx.Client(cookies={"psoas_session": cookie}, timeout=300) as client:
                    print(f"{'':10} {clients:5} clients, nothing changed since the last look:")
                    for route in ROUTES:
                        found = timed(client, base + route, reps)
                        p95 = report(backend, clients, f"GET {route}", found, True)
                        RESULTS[(backend, clients, route)] = p95
                    found = timed(client, base + WHOLE, max(5, reps // 4))
                    report(backend, clients, f"GET {WHOLE} (every client)", found, False)
                    write, count = writers(ctx, 0.01)
                    print(
                        f"{'':10} {clients:5} clients, {count} of them adding a pain reading "
                        "before each request:"
                    )
                    for route in ROUTES:
                        found = timed(client, base + route, reps, write)
                        p95 = report(backend, clients, f"GET {route}", found, True)
                        RESULTS[(backend, clients, route + " writing")] = p95
                    print(
                        f"{'':10} {clients:5} clients, the first look of a day "
                        "(every client computed again):"
                    )
                    found = timed(
                        client, base + "/clients", max(5, reps // 4), forget_kept_rows(ctx)
                    )
                    report(backend, clients, "GET /clients", found, False)
                    tidy(url)
            finally:
                server.terminate()
                server.wait(timeout=30)
        finally:
            if drop is not None:
                drop()  # type: ignore[operator]


RESULTS: dict[tuple[str, int, str], float] = {}


def anchor(port: int, reps: int) -> None:
    spawn = multiprocessing.get_context("spawn")
    bare = spawn.Process(target=serve_bare, args=(port,), daemon=True)
    bare.start()
    try:
        wait_until_up(f"http://127.0.0.1:{port}/bare")
        with httpx.Client() as client:
            p50, p95 = percentiles(timed(client, f"http://127.0.0.1:{port}/bare", reps))
        print(f"anchor: bare FastAPI endpoint GET /bare  p50 {p50:.1f} ms  p95 {p95:.1f} ms")
    finally:
        bare.terminate()
        bare.join(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a small caseload (CI smoke)")
    parser.add_argument("--backend", choices=("postgresql", "sqlite", "both"), default="both")
    parser.add_argument("--clients", default="100,1000", help="caseload sizes, comma-separated")
    parser.add_argument("--days", type=int, default=730)
    parser.add_argument("--reps", type=int, default=40)
    parser.add_argument("--port", type=int, default=0, help="first port (default: any free)")
    parser.add_argument(
        "--seeded",
        default="",
        help="measure caseloads seeded earlier: database URLs, comma-separated, one per size "
        "of --clients (nothing is dropped)",
    )
    args = parser.parse_args()
    sizes = [int(n) for n in args.clients.split(",")]
    urls = [u for u in args.seeded.split(",") if u]
    if urls and len(urls) != len(sizes):
        raise SystemExit("--seeded: give one database URL per size of --clients")
    seeded = dict(zip(sizes, urls, strict=False))
    days, reps = args.days, args.reps
    if args.quick:
        sizes, days, reps = [10, 30], 30, 5
    backends = ["postgresql", "sqlite"] if args.backend == "both" else [args.backend]
    if args.quick and args.backend == "both" and not os.environ.get("PSOAS_TEST_POSTGRES_URL"):
        backends = ["sqlite"]
    port = args.port or free_port()
    print(f"clinic caseload benchmark: {days} days of history, {reps} timed requests per figure")
    anchor(args.port + 1 if args.port else free_port(), reps)
    for backend in backends:
        for size in sizes:
            one_size(backend, size, days, reps, port, seeded.get(size, ""))
        if len(sizes) >= 2:
            small, large = sizes[0], sizes[-1]
            for key in [r for route in ROUTES for r in (route, route + " writing")]:
                a, b = RESULTS[(backend, small, key)], RESULTS[(backend, large, key)]
                print(
                    f"{backend:10} GET {key:30} p95 {large} / {small} clients: {b / a:.2f}x"
                    "  (goal <= 2x)"
                )
    anchor(args.port + 1 if args.port else free_port(), reps)


if __name__ == "__main__":
    main()
