"""Crash safety: SIGKILL in the middle of a stream of writes loses no committed record."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import select
from tests import factories as f

from psoas.storage import schema, tables
from psoas.storage.engine import make_engine
from psoas.storage.uow import SqlUnitOfWork

WRITER = Path(__file__).with_name("crash_writer.py")
COMMITS_BEFORE_KILL = 150


def test_sigkill_mid_stream_keeps_every_committed_record(tmp_path):
    url = f"sqlite:///{tmp_path / 'crash.db'}"
    engine = make_engine(url)
    schema.upgrade(engine)
    person = f.person()
    with SqlUnitOfWork(engine) as uow:
        uow.people.add(person)
    engine.dispose()

    root = Path(__file__).resolve().parents[3]
    env = {**os.environ, "PYTHONPATH": str(root / "src")}
    writer = subprocess.Popen(
        [sys.executable, str(WRITER), url, person.id],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    reported: list[int] = []
    deadline = time.monotonic() + 60
    assert writer.stdout is not None
    while len(reported) < COMMITS_BEFORE_KILL and time.monotonic() < deadline:
        line = writer.stdout.readline()
        if not line:
            break
        reported.append(int(line))
    writer.send_signal(signal.SIGKILL)
    reported += [int(line) for line in writer.stdout.read().split()]
    writer.wait()
    assert writer.returncode == -signal.SIGKILL
    assert len(reported) >= COMMITS_BEFORE_KILL

    engine = make_engine(url)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        ids = set(conn.execute(select(tables.measurements.c.id)).scalars())
    engine.dispose()
    expected = {f"m-{n}-{k}" for n in reported for k in range(5)}
    assert expected <= ids
    batches = {int(i.split("-")[1]) for i in ids}
    assert all(sum(1 for i in ids if i.startswith(f"m-{n}-")) == 5 for n in batches)
