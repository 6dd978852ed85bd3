"""The soak's memory record: each worker's resident memory next to the size of the records.

A worker's memory is expected to follow the records it serves: every page reads the person's
whole history (a log more is a row more to fetch, compare and draw), each worker keeps decoded
records up to a fixed bound (``psoas.storage.decoded``), and the allocator keeps the high-water
mark of the biggest requests for reuse. So each row shows how many session logs and readings
the clinic holds at that moment, and the memory is judged flat over minutes in which the
records do not grow.
"""

from __future__ import annotations

import os
import statistics
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path


def workers_of(server_pid: int) -> list[int]:
    """The worker processes uvicorn started (children of the server), from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == server_pid and "spawn_main" in (entry / "cmdline").read_text():
                found.append(int(entry.name))
        except OSError:
            continue
    return sorted(found)


def cpu_seconds(pid: int) -> float:
    """The processor time the process has used so far (user and system)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


@dataclass
class Row:
    seconds: float
    phase: str
    logs: int
    readings: int
    rss: dict[int, float]
    cpu: dict[int, float]


@dataclass
class MemoryLog:
    """Rows of (time, phase, record counts, RSS per worker), taken on demand and once a minute
    by a background thread; each row is printed as it is taken."""

    workers: list[int]
    counts: Callable[[], dict[str, int]]
    began: float = field(default_factory=time.monotonic)
    phase: str = "start"
    rows: list[Row] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def header(self) -> None:
        names = "".join(f"  worker {pid:>7}" for pid in self.workers)
        print(f"  {'minute':>6}  {'phase':10} {'logs':>7} {'readings':>8}{names}  (RSS, MiB)")

    def take(self, phase: str | None = None) -> Row:
        with self._lock:
            self.phase = phase or self.phase
            found = self.counts()
            row = Row(
                time.monotonic() - self.began,
                self.phase,
                found["logs"],
                found["readings"],
                {pid: rss_mib(pid) for pid in self.workers},
                {pid: cpu_seconds(pid) for pid in self.workers},
            )
            self.rows.append(row)
            memory = "".join(f"  {row.rss[pid]:14.1f}" for pid in self.workers)
            print(f"  {row.seconds / 60:6.1f}  {row.phase:10} {row.logs:7} {row.readings:8}"
                  f"{memory}", flush=True)  # fmt: skip
            return row

    def every_minute(self) -> None:
        """Take a row once a minute (on the minute since ``began``) until ``stop``."""

        def run() -> None:
            minute = 1
            while not self._stop.wait(max(0.0, self.began + 60 * minute - time.monotonic())):
                self.take()
                minute += 1

        threading.Thread(target=run, daemon=True, name="soak-memory").start()

    def stop(self) -> None:
        self._stop.set()

    def summary(self) -> None:
        """Per phase, the records' growth and each worker's memory: from its first row to its
        last, and its slope over the phase's later half (a leak keeps climbing there; memory
        that follows the records flattens once they stop growing)."""
        for phase in dict.fromkeys(row.phase for row in self.rows[1:]):
            taken = [n for n, row in enumerate(self.rows) if row.phase == phase]
            rows = self.rows[taken[0] - 1 : taken[-1] + 1]  # from where the one before ended
            first, last = rows[0], rows[-1]
            print(f"{phase}: {(last.seconds - first.seconds) / 60:.1f} minutes, session logs "
                  f"{first.logs} -> {last.logs} ({_share(first.logs, last.logs)}), readings "
                  f"{first.readings} -> {last.readings} ({_share(first.readings, last.readings)})")  # fmt: skip
            same = (first.logs, first.readings) == (last.logs, last.readings)
            goal = "goal: flat, the records unchanged" if same else "the records grew"
            for pid in self.workers:
                print(f"  worker {pid}: RSS {first.rss[pid]:.1f} -> {last.rss[pid]:.1f} MiB "
                      f"({last.rss[pid] - first.rss[pid]:+.1f}){_slope(rows, pid)}  ({goal}); "
                      f"{last.cpu[pid] - first.cpu[pid]:.0f} s of processor time")  # fmt: skip


def _share(before: int, after: int) -> str:
    return f"{(after - before) / before * 100:+.0f} %" if before else f"+{after - before}"


def _slope(rows: list[Row], pid: int) -> str:
    """The least-squares slope of the later half of ``rows``, in MiB a minute."""
    middle = (rows[0].seconds + rows[-1].seconds) / 2
    later = [row for row in rows if row.seconds >= middle]
    if len(later) < 2 or later[-1].seconds - later[0].seconds < 90:
        return ""  # too short a stretch to tell a slope from noise
    fit = statistics.linear_regression([r.seconds / 60 for r in later], [r.rss[pid] for r in later])
    return f"; {fit.slope:+.2f} MiB a minute over its later half"
