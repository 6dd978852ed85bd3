"""Core executemany filling for benchmarks/storage.py: one person's year of daily logs and weekly
measurements as row dicts, inserted in large batches (the path that gives the insert throughput).
"""

from __future__ import annotations

import random
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Engine, insert

from psoas.storage import tables

END = date(2026, 11, 1)
SETS = [
    {
        "exercise_id": "half-kneeling-hip-flexor-stretch",
        "set_index": i,
        "side": side,
        "planned_reps": None,
        "planned_hold_seconds": 30,
        "done_reps": None,
        "done_hold_seconds": 30,
        "skipped": False,
        "pain": 2,
        "note": "",
    }
    for i in (1, 2)
    for side in ("left", "right")
]
LOG_DATA = {"sets": SETS, "notes": "", "events": []}


def person_rows(person_id: str, days: int, rng: random.Random) -> tuple[list, list]:
    """One person's year: a log every day, pain and both hip angles once a week."""
    logs, measurements = [], []
    pain = rng.randint(2, 7)
    for offset in range(days):
        day = END - timedelta(days=days - offset)
        started = datetime(day.year, day.month, day.day, 7, rng.randint(0, 59), tzinfo=UTC)
        if offset % 7 == 0:
            pain = max(0, min(10, pain + rng.choice((-1, 0, 0, 1))))
        logs.append(
            {
                "id": uuid.uuid4().hex,
                "person_id": person_id,
                "session_date": day,
                "started_at": started,
                "finished_at": started + timedelta(minutes=12),
                "plan_id": None,
                "session_id": None,
                "pain_before": pain,
                "pain_during": pain,
                "pain_after": max(0, pain - 1),
                "next_morning_pain": None,
                "effort": 4,
                "completed": True,
                "data": LOG_DATA,
            }
        )
        if offset % 7 == 0:
            for kind, value, unit, side in (
                ("pain", float(pain), "nrs", None),
                ("hip_angle", rng.uniform(-5, 15), "deg", "left"),
                ("hip_angle", rng.uniform(-5, 15), "deg", "right"),
            ):
                measurements.append(
                    {
                        "id": uuid.uuid4().hex,
                        "person_id": person_id,
                        "kind": kind,
                        "value": value,
                        "unit": unit,
                        "method": "self_report",
                        "taken_at": started,
                        "side": side,
                        "label": "",
                        "data": {},
                    }
                )
    return logs, measurements


def batches(rows: list, size: int) -> Iterator[list]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


class Filler:
    """Inserts people one at a time into buffers flushed in big executemany batches."""

    def __init__(self, engine: Engine, batch: int) -> None:
        self.engine, self.batch = engine, batch
        self.buffers: dict[str, list] = {"people": [], "session_logs": [], "measurements": []}
        self.logs = self.rows = 0
        self.seconds = 0.0

    def add_person(self, person_id: str, days: int, rng: random.Random) -> None:
        self.buffers["people"].append(
            {
                "id": person_id,
                "display_name": "Benchmark person",
                "created_at": datetime(2025, 1, 1, tzinfo=UTC),
                "timezone": "UTC",
                "clinician_id": None,
                "data": {},
            }
        )
        logs, measurements = person_rows(person_id, days, rng)
        self.buffers["session_logs"] += logs
        self.buffers["measurements"] += measurements
        self.logs += len(logs)
        if len(self.buffers["session_logs"]) >= self.batch:
            self.flush()

    def flush(self) -> None:
        started = time.perf_counter()
        with self.engine.begin() as conn:
            for name in ("people", "session_logs", "measurements"):
                rows = self.buffers[name]
                for chunk in batches(rows, self.batch):
                    conn.execute(insert(tables.metadata.tables[name]), chunk)
                self.rows += len(rows)
                self.buffers[name] = []
        self.seconds += time.perf_counter() - started
