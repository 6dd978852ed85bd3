"""Clinic soak: ``psoas serve --clinic --workers 2`` on PostgreSQL under a mixed load for a while.

    python benchmarks/soak.py                    # 10 minutes (the figure for the notes)
    python benchmarks/soak.py --minutes 30 --clients 40 --clinicians 4
    python benchmarks/soak.py --quick            # a few seconds (CI smoke)

Sets up a clinic in its own PostgreSQL schema (PSOAS_TEST_POSTGRES_URL; dropped afterwards):
clinicians, each with clients who have an assessment and a plan. Then, over loopback only,
every client in a bounded loop reads today, the home page and progress and logs a session
(and now and then a pain reading), while every clinician reads the dashboard, its two JSON
twins and one client's record; each virtual person waits ``--pause`` seconds between requests.
Prints the requests, the errors (goal 0), p50/p95 per route, and the resident memory of each
worker process at the start (after a warm-up), every minute, and at the end (goal: flat). The
records grow all the while (every client keeps logging), and each worker keeps decoded records
up to a fixed bound (``psoas.storage.decoded``), so the minute-by-minute line shows whether
memory levels off (bounded) or keeps climbing (a leak).
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
import threading
import time
from collections import defaultdict
from pathlib import Path

import httpx
from clinic import database, serve  # benchmarks/ is on sys.path
from web import free_port, wait_until_up
from web_history import calm_answers

PASSWORD = "correct horse battery staple 18"
TIMES: dict[str, list[float]] = defaultdict(list)
ERRORS: dict[str, int] = defaultdict(int)


def set_up(url: str, folder: Path, clinicians: int, clients: int) -> list[tuple[str, str]]:
    """(role, e-mail) of every person who will log in; the clients share the clinicians."""
    from psoas.bootstrap import Argon2Hasher, build_context
    from psoas.config import get_settings
    from psoas.domain.clinic.accounts import Role
    from psoas.services import assessment, plans
    from psoas.services.clinic import accounts, invites

    ctx = build_context(get_settings(data_dir=folder, database_url=url, mode="clinic"))
    ctx = type(ctx)(**{**ctx.__dict__, "hasher": Argon2Hasher(memory_kib=1024, passes=1)})
    people, staff = [], []
    for c in range(clinicians):
        email = f"clinician{c}@clinic.test"
        staff.append(accounts.create_account(
            ctx, email=email, role=Role.CLINICIAN, display_name=f"Dr {c}", password=PASSWORD
        ))  # fmt: skip
        people.append(("clinician", email))
    answers = calm_answers(assessment.questions(ctx))
    for n in range(clients):
        email = f"client{n}@clinic.test"
        issued = invites.invite_client(
            ctx, staff[n % clinicians], email=email, display_name=f"C {n}"
        )
        user = invites.accept_invite(ctx, issued.code, PASSWORD)
        assessment.run_assessment(ctx, user.person_id, answers)
        plans.new_plan(ctx, user.person_id)
        people.append(("client", email))
    return people


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
    async with httpx.AsyncClient(base_url=base, headers=headers, timeout=60) as http:
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


def workers_of(server_pid: int) -> list[int]:
    """The worker processes uvicorn started (children of the server), from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == server_pid and "spawn_main" in (entry / "cmdline").read_text():
            found.append(int(entry.name))
    return sorted(found)


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def sample(timeline: dict[int, list[float]], until: float) -> None:
    """Each worker's resident memory once a minute until ``until``."""
    while time.monotonic() + 60 <= until + 1:
        time.sleep(60)
        for pid, seen in timeline.items():
            seen.append(rss_mib(pid))


async def load(base: str, people: list[tuple[str, str]], seconds: float, pause: float) -> None:
    until = time.monotonic() + seconds
    await asyncio.gather(
        *(person(base, role, email, until, pause, n) for n, (role, email) in enumerate(people))
    )


def report(seconds: float) -> None:
    total = sum(len(v) for v in TIMES.values())
    errors = sum(ERRORS.values())
    print(f"requests: {total} in {seconds:.0f} s ({total / seconds:.1f}/s); errors: {errors}"
          "  (goal 0)")  # fmt: skip
    for route in sorted(TIMES):
        samples = TIMES[route]
        p95 = (
            statistics.quantiles(samples, n=20, method="inclusive")[18]
            if len(samples) > 1
            else samples[0]
        )
        print(f"  {route:26} {len(samples):6} requests  errors {ERRORS[route]:3}  "
              f"p50 {statistics.median(samples) * 1000:7.1f} ms  p95 {p95 * 1000:7.1f} ms")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a few seconds (CI smoke)")
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--clients", type=int, default=24)
    parser.add_argument("--clinicians", type=int, default=3)
    parser.add_argument("--pause", type=float, default=0.25, help="seconds between requests")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument(
        "--reads-only",
        action="store_true",
        help="clients only read (to tell memory that follows growing records from a leak)",
    )
    args = parser.parse_args()
    global READS_ONLY
    READS_ONLY = args.reads_only
    if not os.environ.get("PSOAS_TEST_POSTGRES_URL"):
        sys.exit("The soak needs PostgreSQL: set PSOAS_TEST_POSTGRES_URL.")
    seconds = 5.0 if args.quick else args.minutes * 60
    clients, clinicians = (4, 1) if args.quick else (args.clients, args.clinicians)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        url, drop = database("postgresql", folder)
        try:
            people = set_up(url, folder, clinicians, clients)
            port = args.port or free_port()
            server = serve(url, folder, port, workers=2)
            try:
                base = f"http://127.0.0.1:{port}"
                wait_until_up(f"{base}/login")
                print(f"soak: 2 workers on PostgreSQL, {clients} clients and {clinicians} "
                      f"clinicians, {seconds:.0f} s, a pause of {args.pause} s between requests"
                      + (", clients reading only" if READS_ONLY else ""))  # fmt: skip
                asyncio.run(load(base, people, min(seconds, 3.0), args.pause))  # warm-up
                workers = workers_of(server.pid)
                start = {pid: rss_mib(pid) for pid in workers}
                TIMES.clear()
                ERRORS.clear()
                began = time.monotonic()
                timeline: dict[int, list[float]] = {pid: [] for pid in workers}
                sampler = threading.Thread(
                    target=sample, args=(timeline, began + seconds), daemon=True
                )
                sampler.start()
                asyncio.run(load(base, people, seconds, args.pause))
                report(time.monotonic() - began)
                sampler.join(timeout=70)
                for pid in workers:
                    minutes = " ".join(f"{v:.0f}" for v in timeline[pid])
                    print(f"  worker {pid}: RSS {start[pid]:.1f} MiB at the start, "
                          f"{rss_mib(pid):.1f} MiB at the end; each minute: {minutes} MiB")  # fmt: skip
                print(f"workers: {len(workers)}")
            finally:
                server.terminate()
                server.wait(timeout=30)
        finally:
            if drop is not None:
                drop()  # type: ignore[operator]


if __name__ == "__main__":
    main()
