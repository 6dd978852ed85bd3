"""The plan handout PDF: a cover with the safety note, the plan week by week, one section per
exercise with its illustration (vector graphics), dose, steps, cues and cautions.

The progress report for a clinician lives in ``pdf_report``; both share ``pdf_base``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from fpdf.enums import XPos, YPos

from psoas.domain.durations import planned_session_seconds
from psoas.domain.exercises import Exercise
from psoas.domain.plans import Plan, PlannedSession, SessionKind
from psoas.export.figures import exercise_svg
from psoas.export.pdf_base import (
    ACCENT,
    INK,
    MUTED,
    WARN_BG,
    WARN_INK,
    Document,
    long_date,
)
from psoas.export.pdf_table import table
from psoas.export.wording import KIND_TITLES, SAFETY_NOTE, SEEK_CARE, dose_text

FigureFunction = Callable[[Exercise], str]
FIGURE_MAX_HEIGHT = 48  # mm; wide multi-pose figures use the full text width instead


@dataclass(frozen=True)
class _Use:
    """How the plan uses one exercise: its distinct doses by week and any modification."""

    exercise_id: str
    doses: dict[str, list[int]]  # dose text -> week numbers
    modifications: tuple[str, ...]


def _uses(plan: Plan) -> list[_Use]:
    order: list[str] = []
    doses: dict[str, dict[str, list[int]]] = {}
    mods: dict[str, list[str]] = {}
    for week in plan.weeks:
        for session in week.sessions:
            for p in session.prescriptions:
                if p.exercise_id not in doses:
                    order.append(p.exercise_id)
                weeks = doses.setdefault(p.exercise_id, {}).setdefault(dose_text(p), [])
                if week.index not in weeks:
                    weeks.append(week.index)
                if p.modification and p.modification not in mods.setdefault(p.exercise_id, []):
                    mods[p.exercise_id].append(p.modification)
    return [_Use(slug, doses[slug], tuple(mods.get(slug, ()))) for slug in order]


def _weeks_text(weeks: list[int]) -> str:
    if len(weeks) == 1:
        return f"Week {weeks[0]}"
    if weeks == list(range(weeks[0], weeks[-1] + 1)):
        return f"Weeks {weeks[0]}-{weeks[-1]}"
    return "Weeks " + ", ".join(str(w) for w in weeks)


def _name(exercises: Mapping[str, Exercise], slug: str) -> str:
    exercise = exercises.get(slug)
    return exercise.name if exercise else slug


def _cover(pdf: Document, person_label: str, plan: Plan, clinic_name: str | None, estimate) -> None:
    pdf.add_page()
    sessions = plan.sessions()
    end = max((s.date for s in sessions), default=plan.start)
    active = [s for s in sessions if s.kind != SessionKind.REST]
    minutes = round(sum(estimate(s) for s in active) / 60 / max(1, len(active)))
    pdf.ln(18)
    pdf.font(11, "B")
    pdf.set_text_color(*MUTED)
    pdf.cell(0, 6, pdf.clean(clinic_name or "psoas"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)
    pdf.font(26, "B")
    pdf.set_text_color(*ACCENT)
    pdf.multi_cell(0, 12, "Your hip flexor plan", align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.font(14)
    pdf.set_text_color(*INK)
    if person_label:
        pdf.multi_cell(
            0, 8, pdf.clean(f"For {person_label}"), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
    pdf.ln(3)
    facts = [
        f"{long_date(plan.start)} to {long_date(end)}",
        f"{len(plan.weeks)} weeks, {len(active)} sessions, about {minutes} minutes each",
        f"Sessions at {plan.preferences.preferred_time:%H:%M} on the days in the table",
    ]
    pdf.bullets(facts, size=11)
    if plan.summary:
        pdf.ln(2)
        pdf.paragraph(plan.summary, size=11)
    if plan.stopped_reason:
        pdf.boxed(
            "This plan is paused",
            [plan.stopped_reason, "Please talk to a clinician before you carry on."],
            WARN_BG,
            WARN_INK,
        )
    pdf.ln(4)
    pdf.boxed("Safety first", [SAFETY_NOTE])
    pdf.boxed("When to stop and seek care", list(SEEK_CARE), WARN_BG, WARN_INK)


def _session_cell(session: PlannedSession, exercises: Mapping[str, Exercise]) -> str:
    if not session.prescriptions:
        return "Rest, or an easy walk"
    return "\n".join(
        f"{_name(exercises, p.exercise_id)}: {dose_text(p, short=True)}"
        for p in session.prescriptions
    )


def _schedule(pdf: Document, plan: Plan, exercises: Mapping[str, Exercise], estimate) -> None:
    pdf.add_page()
    pdf.heading("Your plan, week by week", 18, 0)
    widths = (26, 30, pdf.content_width - 26 - 30 - 18, 18)
    for week in plan.weeks:
        pdf.heading(f"Week {week.index}: {week.phase}", 12, 3, keep=60)
        if week.focus:
            pdf.paragraph(week.focus, 9.5, colour=MUTED)
        rows = []
        for s in week.sessions:
            rest = s.kind == SessionKind.REST
            minutes = "-" if rest else str(max(1, round(estimate(s) / 60)))
            day = f"{s.date:%a} {s.date.day} {s.date:%b}"
            rows.append([day, s.title or KIND_TITLES[s.kind], _session_cell(s, exercises), minutes])
        header = ("Day", "Session", "Exercises and dose", "Minutes")
        table(pdf, header, rows, widths, ("L", "L", "L", "R"))


def _column(pdf: Document, x: float, width: float, top: float, draw) -> float:
    """Run ``draw`` inside a column [x, x + width] from ``top``; returns the y it ended at."""
    left, right = pdf.l_margin, pdf.r_margin
    pdf.set_left_margin(x)
    pdf.set_right_margin(pdf.w - x - width)
    pdf.set_xy(x, top)
    draw()
    end = pdf.get_y()
    pdf.set_left_margin(left)
    pdf.set_right_margin(right)
    return end


def _dose(pdf: Document, exercise: Exercise, use: _Use) -> None:
    pdf.font(10, "B")
    pdf.cell(0, 5, "Dose", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.bullets([f"{_weeks_text(weeks)}: {text}" for text, weeks in use.doses.items()], size=10)
    if exercise.dose.rest_seconds:
        pdf.paragraph(f"Rest about {exercise.dose.rest_seconds} s between sets.", 9.5, colour=MUTED)


def _breathing(pdf: Document, exercise: Exercise) -> None:
    pdf.font(10, "B")
    pdf.cell(0, 5, "Breathing", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.paragraph(exercise.breathing, 10)


def _section(pdf: Document, exercise: Exercise, use: _Use, figures, exercises) -> None:
    svg = figures(exercise) if figures is not None else None
    width, height = pdf.svg_box(svg, pdf.content_width, FIGURE_MAX_HEIGHT) if svg else (0.0, 0.0)
    if pdf.get_y() + 22 + height + 30 > pdf.page_break_trigger:
        pdf.add_page()
    pdf.heading(exercise.name, 14, 4, keep=height + 30)
    pdf.paragraph(exercise.summary, 10, colour=MUTED)
    if svg:
        top = pdf.get_y() + 1
        pdf.svg(svg, pdf.l_margin, top, width)
        pdf.set_y(top + height + 3)
    top = pdf.get_y()
    half = (pdf.content_width - 8) / 2
    ends = [_column(pdf, pdf.l_margin, half, top, lambda: _dose(pdf, exercise, use))]
    if exercise.breathing:
        right = pdf.l_margin + half + 8
        ends.append(_column(pdf, right, half, top, lambda: _breathing(pdf, exercise)))
    pdf.set_xy(pdf.l_margin, max(ends))
    _lists(pdf, exercise, use, exercises)


def _lists(pdf: Document, exercise: Exercise, use: _Use, exercises) -> None:
    blocks = [
        ("Steps", exercise.steps, True),
        ("Cues", exercise.cues, False),
        ("Common mistakes", exercise.mistakes, False),
    ]
    cautions = list(dict.fromkeys([*use.modifications, *(c.note for c in exercise.cautions)]))
    easier = [_name(exercises, slug) for slug in exercise.easier if slug in exercises]
    if easier:
        cautions.append("Easier option if this is too much: " + ", ".join(easier) + ".")
    blocks.append(("Cautions", tuple(cautions), False))
    for title, items, numbered in blocks:
        if not items:
            continue
        if pdf.get_y() + 16 > pdf.page_break_trigger:  # keep a title with its first line
            pdf.add_page()
        pdf.font(10, "B")
        pdf.cell(0, 6, title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.bullets(items, numbered=numbered, size=10)


def _exercise_pages(pdf: Document, plan: Plan, exercises: Mapping[str, Exercise], figures) -> None:
    pdf.add_page()
    pdf.heading("The exercises", 18, 0)
    pdf.paragraph(
        "Each exercise with its picture, your dose, the steps and what to watch for. "
        "Move slowly, keep breathing, and stay within a comfortable range.",
        10,
        colour=MUTED,
    )
    for use in _uses(plan):
        exercise = exercises.get(use.exercise_id)
        if exercise is not None:
            _section(pdf, exercise, use, figures, exercises)


def plan_handout_pdf(
    person_label: str,
    plan: Plan,
    exercises: Mapping[str, Exercise],
    *,
    page_size: str = "A4",
    clinic_name: str | None = None,
    figures: FigureFunction | None = exercise_svg,
    estimate_seconds: Callable[[PlannedSession], int] = planned_session_seconds,
) -> bytes:
    """The printable plan handout as PDF bytes (A4 or US Letter).

    ``person_label`` names the person on the cover ("" leaves the name out).
    ``exercises`` maps ids to catalogue entries (``catalogue.exercises``); ``figures`` draws
    an exercise as SVG (None leaves the pictures out). The PDF's creation date is the plan's,
    so the same plan gives the same document.
    """
    title = f"Plan for {person_label}" if person_label else "Your psoas plan"
    pdf = Document(page_size, title, created=plan.created_at)
    _cover(pdf, person_label, plan, clinic_name, estimate_seconds)
    _schedule(pdf, plan, exercises, estimate_seconds)
    _exercise_pages(pdf, plan, exercises, figures)
    return pdf.to_bytes()
