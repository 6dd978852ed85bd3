"""Web benchmark: latency and throughput of the app under concurrent clients on loopback.

    python benchmarks/web.py                       # 20 clients, up to 2000 requests per target
    python benchmarks/web.py --clients 20 --requests 3000 --seconds 20

Starts the real app with uvicorn (its own process, SQLite, one person with about six months of
history: an assessment, a new plan every six weeks, every planned session logged, weekly pain
readings and reviews) and, in a second process, a bare FastAPI endpoint. A load generator
(httpx, asyncio) then sends requests from N concurrent clients and prints requests per second
and p50/p99 latency for: the home page, today's JSON, posting a session log, and the bare
endpoint (the ratio shows psoas's own overhead). Never part of the test run.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import multiprocessing
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx

HISTORY_DAYS = 182


class SettableClock:
    """A clock the history builder moves day by day."""

    def __init__(self, now: datetime) -> None:
        self._now = now

    def now(self) -> datetime:
        return self._now

    def set(self, now: datetime) -> None:
        self._now = now

    def monotonic(self) -> float:
        return self._now.timestamp()

    def sleep(self, seconds: float) -> None:
        self._now += timedelta(seconds=seconds)

    def today(self) -> date:
        return self._now.date()


def build_history(data_dir: Path) -> None:
    """Six months of a person's records through the real services, ending today."""
    from psoas.bootstrap import build_context
    from psoas.config import get_settings
    from psoas.domain.errors import PsoasError
    from psoas.domain.measurements import MeasurementKind
    from psoas.domain.plans import SessionKind
    from psoas.services import assessment, manual_entry, people, plans

    settings = get_settings(data_dir=data_dir, database_url=f"sqlite:///{data_dir / 'psoas.db'}")
    today = datetime.now(UTC).replace(hour=8, minute=0, second=0, microsecond=0)
    clock = SettableClock(today - timedelta(days=HISTORY_DAYS))
    ctx = build_context(settings, clock=clock)
    pid = people.current_person(ctx).id
    answers = _calm_answers(assessment.questions(ctx))
    assessment.run_assessment(ctx, pid, answers)
    plan = None
    for offset in range(HISTORY_DAYS + 1):
        clock.set(today - timedelta(days=HISTORY_DAYS - offset))
        day = clock.today()
        if plan is None or day > plan.sessions()[-1].date:
            plan = plans.new_plan(ctx, pid, start=day)
        if offset % 7 == 6:
            pain = max(0.0, 5.0 - offset / 40)
            manual_entry.record_measurements(
                ctx, pid, [manual_entry.Reading(MeasurementKind.PAIN, round(pain))]
            )
            with contextlib.suppress(PsoasError):  # a review may not be due yet
                plans.run_review(ctx, pid, day)
            plan = plans.current_plan(ctx, pid)
        sessions = [s for s in plan.on(day) if s.kind is not SessionKind.REST]
        if sessions and offset % 9 != 4:  # skip about one session in nine
            manual_entry.record_done_elsewhere(
                ctx, pid, day=day, session_id=sessions[0].id, pain_before=2, pain_after=1, effort=4
            )


def _calm_answers(questionnaire) -> dict:  # type: ignore[no-untyped-def]
    overrides = {
        "age": 40,
        "self_test_done": True,
        "left_thigh": "above",
        "right_thigh": "level",
        "minutes_per_day": 12,
        "strength_days_per_week": 2,
        "pain_now": 4,
        "preferred_days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
        "equipment": ["mat"],
    }
    answers: dict = {}
    for q in questionnaire.questions:
        if not q.applies(answers):
            continue
        if q.id in overrides:
            answers[q.id] = overrides[q.id]
        elif q.type == "yes_no":
            answers[q.id] = False
        elif q.type in ("single_choice", "multi_choice"):
            values = [c.value for c in q.choices]
            pick = "none" if "none" in values else values[0]
            answers[q.id] = [pick] if q.type == "multi_choice" else pick
        elif q.type in ("integer", "number"):
            answers[q.id] = int(q.minimum or 0)
        elif q.type == "time":
            answers[q.id] = "18:00"
    return answers


def serve_psoas(data_dir: str, port: int) -> None:
    import uvicorn

    os.environ["PSOAS_DATA_DIR"] = data_dir
    uvicorn.run(
        "psoas.web.app:create_app",
        factory=True,
        host="127.0.0.1",
        port=port,
        log_level="warning",
        access_log=False,
    )


def serve_bare(port: int) -> None:
    import uvicorn
    from fastapi import FastAPI

    bare = FastAPI()

    @bare.get("/bare")
    def hello() -> dict[str, str]:
        return {"status": "ok"}

    uvicorn.run(bare, host="127.0.0.1", port=port, log_level="warning", access_log=False)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    raise SystemExit(f"server at {url} did not start")


@dataclass
class Result:
    name: str
    count: int
    errors: int
    seconds: float
    latencies: list[float]

    def line(self) -> str:
        lat = sorted(self.latencies)
        p50 = statistics.median(lat) * 1000
        p99 = lat[min(len(lat) - 1, int(len(lat) * 0.99))] * 1000
        rps = self.count / self.seconds
        return (
            f"{self.name:<28} {self.count:>6} {self.errors:>6} {rps:>9.0f} {p50:>8.1f} {p99:>8.1f}"
        )


async def load(
    name: str, make_request: Callable, clients: int, total: int, seconds: float
) -> Result:
    """``clients`` concurrent loops until ``total`` requests are done or ``seconds`` pass."""
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    errors = 0
    sent = 0
    stop_at = 0.0

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal sent, errors
        while sent < total and time.perf_counter() < stop_at:
            sent += 1
            start = time.perf_counter()
            response = await make_request(client)
            latencies.append(time.perf_counter() - start)
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
            if response.status_code >= 400:
                errors += 1

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(limits=limits, timeout=30) as client:
        await prime(client)
        for _ in range(20):  # warm-up, not measured
            await make_request(client)
        began = time.perf_counter()
        stop_at = began + seconds
        await asyncio.gather(*(worker(client) for _ in range(clients)))
        elapsed = time.perf_counter() - began
    if errors:
        print(f"{name}: statuses {statuses}")
    return Result(name, len(latencies), errors, elapsed, latencies)


TOKEN: dict[str, str] = {}


async def prime(client: httpx.AsyncClient) -> None:
    """Get the CSRF token and cookie the log posts need (only for the psoas server)."""
    if "url" in TOKEN:
        response = await client.get(f"{TOKEN['url']}/api/csrf")
        client.headers["X-CSRF-Token"] = response.json()["csrf_token"]


async def run(args: argparse.Namespace, psoas_url: str, bare_url: str) -> list[Result]:
    TOKEN["url"] = psoas_url
    async with httpx.AsyncClient() as probe:
        plan = (await probe.get(f"{psoas_url}/api/plan")).json()
    session_id = next(s["id"] for w in plan["weeks"] for s in w["sessions"] if s["kind"] != "rest")

    async def home(c: httpx.AsyncClient) -> httpx.Response:
        return await c.get(f"{psoas_url}/")

    async def today(c: httpx.AsyncClient) -> httpx.Response:
        return await c.get(f"{psoas_url}/api/today")

    async def post_log(c: httpx.AsyncClient) -> httpx.Response:
        body = {"events": [], "now": 600, "pain_before": 2, "pain_after": 1, "effort": 4}
        return await c.post(f"{psoas_url}/api/sessions/{session_id}/log", json=body)

    async def bare(c: httpx.AsyncClient) -> httpx.Response:
        return await c.get(f"{bare_url}/bare")

    results = []
    for name, call in (
        ("home page GET /", home),
        ("today JSON GET /api/today", today),
        ("post session log", post_log),
        ("bare FastAPI GET /bare", bare),
    ):
        results.append(await load(name, call, args.clients, args.requests, args.seconds))
    return results


WRK_LINE = re.compile(r"^\s*(50|99)%\s+([\d.]+)(us|ms|s)\s*$")
WRK_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk_figures(url: str, clients: int, seconds: float) -> str | None:
    """req/s, p50 and p99 from wrk (a C load generator, so it leaves the CPU to the server)."""
    if shutil.which("wrk") is None:
        return None
    warm_up = ["wrk", "-t1", f"-c{clients}", "-d2s", url]  # fill the caches, not measured
    subprocess.run(warm_up, capture_output=True, timeout=60, check=False)
    done = subprocess.run(
        ["wrk", "-t1", f"-c{clients}", f"-d{max(1, int(seconds))}s", "--latency", url],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
        check=False,
    )
    found = {}
    for line in done.stdout.splitlines():
        match = WRK_LINE.match(line)
        if match:
            found[match[1]] = float(match[2]) * WRK_UNITS[match[3]]
        if line.startswith("Requests/sec:"):
            found["rps"] = float(line.split()[1])
    if len(found) < 3:
        return None
    return f"{found['rps']:>9.0f} {found['50']:>8.1f} {found['99']:>8.1f}"


def wrk_report(args: argparse.Namespace, psoas_url: str, bare_url: str) -> None:
    targets = (
        ("home page GET /", f"{psoas_url}/"),
        ("today JSON GET /api/today", f"{psoas_url}/api/today"),
        ("bare FastAPI GET /bare", f"{bare_url}/bare"),
    )
    rows = [(name, wrk_figures(url, args.clients, args.seconds)) for name, url in targets]
    if any(row is None for _, row in rows):
        print("wrk is not installed (Debian: apt-get install wrk); skipped the wrk figures")
        return
    print(f"\nwrk, {args.clients} connections, {args.seconds:.0f} s per target:")
    print(f"{'target':<28} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8}")
    for name, row in rows:
        print(f"{name:<28} {row}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=2000, help="per target")
    parser.add_argument("--seconds", type=float, default=20.0, help="per target, at most")
    args = parser.parse_args()
    data_dir = Path(tempfile.mkdtemp(prefix="psoas-bench-web-"))
    began = time.perf_counter()
    build_history(data_dir)
    print(f"history: {HISTORY_DAYS} days built in {time.perf_counter() - began:.1f} s ({data_dir})")
    psoas_port, bare_port = free_port(), free_port()
    spawn = multiprocessing.get_context("spawn")
    servers = [
        spawn.Process(target=serve_psoas, args=(str(data_dir), psoas_port), daemon=True),
        spawn.Process(target=serve_bare, args=(bare_port,), daemon=True),
    ]
    for p in servers:
        p.start()
    try:
        psoas_url, bare_url = f"http://127.0.0.1:{psoas_port}", f"http://127.0.0.1:{bare_port}"
        wait_until_up(f"{psoas_url}/api/health")
        wait_until_up(f"{bare_url}/bare")
        results = asyncio.run(run(args, psoas_url, bare_url))
        wrk_report(args, psoas_url, bare_url)
    finally:
        for p in servers:
            p.terminate()
            p.join(timeout=10)
    print(
        f"{args.clients} concurrent clients, one uvicorn worker each, loopback, {os.cpu_count()} CPUs, Python {sys.version.split()[0]}"
    )
    print(f"{'target':<28} {'reqs':>6} {'errors':>6} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8}")
    for r in results:
        print(r.line())
    bare = results[-1]
    bare_p50 = statistics.median(bare.latencies)
    for r in results[:-1]:
        print(
            f"{r.name}: p50 is {statistics.median(r.latencies) / bare_p50:.1f}x the bare endpoint's"
        )


if __name__ == "__main__":
    main()
