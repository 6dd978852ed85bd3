"""Latency and throughput of the web benchmark's servers under concurrent clients: httpx with
asyncio, and wrk (a C load generator that leaves the CPU to the server) when installed."""

from __future__ import annotations

import argparse
import asyncio
import re
import shutil
import statistics
import subprocess
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import httpx

Request = Callable[[httpx.AsyncClient], Awaitable[httpx.Response]]
LOG_BODY = {"events": [], "now": 600, "pain_before": 2, "pain_after": 1, "effort": 4}


@dataclass
class Result:
    name: str
    count: int
    errors: int
    seconds: float
    latencies: list[float]

    def line(self, bare_p50: float) -> str:
        lat = sorted(self.latencies)
        p50 = statistics.median(lat) * 1000
        p99 = lat[min(len(lat) - 1, int(len(lat) * 0.99))] * 1000
        rps = self.count / self.seconds
        return (
            f"{self.name:<34} {self.count:>6} {self.errors:>6} {rps:>8.0f} {p50:>8.1f} "
            f"{p99:>8.1f} {p50 / bare_p50:>7.1f}"
        )


async def load(name: str, request: Request, args: argparse.Namespace, token: str) -> Result:
    """``args.clients`` concurrent loops until ``args.requests`` are done or the time is up."""
    latencies: list[float] = []
    errors = sent = 0
    stop_at = 0.0

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal sent, errors
        while sent < args.requests and time.perf_counter() < stop_at:
            sent += 1
            start = time.perf_counter()
            try:
                response = await request(client)
            except httpx.TransportError:  # a dropped connection counts as an error
                errors += 1
                continue
            latencies.append(time.perf_counter() - start)
            errors += response.status_code >= 400

    limits = httpx.Limits(max_connections=args.clients, max_keepalive_connections=args.clients)
    async with httpx.AsyncClient(limits=limits, timeout=30, cookies=COOKIES) as client:
        client.headers["X-CSRF-Token"] = token
        for _ in range(5):  # warm-up, not measured
            await request(client)
        began = time.perf_counter()
        stop_at = began + args.seconds
        await asyncio.gather(*(worker(client) for _ in range(args.clients)))
        elapsed = time.perf_counter() - began
    return Result(name, len(latencies), errors, elapsed, latencies)


COOKIES = httpx.Cookies()


async def load_report(args: argparse.Namespace, psoas: str, bare: str) -> None:
    async with httpx.AsyncClient(cookies=COOKIES) as probe:
        token = (await probe.get(f"{psoas}/api/csrf")).json()["csrf_token"]
        probe.headers["X-CSRF-Token"] = token
        plan = (await probe.get(f"{psoas}/api/plan")).json()
        habit = (await probe.get(f"{psoas}/api/habits")).json()["habits"][0]["id"]
        COOKIES.update(probe.cookies)
    session_id = next(s["id"] for w in plan["weeks"] for s in w["sessions"] if s["kind"] != "rest")
    log_url = f"{psoas}/api/sessions/{session_id}/log"

    def get(url: str) -> Request:
        return lambda c: c.get(url)

    async def post_log(c: httpx.AsyncClient) -> httpx.Response:
        return await c.post(log_url, json=LOG_BODY)

    ticks = [0]

    async def write_then_home(c: httpx.AsyncClient) -> httpx.Response:
        ticks[0] += 1  # tick and untick a habit: the history keeps its size
        tick = {"habit_id": habit, "done": ticks[0] % 2 == 0}
        await c.post(f"{psoas}/api/habits", json=tick)
        return await c.get(f"{psoas}/")

    targets: list[tuple[str, Request]] = [
        ("home page GET / (hits)", get(f"{psoas}/")),
        ("today JSON GET /api/today (hits)", get(f"{psoas}/api/today")),
        ("tick habit, then GET / (misses)", write_then_home),
        ("post session log", post_log),
        ("bare FastAPI GET /bare", get(f"{bare}/bare")),
    ]
    results = [await load(name, request, args, token) for name, request in targets]
    bare_p50 = statistics.median(results[-1].latencies) * 1000
    print(f"\n2. Under load: {args.clients} concurrent clients (httpx), one uvicorn worker each")
    print(f"{'target':<34} {'reqs':>6} {'errors':>6} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} "
          f"{'x bare':>7}")  # fmt: skip
    for r in results:
        print(r.line(bare_p50))
    wrk_report(args, psoas, bare)


WRK_LINE = re.compile(r"^\s*(50|99)%\s+([\d.]+)(us|ms|s)\s*$")
WRK_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk_figures(url: str, clients: int, seconds: float) -> str | None:
    """req/s, p50 and p99 from wrk."""
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


def wrk_report(args: argparse.Namespace, psoas: str, bare: str) -> None:
    if shutil.which("wrk") is None or args.quick:
        print("wrk figures skipped (quick mode, or wrk not installed: apt-get install wrk)")
        return
    targets = (
        ("home page GET / (hits)", f"{psoas}/"),
        ("today JSON GET /api/today (hits)", f"{psoas}/api/today"),
        ("bare FastAPI GET /bare", f"{bare}/bare"),
    )
    rows = [(name, wrk_figures(url, args.clients, args.seconds)) for name, url in targets]
    print(f"\nwrk, {args.clients} connections, {args.seconds:.0f} s per target:")
    print(f"{'target':<34} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8}")
    for name, row in rows:
        print(f"{name:<34} {row or 'failed'}")
