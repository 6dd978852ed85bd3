"""Web benchmark: server CPU per request (cache hits and misses) and latency under load.

    python benchmarks/web.py                  # a year of history, 200 timed requests per figure
    python benchmarks/web.py --quick          # two weeks of history, a few requests (CI smoke)
    python benchmarks/web.py --days 182 --reps 500 --clients 20 --seconds 20

Starts the real app with uvicorn (its own process, SQLite, one person with ``--days`` of history
written through the real services, see web_history.py) and, in a second process under the same
uvicorn settings, a bare FastAPI endpoint: the anchor. Both servers record their own CPU time
per request (web_servers.CpuProbe).

1. Server CPU, one request at a time: the home page, today's JSON and the progress page as
   cache hits (the same page again) and as cache misses (a habit is ticked or unticked before
   each read, which empties the view cache), then posting a session log, next to the goal (a miss at most 10 ms) and the bare
   endpoint. The ratio to the bare endpoint is the figure that travels between machines.
2. Latency under load: N concurrent clients (httpx, asyncio) and, when installed, wrk.

Never part of the test run.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import platform
import shutil
import socket
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx
from web_history import build_history  # benchmarks/ is on sys.path when run as a script
from web_load import load_report
from web_servers import PROBE_PATH, serve_bare, serve_psoas

MISS_GOAL_MS = 10.0
PAGES = (("home page GET /", "/"), ("today JSON GET /api/today", "/api/today"),
         ("progress page GET /progress", "/progress"))  # fmt: skip


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, timeout: float = 60) -> float:
    """Seconds until ``url`` first answers."""
    began = time.perf_counter()
    while time.perf_counter() - began < timeout:
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return time.perf_counter() - began
        except httpx.TransportError:
            time.sleep(0.05)
    raise SystemExit(f"server at {url} did not start")


def server_cpu(client: httpx.Client, base: str, method: str, path: str) -> list[float]:
    """The server's CPU seconds of each ``method path`` since the last call."""
    samples = client.get(f"{base}{PROBE_PATH}").json()
    WRITES.extend(cpu for m, p, cpu in samples if m == "POST" and p == "/api/habits")
    return [cpu for m, p, cpu in samples if m == method and p == path]


WRITES: list[float] = []  # the habit ticks' CPU seconds, gathered while reading the pages


def checked(response: httpx.Response) -> httpx.Response:
    if response.status_code >= 400:
        raise SystemExit(f"{response.request.url} answered {response.status_code}")
    return response


def cpu_table(psoas: str, bare: str, reps: int) -> list[tuple[str, str, list[float]]]:
    """(target, 'hit' | 'miss' | 'write' | 'anchor', CPU seconds per request)."""
    rows: list[tuple[str, str, list[float]]] = []
    with httpx.Client(timeout=30) as client:
        token = checked(client.get(f"{psoas}/api/csrf")).json()["csrf_token"]
        client.headers["X-CSRF-Token"] = token
        session_id = today_session(client, psoas)
        log_path = f"/api/sessions/{session_id}/log"
        habit = checked(client.get(f"{psoas}/api/habits")).json()["habits"][0]["id"]
        body = {"events": [], "now": 600, "pain_before": 2, "pain_after": 1, "effort": 4}
        for name, path in PAGES:
            checked(client.get(f"{psoas}{path}"))  # warm: the next ones are cache hits
            server_cpu(client, psoas, "GET", path)
            for _ in range(reps):
                checked(client.get(f"{psoas}{path}"))
            rows.append((name, "hit", server_cpu(client, psoas, "GET", path)))
            for n in range(reps):  # tick and untick a habit: the history keeps its size
                tick = {"habit_id": habit, "done": n % 2 == 0}
                checked(client.post(f"{psoas}/api/habits", json=tick))
                checked(client.get(f"{psoas}{path}"))
            rows.append((name, "miss", server_cpu(client, psoas, "GET", path)))
        rows.append(("tick a habit", "write", WRITES))
        for _ in range(reps):
            checked(client.post(f"{psoas}{log_path}", json=body))
        rows.append(("post session log", "write", server_cpu(client, psoas, "POST", log_path)))
        server_cpu(client, bare, "GET", "/bare")
        for _ in range(reps):
            checked(client.get(f"{bare}/bare"))
        rows.append(("bare FastAPI GET /bare", "anchor", server_cpu(client, bare, "GET", "/bare")))
    return rows


def today_session(client: httpx.Client, base: str) -> str:
    plan = checked(client.get(f"{base}/api/plan")).json()
    return next(s["id"] for w in plan["weeks"] for s in w["sessions"] if s["kind"] != "rest")


def print_cpu(rows: list[tuple[str, str, list[float]]], reps: int) -> None:
    anchor = statistics.median(rows[-1][2]) * 1000
    print(f"\n1. Server CPU per request (time.process_time in the server), median of {reps}")
    print(f"{'target':<30} {'cache':<6} {'median ms':>9} {'p90 ms':>7} {'x bare':>7}  goal")
    for name, kind, samples in rows:
        ms = sorted(s * 1000 for s in samples)
        median, p90 = statistics.median(ms), ms[int(len(ms) * 0.9)]
        goal = ""
        if kind == "miss":
            met = "met" if median <= MISS_GOAL_MS else "NOT met"
            goal = f"<= {MISS_GOAL_MS:.0f} ms: {met}"
        print(f"{name:<30} {kind:<6} {median:>9.2f} {p90:>7.2f} {median / anchor:>7.1f}  {goal}")


def start_servers(data_dir: Path, port: int = 0) -> tuple[list, str, str, float]:
    psoas_port, bare_port = (port, port + 1) if port else (free_port(), free_port())
    spawn = multiprocessing.get_context("spawn")
    servers = [
        spawn.Process(target=serve_psoas, args=(str(data_dir), psoas_port), daemon=True),
        spawn.Process(target=serve_bare, args=(bare_port,), daemon=True),
    ]
    for p in servers:
        p.start()
    psoas_url, bare_url = f"http://127.0.0.1:{psoas_port}", f"http://127.0.0.1:{bare_port}"
    up = wait_until_up(f"{psoas_url}/api/health")
    wait_until_up(f"{bare_url}/bare")
    return servers, psoas_url, bare_url, up


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=365, help="days of history")
    parser.add_argument("--reps", type=int, default=200, help="timed requests per CPU figure")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=2000, help="per target under load")
    parser.add_argument("--seconds", type=float, default=15.0, help="per target under load")
    parser.add_argument("--quick", action="store_true", help="a few requests, for CI")
    parser.add_argument(
        "--port",
        type=int,
        default=0,
        help="psoas on this port, the bare app on the next one (default: any two free ports)",
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.days, args.reps, args.clients, args.requests, args.seconds = 14, 5, 2, 20, 2.0
    data_dir = Path(tempfile.mkdtemp(prefix="psoas-bench-web-"))
    began = time.perf_counter()
    build_history(data_dir, args.days)
    print(f"history: {args.days} days built in {time.perf_counter() - began:.1f} s ({data_dir})")
    servers, psoas_url, bare_url, up = start_servers(data_dir, args.port)
    try:
        print(f"psoas server answered {up:.2f} s after its process started")
        rows = cpu_table(psoas_url, bare_url, args.reps)
        print_cpu(rows, args.reps)
        asyncio.run(load_report(args, psoas_url, bare_url))
    finally:
        for p in servers:
            p.terminate()
            p.join(timeout=10)
        shutil.rmtree(data_dir, ignore_errors=True)
    print(
        f"\nmachine: {os.cpu_count()} CPUs ({platform.machine()}), Python "
        f"{sys.version.split()[0]}, load average {os.getloadavg()[0]:.1f} (other processes may "
        "share the CPUs: run it more than once)"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
