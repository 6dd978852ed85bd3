"""The visit sheet: a one- or two-page illustrated list of today's or this week's exercises,
printed during a visit (picture, dose, days, the clinician's note and the key cues)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from psoas.domain.catalogue.exercises import Exercise
from psoas.domain.planning.building import days_text
from psoas.domain.planning.plans import Plan, Prescription
from psoas.domain.records.people import WEEKDAYS
from psoas.export.figures import exercise_svg
from psoas.export.pdf_base import INK, MUTED, Document, long_date
from psoas.export.wording import SAFETY_NOTE, dose_text

FIGURE_W, FIGURE_H = 62.0, 36.0  # mm
ROW_GAP = 4.0


@dataclass(frozen=True)
class SheetLine:
    exercise: Exercise
    prescription: Prescription
    days: tuple[str, ...]


def sheet_lines(
    plan: Plan, exercises: Mapping[str, Exercise], first: date, last: date
) -> list[SheetLine]:
    """Each exercise planned between ``first`` and ``last`` once, with the weekdays it falls on."""
    found: dict[str, tuple[Prescription, set[str]]] = {}
    for session in plan.sessions():
        if not first <= session.date <= last:
            continue
        for p in session.prescriptions:
            _, days = found.setdefault(p.exercise_id, (p, set()))
            days.add(WEEKDAYS[session.date.weekday()])
    return [
        SheetLine(exercises[eid], p, tuple(d for d in WEEKDAYS if d in days))
        for eid, (p, days) in found.items()
        if eid in exercises
    ]


def _line(pdf: Document, line: SheetLine, one_day: bool) -> None:
    svg = exercise_svg(line.exercise)
    width, height = pdf.svg_box(svg, FIGURE_W, FIGURE_H)
    need = max(height, 24) + ROW_GAP
    if pdf.get_y() + need > pdf.page_break_trigger:
        pdf.add_page()
    top = pdf.get_y()
    pdf.svg(svg, pdf.l_margin, top, width)
    text_x = pdf.l_margin + FIGURE_W + 5
    text_w = pdf.content_width - FIGURE_W - 5
    pdf.set_xy(text_x, top)
    pdf.font(12, "B")
    pdf.text_block(line.exercise.name, 6, x=text_x, width=text_w)
    pdf.font(10.5)
    when = "" if one_day else f" · {days_text(line.days)}"
    pdf.text_block(dose_text(line.prescription) + when, 5, x=text_x, width=text_w)
    if line.prescription.note:
        pdf.font(10, "B")
        pdf.text_block(f"Note: {line.prescription.note}", 5, x=text_x, width=text_w)
    pdf.font(9.5)
    pdf.set_text_color(*MUTED)
    for cue in line.exercise.cues[:2]:
        pdf.text_block(f"- {cue}", 4.5, x=text_x, width=text_w)
    pdf.set_text_color(*INK)
    pdf.set_y(max(pdf.get_y(), top + height) + ROW_GAP)


def visit_sheet_pdf(
    person_label: str,
    plan: Plan,
    exercises: Mapping[str, Exercise],
    *,
    first: date,
    last: date,
    clinic_name: str | None,
    made_at: datetime,
    page_size: str = "A4",
) -> bytes:
    """The sheet as PDF bytes; an empty range still prints a sheet that says so."""
    period = long_date(first) if first == last else f"{long_date(first)} to {long_date(last)}"
    pdf = Document(page_size, f"Exercises for {person_label}", created=made_at)
    pdf.add_page()
    pdf.heading(f"Your exercises: {person_label}", 17, 0)
    clinic = f"{clinic_name} · " if clinic_name else ""
    pdf.paragraph(f"{clinic}{period}", 10.5, colour=MUTED)
    lines: Sequence[SheetLine] = sheet_lines(plan, exercises, first, last)
    if not lines:
        pdf.paragraph("Nothing is planned in this period: a rest time.", 11)
    for line in lines:
        _line(pdf, line, one_day=first == last)
    pdf.paragraph(SAFETY_NOTE, 9, colour=MUTED)
    return pdf.to_bytes()
