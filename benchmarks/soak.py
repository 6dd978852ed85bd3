"""Clinic soak: ``psoas serve --clinic --workers 2`` on PostgreSQL under a mixed load for a while.

    python benchmarks/soak.py                    # 10 minutes mixed, then 4 minutes reads only
    python benchmarks/soak.py --minutes 30 --clients 40 --clinicians 4 --history-days 730
    python benchmarks/soak.py --quick            # a few seconds (CI smoke)

Sets up a clinic in its own PostgreSQL schema (PSOAS_TEST_POSTGRES_URL; dropped afterwards):
clinicians, each with clients who signed up ``--history-days`` ago (a year by default) and
have logged their plans since, day by day (``soak_setup``). Then, over loopback only, every
client in a bounded loop reads today, the home page and progress and logs a session (and now
and then a pain reading), while every clinician reads the dashboard, its two JSON twins and one
client's record; each virtual person waits ``--pause`` seconds between requests, each request on
a connection of its own (so both workers get some: the summary gives each one's processor time).
After the mixed minutes the writes stop and everyone keeps reading for ``--settle-minutes``.
Prints the requests, the errors (goal 0) and p50/p95 per route of each phase, and once a minute
the number of session logs and readings next to each worker's resident memory.

Reading the memory: the soak writes far faster than a clinic (each client logs a session
every few seconds, a hundred in ten minutes, months of real logging), and every page reads the
client's whole history, so what a worker holds grows with the records: the bounded cache of
decoded records (``psoas.storage.decoded``) and the short-lived peak of each request (about
4 KB of Python objects per logged session, 1.1 MB for a year). Started from no history, the
records grew from nothing, and a worker's RSS climbed 15-40 MiB in ten minutes; measured inside
a worker, the Python objects that grew were only the new records' decoded copies, and the rest
of the climb was glibc's heap keeping freed big blocks (``psoas.cli.serve_memory``, which now
stops that). So each client starts with ``--history-days`` of records, each memory row shows the
records next to the RSS, and the summary gives each phase's growth with its slope over the
later half: during the mixed load memory may follow the records; during the reads-only
minutes, the records unchanged, the goal is flat (a leak would keep climbing there).
Never part of the test run.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import httpx
from clinic import database, serve  # benchmarks/ is on sys.path
from soak_memory import MemoryLog, workers_of
from soak_setup import PASSWORD, record_counts, set_up
from web import free_port, wait_until_up

TIMES: dict[str, list[float]] = defaultdict(list)
ERRORS: dict[str, int] = defaultdict(int)


async def timed(
    http: httpx.AsyncClient, route: str, method: str, path: str, **kw
) -> httpx.Response | None:  # type: ignore[no-untyped-def]
    began = time.perf_counter()
    try:
        reply = await http.request(method, path, **kw)
    except httpx.HTTPError:
        ERRORS[route] += 1
        return None
    TIMES[route].append(time.perf_counter() - began)
    if reply.status_code >= 400:
        ERRORS[route] += 1
    return reply


async def person(base: str, role: str, email: str, until: float, pause: float, n: int) -> None:
    rng = random.Random(n)
    headers = {"X-Forwarded-For": f"10.0.{n // 250}.{n % 250 + 1}"}
    # a connection per request, as from many browsers behind a proxy: the kernel hands each
    # to either worker (one kept-alive connection per person could leave a worker idle)
    fresh = httpx.Limits(max_keepalive_connections=0)
    async with httpx.AsyncClient(base_url=base, headers=headers, timeout=60, limits=fresh) as http:
        token = (await http.get("/api/csrf")).json()["csrf_token"]
        body = {"email": email, "password": PASSWORD, "csrf_token": token}
        login = await timed(http, "POST /login", "POST", "/login", data=body)
        if login is None or login.status_code != 303:
            return
        csrf = {"X-CSRF-Token": token}
        pids = []
        if role == "clinician":
            found = await timed(http, "GET /api/clients", "GET", "/api/clients")
            pids = [r["person_id"] for r in found.json()] if found is not None else []
        while time.monotonic() < until:
            if role == "client":
                await client_round(http, csrf, rng)
            else:
                await clinician_round(http, pids, rng)
            await asyncio.sleep(pause)


READS_ONLY = False  # --reads-only: the clients never write (the records stay the same size)


async def client_round(http: httpx.AsyncClient, csrf: dict[str, str], rng: random.Random) -> None:
    step = rng.randrange(2, 6) if READS_ONLY else rng.randrange(6)
    if step == 0:
        log = {"minutes": rng.randrange(5, 20), "pain_before": rng.randrange(0, 5)}
        await timed(http, "POST /api/logs", "POST", "/api/logs", json=log, headers=csrf)
    elif step == 1:
        pain = {"kind": "pain", "value": rng.randrange(0, 6)}
        await timed(
            http, "POST /api/measurements", "POST", "/api/measurements", json=pain, headers=csrf
        )
    else:
        path = ("/api/today", "/", "/api/progress", "/progress")[step - 2]
        await timed(http, f"GET {path}", "GET", path)


async def clinician_round(http: httpx.AsyncClient, pids: list[str], rng: random.Random) -> None:
    step = rng.randrange(4)
    if step == 3 and pids:
        pid = rng.choice(pids)
        await timed(http, "GET /api/clients/{id}", "GET", f"/api/clients/{pid}")
        return
    path = ("/clients", "/api/clients", "/api/caseload", "/api/caseload")[step]
    await timed(http, f"GET {path}", "GET", path)


async def load(base: str, people: list[tuple[str, str]], seconds: float, pause: float) -> None:
    until = time.monotonic() + seconds
    await asyncio.gather(
        *(person(base, role, email, until, pause, n) for n, (role, email) in enumerate(people))
    )


def report(phase: str, seconds: float, times: Any, errors_by_route: Any) -> int:
    """Print a phase's requests and their times per route; returns its errors."""
    total = sum(len(v) for v in times.values())
    errors = sum(errors_by_route.values())
    print(f"{phase}: {total} requests in {seconds:.0f} s ({total / seconds:.1f}/s), "
          f"{errors} errors")  # fmt: skip
    for route in sorted(times):
        samples = times[route]
        p95 = (
            statistics.quantiles(samples, n=20, method="inclusive")[18]
            if len(samples) > 1
            else samples[0]
        )
        print(f"  {route:26} {len(samples):6} requests  errors {errors_by_route[route]:3}  "
              f"p50 {statistics.median(samples) * 1000:7.1f} ms  p95 {p95 * 1000:7.1f} ms")  # fmt: skip
    return errors


def taken() -> tuple[dict[str, list[float]], dict[str, int]]:
    """The requests' times and errors so far, leaving none for the next phase."""
    found = (dict(TIMES), defaultdict(int, ERRORS))
    TIMES.clear()
    ERRORS.clear()
    return found


def phases(base: str, people: list[tuple[str, str]], server: int, engine: Any, args: Any) -> None:
    """The mixed load, then the reads only, with the memory rows around and between them."""
    global READS_ONLY
    asyncio.run(load(base, people, args.warm_up, args.pause))  # the same load, to warm up
    taken()
    memory = MemoryLog(workers_of(server), lambda: record_counts(engine))
    memory.header()
    memory.take("start")
    memory.phase = "mixed" if not READS_ONLY else "reads only"
    memory.every_minute()
    began = time.monotonic()
    asyncio.run(load(base, people, args.seconds, args.pause))
    mixed = time.monotonic() - began, *taken()
    memory.take()
    READS_ONLY, memory.phase = True, "reads only"
    began = time.monotonic()
    asyncio.run(load(base, people, args.settle, args.pause))
    settled = time.monotonic() - began, *taken()
    memory.take()
    memory.stop()
    errors = report("mixed load", *mixed) + report("reads only", *settled)
    print(f"errors: {errors}  (goal 0)")
    memory.summary()
    print(f"workers: {len(memory.workers)}")


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a few seconds (CI smoke)")
    parser.add_argument("--minutes", type=float, default=10.0, help="of mixed load")
    parser.add_argument(
        "--settle-minutes", type=float, default=4.0, help="of reads only after the mixed load"
    )
    parser.add_argument(
        "--history-days", type=int, default=365, help="of each client's records before the soak"
    )
    parser.add_argument("--clients", type=int, default=24)
    parser.add_argument("--clinicians", type=int, default=3)
    parser.add_argument("--pause", type=float, default=0.25, help="seconds between requests")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument(
        "--reads-only",
        action="store_true",
        help="clients only read throughout (the records stay the same size)",
    )
    args = parser.parse_args()
    args.seconds = 5.0 if args.quick else args.minutes * 60
    args.settle = 3.0 if args.quick else args.settle_minutes * 60
    args.warm_up = 3.0 if args.quick else 60.0
    if args.quick:
        args.clients, args.clinicians, args.history_days = 4, 1, 14
    return args


def main() -> None:
    global READS_ONLY
    args = arguments()
    READS_ONLY = args.reads_only
    if not os.environ.get("PSOAS_TEST_POSTGRES_URL"):
        sys.exit("The soak needs PostgreSQL: set PSOAS_TEST_POSTGRES_URL.")
    from psoas.storage.engine import make_engine

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        url, drop = database("postgresql", folder)
        engine = make_engine(url)
        try:
            began = time.perf_counter()
            people, counts = set_up(url, folder, args.clinicians, args.clients, args.history_days)
            print(f"soak: 2 workers on PostgreSQL, {args.clients} clients and {args.clinicians} "
                  f"clinicians; {args.history_days} days of history ({counts['logs']} session "
                  f"logs, {counts['readings']} readings; set up in "
                  f"{time.perf_counter() - began:.0f} s); {args.seconds:.0f} s of mixed load"
                  + (" (clients reading only)" if READS_ONLY else "")
                  + f", then {args.settle:.0f} s of reads only (after {args.warm_up:.0f} s of "
                  f"the same load to warm up); a pause of {args.pause} s between requests")  # fmt: skip
            port = args.port or free_port()
            server = serve(url, folder, port, workers=2)
            try:
                base = f"http://127.0.0.1:{port}"
                wait_until_up(f"{base}/login")
                phases(base, people, server.pid, engine, args)
            finally:
                server.terminate()
                server.wait(timeout=30)
        finally:
            engine.dispose()
            if drop is not None:
                drop()  # type: ignore[operator]


if __name__ == "__main__":
    main()
