"""Start-up benchmark: CPU time of psoas commands next to bare Python, and how soon `psoas serve`
answers its first request.

    python benchmarks/startup.py              # 15 runs of each command
    python benchmarks/startup.py --quick      # 2 runs each (CI smoke)

Each command runs as its own process (the installed ``psoas`` entry point next to this Python);
its CPU time (user + system) comes from ``resource.getrusage(RUSAGE_CHILDREN)`` around the run,
and the median of ``--runs`` is printed with its goal and as a multiple of ``python -c pass``
and ``python -c "import typer"`` measured in the same run (the anchors). ``psoas today`` reads a
week of history made through the real services in a temporary data folder. The exercise
commands read the catalogue's snapshot from the user's cache folder (the first run after an
install or a catalogue change validates the files and writes it); the line marked "first run"
gives each run an empty cache folder, so it measures that validation. ``psoas serve`` is
started the same way and timed (wall clock) until ``GET /`` answers. Never part of the test run.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from web_history import build_history  # benchmarks/ is on sys.path when run as a script

PYTHON = sys.executable
PSOAS = str(Path(PYTHON).with_name("psoas"))

# (label, command, goal in CPU seconds or None)
COMMANDS: tuple[tuple[str, list[str], float | None], ...] = (
    ("python -c pass (anchor)", [PYTHON, "-c", "pass"], None),
    ('python -c "import typer" (anchor)', [PYTHON, "-c", "import typer"], None),
    ("psoas --help", [PSOAS, "--help"], 0.15),
    ("psoas --version", [PSOAS, "--version"], 0.3),
    ("psoas exercises list", [PSOAS, "exercises", "list"], 0.3),
    ("psoas exercises show dead-bug", [PSOAS, "exercises", "show", "dead-bug"], 0.3),
    ("psoas exercises list, first run", [PSOAS, "exercises", "list"], None),
    ("psoas today", [PSOAS, "today"], None),
)
SERVE_GOAL = 1.5
FIRST_RUN = "psoas exercises list, first run"  # each run with an empty cache folder (Linux)


def cpu_of(command: list[str], env: dict[str, str]) -> tuple[float, int]:
    """CPU seconds (user + system) of one run of ``command`` and its exit code."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(command, env=env, capture_output=True, timeout=120, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return used, done.returncode


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def process_cpu(pid: int) -> float | None:
    """CPU seconds (user + system) the process has used so far, from /proc (Linux)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def first_answer(env: dict[str, str], port: int = 0) -> tuple[float, float | None]:
    """Wall seconds from starting ``psoas serve`` until ``GET /`` answers 200, and the CPU
    seconds the server had used by then (the figure a busy machine disturbs less)."""
    port = port or free_port()
    began = time.perf_counter()
    server = subprocess.Popen(
        [PSOAS, "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while time.perf_counter() - began < 60:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/", timeout=5).status_code == 200:
                    return time.perf_counter() - began, process_cpu(server.pid)
            except httpx.TransportError:
                time.sleep(0.01)
        raise SystemExit("psoas serve did not answer within 60 s")
    finally:
        server.terminate()
        server.wait(timeout=10)


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--quick", action="store_true", help="2 runs of each, for CI")
    parser.add_argument("--port", type=int, default=0, help="for psoas serve (default: a free one)")
    args = parser.parse_args(argv)
    runs = 2 if args.quick else args.runs
    data_dir = Path(tempfile.mkdtemp(prefix="psoas-bench-startup-"))
    try:
        build_history(data_dir, 7)
        env = {**os.environ, "PSOAS_DATA_DIR": str(data_dir), "COLUMNS": "100"}
        report(runs, env, args.port)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


def run_env(label: str, env: dict[str, str]) -> dict[str, str]:
    """The environment of one run: the "first run" line gets a new, empty cache folder."""
    if label != FIRST_RUN:
        return env
    return {**env, "XDG_CACHE_HOME": tempfile.mkdtemp(dir=env["PSOAS_DATA_DIR"])}


def report(runs: int, env: dict[str, str], port: int = 0) -> None:
    medians: dict[str, float] = {}
    print(f"CPU seconds (user + system) per run, median of {runs} runs, each its own process")
    print(f"{'command':<36} {'median s':>9} {'min s':>7} {'x pass':>7} {'x typer':>8}  goal")
    for label, command, goal in COMMANDS:
        measured = [cpu_of(command, run_env(label, env)) for _ in range(runs)]
        if any(code != 0 for _, code in measured):
            print(f"{label:<36} {'failed':>9}  (exit {measured[0][1]}; not available here)")
            continue
        times = [cpu for cpu, _ in measured]
        medians[label] = median = statistics.median(times)
        anchors = [medians.get(name) for name, _, _ in COMMANDS[:2]]
        ratios = [f"{median / a:.1f}" if a else "-" for a in anchors]
        verdict = f"<= {goal:.2f} s: {'met' if median <= goal else 'NOT met'}" if goal else ""
        print(
            f"{label:<36} {median:>9.3f} {min(times):>7.3f} {ratios[0]:>7} {ratios[1]:>8}  "
            f"{verdict}"
        )
    answers = [first_answer(env, port) for _ in range(max(1, runs // 3))]
    serve = [wall for wall, _ in answers]
    cpu = [used for _, used in answers if used is not None]
    median = statistics.median(serve)
    met = "met" if median <= SERVE_GOAL else "NOT met"
    used = f"; its CPU by then {statistics.median(cpu):.2f} s" if cpu else ""
    print(
        f"\npsoas serve: first GET / answered after {median:.2f} s (wall, median of "
        f"{len(serve)}; min {min(serve):.2f} s{used})  goal <= {SERVE_GOAL} s: {met}"
    )
    print(
        f"machine: {os.cpu_count()} CPUs ({platform.machine()}), Python {sys.version.split()[0]}, "
        f"load average {os.getloadavg()[0]:.1f} (other processes may share the CPUs: run it "
        "more than once)"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
