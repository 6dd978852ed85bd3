"""A writer for the crash test: commits records one by one to a SQLite file, reporting each.

Run as ``python crash_writer.py DB_URL PERSON_ID``; prints each record id on its own line only
after its transaction has committed, then goes on until it is killed.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta

from psoas.domain.records.measurements import Measurement, MeasurementKind, Method, Side
from psoas.storage.engine import make_engine
from psoas.storage.uow import SqlUnitOfWork

START = datetime(2026, 1, 1, tzinfo=UTC)


def main(url: str, person_id: str) -> None:
    engine = make_engine(url)
    n = 0
    while True:
        n += 1
        batch = [
            Measurement(
                id=f"m-{n}-{k}",
                person_id=person_id,
                kind=MeasurementKind.HIP_ANGLE,
                value=float(n % 40),
                unit="deg",
                method=Method.PHOTO,
                taken_at=START + timedelta(minutes=n),
                side=Side.LEFT if k % 2 else Side.RIGHT,
                label="x" * 150,
            )
            for k in range(5)
        ]
        with SqlUnitOfWork(engine) as uow:
            for measurement in batch:
                uow.measurements.add(measurement)
        sys.stdout.write(f"{n}\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
