"""The progress report's recent sessions: what a clinician reads first in a log - pain before,
during, after and the next morning, effort, what was skipped, and the person's own notes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from psoas.domain.records.session_logs import SessionLog
from psoas.export.pdf_base import MUTED, Document
from psoas.export.pdf_table import table

SESSIONS_SHOWN = 12


def _pain(value: int | None) -> str:
    return "-" if value is None else str(value)


def _skipped(log: SessionLog, names: Mapping[str, str]) -> str:
    skipped = [s.exercise_id for s in log.sets if s.skipped]
    done = {s.exercise_id for s in log.sets if not s.skipped}
    whole = [slug for slug in dict.fromkeys(skipped) if slug not in done]
    part = [slug for slug in dict.fromkeys(skipped) if slug in done]
    words = [names.get(slug, "an exercise") for slug in whole]
    words += [f"some sets of {names.get(slug, 'an exercise')}" for slug in part]
    return ", ".join(words) or "none"


def _notes(log: SessionLog) -> str:
    notes = [log.notes.strip()] if log.notes.strip() else []
    notes += [s.note.strip() for s in log.sets if s.note.strip()]
    if not log.completed:
        notes.insert(0, "Stopped early.")
    return " ".join(dict.fromkeys(notes)) or "-"


def session_rows(logs: Sequence[SessionLog], names: Mapping[str, str]) -> list[list[str]]:
    """The latest sessions, newest first, one row each."""
    recent = sorted(logs, key=lambda log: log.started_at, reverse=True)[:SESSIONS_SHOWN]
    return [
        [
            f"{log.session_date:%Y-%m-%d}",
            " / ".join(
                _pain(v)
                for v in (log.pain_before, log.pain_during, log.pain_after, log.next_morning_pain)
            ),
            _pain(log.effort),
            _skipped(log, names),
            _notes(log),
        ]
        for log in recent
    ]


def recent_sessions(pdf: Document, logs: Sequence[SessionLog], names: Mapping[str, str]) -> None:
    pdf.heading("Recent sessions", 13, keep=30)
    rows = session_rows(logs, names)
    if not rows:
        pdf.paragraph("No session has been logged yet.", 9.5)
        return
    pdf.paragraph(
        "Pain is 0-10 before / during (the highest) / after / next morning; effort is 0-10; "
        "a dash means it was not asked or not answered.",
        9,
        colour=MUTED,
    )
    widths = (22, 30, 14, 44, pdf.content_width - 110)
    header = ("Date", "Pain b / d / a / next", "Effort", "Skipped", "Notes")
    table(pdf, header, rows, widths, ("L", "C", "C", "L", "L"), size=9)
