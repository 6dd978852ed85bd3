"""Session logs and measurements as tidy CSV (columns documented in docs/csv.md).

One row per set and side for session logs (session-level fields repeat on every row of the
session), one row per measurement. Dates and times are ISO 8601; UTF-8 (with a byte order mark
when asked, so Excel reads accents right); a header row first. Times and durations nobody gave
(a session logged afterwards) stay empty.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence

from psoas.domain.catalogue.exercises import Exercise
from psoas.domain.records.measurements import Measurement
from psoas.domain.records.session_logs import SessionLog, SetRecord
from psoas.export.local_time import local_date, local_iso

SESSION_LOG_COLUMNS = (
    "log_id",
    "session_date",
    "started_at",
    "finished_at",
    "duration_seconds",
    "plan_id",
    "session_id",
    "completed",
    "exercise_id",
    "exercise_name",
    "set_index",
    "side",
    "planned_reps",
    "planned_hold_seconds",
    "done_reps",
    "done_hold_seconds",
    "skipped",
    "set_pain",
    "set_note",
    "pain_before",
    "pain_during",
    "pain_after",
    "next_morning_pain",
    "effort",
    "session_notes",
)

MEASUREMENT_COLUMNS = (
    "measurement_id",
    "taken_at",
    "date",
    "kind",
    "side",
    "value",
    "unit",
    "method",
    "label",
)

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value: str) -> str:
    """Text made safe for spreadsheets (OWASP CSV injection): a cell that starts with a
    formula character gets a leading quote, so a spreadsheet shows it instead of running it.
    Every CSV psoas writes passes its text cells through here."""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | float):
        return str(value)  # a negative number stays a number
    return safe_text(str(value))


BOM = "\ufeff"


def _write(columns: Sequence[str], rows: Iterable[Sequence[object]], bom: bool) -> bytes:
    buffer = io.StringIO(newline="")
    if bom:
        buffer.write(BOM)
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return buffer.getvalue().encode("utf-8")


def _log_rows(log: SessionLog, names: Mapping[str, str], zone: str) -> list[list[object]]:
    session = [
        log.id,
        log.session_date.isoformat(),  # a local date already: the day the session was for
        local_iso(log.started_at, zone) if log.times_given else None,
        local_iso(log.finished_at, zone) if log.times_given else None,
        log.duration_seconds if log.duration_given else None,
        log.plan_id,
        log.session_id,
        log.completed,
    ]
    after = [
        log.pain_before,
        log.pain_during,
        log.pain_after,
        log.next_morning_pain,
        log.effort,
        safe_text(log.notes),
    ]
    if not log.sets:
        return [[*session, *([None] * 11), *after]]
    return [[*session, *_set_cells(s, names), *after] for s in log.sets]


def _set_cells(record: SetRecord, names: Mapping[str, str]) -> list[object]:
    return [
        record.exercise_id,
        names.get(record.exercise_id, ""),
        record.set_index,
        record.side.value,
        record.planned_reps,
        record.planned_hold_seconds,
        record.done_reps,
        record.done_hold_seconds,
        record.skipped,
        record.pain,
        safe_text(record.note),
    ]


def session_logs_csv(
    logs: Iterable[SessionLog],
    exercises: Mapping[str, Exercise] | None = None,
    *,
    bom: bool = False,
    zone: str = "UTC",
) -> bytes:
    """Every set and side of every log as one row, oldest session first.

    A log without sets (for example a session quit before the first set) still gives one row,
    so its pain ratings are not lost; its set columns are empty.
    """
    names = {slug: e.name for slug, e in (exercises or {}).items()}
    ordered = sorted(logs, key=lambda log: (log.session_date, log.started_at, log.id))
    rows = (row for log in ordered for row in _log_rows(log, names, zone))
    return _write(SESSION_LOG_COLUMNS, rows, bom)


def measurements_csv(
    measurements: Iterable[Measurement], *, bom: bool = False, zone: str = "UTC"
) -> bytes:
    """One row per measurement, oldest first; ``date`` is the person's day in ``zone``."""
    ordered = sorted(measurements, key=lambda m: (m.taken_at, m.id))
    rows = (
        [
            m.id,
            local_iso(m.taken_at, zone),
            local_date(m.taken_at, zone).isoformat(),
            m.kind.value,
            m.side.value if m.side else None,
            m.value,
            m.unit,
            m.method.value,
            safe_text(m.label),
        ]
        for m in ordered
    )
    return _write(MEASUREMENT_COLUMNS, rows, bom)
