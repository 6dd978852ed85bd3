"""The plan handout PDF, as a physiotherapist would hand it over: one page with the safety note
and the plan at a glance (weeks by days, and what each kind of session holds), then one card
per exercise (``pdf_cards``).

The progress report for a clinician lives in ``pdf_report``; both share ``pdf_base``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from fpdf.enums import XPos, YPos

from psoas.domain.catalogue.exercises import Exercise
from psoas.domain.planning.durations import planned_session_seconds
from psoas.domain.planning.plans import Plan, PlannedSession, SessionKind
from psoas.export.pdf_base import ACCENT, INK, MUTED, WARN_BG, WARN_INK, Document, long_date
from psoas.export.pdf_cards import LEGEND, PoseFigures, exercise_cards, pose_figures, weeks_text
from psoas.export.pdf_table import table
from psoas.export.wording import SAFETY_NOTE, SEEK_CARE

DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
SHORT_KIND = {
    SessionKind.MOBILITY: "Mobility",
    SessionKind.STRENGTH: "Strength",
    SessionKind.RETEST: "Re-test",
    SessionKind.REST: "Rest",
}


def _minutes(estimate, session: PlannedSession) -> int:
    return max(1, round(estimate(session) / 60))


def _title(pdf: Document, person_label: str, plan: Plan, clinic_name: str | None, estimate):
    sessions = plan.sessions()
    end = max((s.date for s in sessions), default=plan.start)
    active = [s for s in sessions if s.kind != SessionKind.REST]
    minutes = round(sum(estimate(s) for s in active) / 60 / max(1, len(active)))
    pdf.add_page()
    pdf.font(10, "B")
    pdf.set_text_color(*MUTED)
    pdf.cell(0, 5, pdf.clean(clinic_name or "psoas"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.font(20, "B")
    pdf.set_text_color(*ACCENT)
    heading = "Your hip flexor plan" + (f" for {person_label}" if person_label else "")
    pdf.text_block(heading, 9)
    pdf.set_text_color(*INK)
    pdf.paragraph(
        f"{long_date(plan.start)} to {long_date(end)}: {len(plan.weeks)} weeks, "
        f"{len(active)} sessions of about {minutes} minutes, "
        f"at {plan.preferences.preferred_time:%H:%M}.",
        10.5,
    )
    if plan.summary:
        pdf.paragraph(plan.summary, 10)
    pdf.script_note(person_label, plan.summary)
    if plan.stopped_reason:
        pdf.boxed(
            "This plan is paused",
            [plan.stopped_reason, "Please talk to a clinician before you carry on."],
            WARN_BG,
            WARN_INK,
        )
    pdf.boxed("Safety first", [SAFETY_NOTE])


def _week_grid(pdf: Document, plan: Plan, estimate) -> None:
    pdf.heading("Your weeks at a glance", 13, 1, keep=30)
    rows = []
    for week in plan.weeks:
        cells = ["" for _ in DAY_NAMES]
        for s in week.sessions:
            label = SHORT_KIND[s.kind]
            if s.kind != SessionKind.REST:
                label += f" {_minutes(estimate, s)}\u2032"
            cells[s.date.weekday()] = label
        rows.append([str(week.index), *(c or "-" for c in cells)])
    day_width = (pdf.content_width - 14) / 7
    widths = (14, *(day_width for _ in DAY_NAMES))
    table(pdf, ("Week", *DAY_NAMES), rows, widths, ("C", *("C" for _ in DAY_NAMES)))
    pdf.paragraph(
        "Minutes per session (\u2032). A dash is a free day: an easy walk is welcome. "
        + _phases_text(plan),
        9.5,
        colour=MUTED,
    )


def _phases_text(plan: Plan) -> str:
    """'Weeks 1-2: release and lengthen; weeks 3-4: ...' from the weeks' phases."""
    spans: list[tuple[str, list[int]]] = []
    for week in plan.weeks:
        if spans and spans[-1][0] == week.phase:
            spans[-1][1].append(week.index)
        else:
            spans.append((week.phase, [week.index]))
    parts = [f"{weeks_text(weeks)}: {phase.lower()}" for phase, weeks in spans]
    return (" ; ".join(parts).replace(" ; ", "; ") + ".").capitalize()


def _session_contents(pdf: Document, plan: Plan, exercises: Mapping[str, Exercise]) -> None:
    """Each kind of session once, with its exercises in one stable order."""
    order: dict[str, int] = {}
    kinds: dict[SessionKind, list[str]] = {}
    for session in plan.sessions():
        for p in session.prescriptions:
            order.setdefault(p.exercise_id, len(order))
            names = kinds.setdefault(session.kind, [])
            if p.exercise_id not in names:
                names.append(p.exercise_id)
    pdf.heading("What each session holds", 13, 2, keep=20)
    for kind, ids in kinds.items():
        names = [exercises[i].name if i in exercises else i for i in sorted(ids, key=order.get)]
        pdf.font(10.5, "B")
        pdf.cell(0, 5.5, SHORT_KIND[kind], new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.paragraph(", ".join(names) + ".", 10.5)
    pdf.paragraph(
        "Your dose for each exercise is on its card. Not every exercise comes every day; "
        "the app shows each day's list. " + LEGEND,
        9.5,
        colour=MUTED,
    )


def plan_handout_pdf(
    person_label: str,
    plan: Plan,
    exercises: Mapping[str, Exercise],
    *,
    page_size: str = "A4",
    clinic_name: str | None = None,
    figures: PoseFigures | None = pose_figures,
    estimate_seconds: Callable[[PlannedSession], int] | None = None,
) -> bytes:
    """The printable plan handout as PDF bytes (A4 or US Letter).

    ``person_label`` names the person on the first page ("" leaves the name out).
    ``exercises`` maps ids to catalogue entries (their positions also time the set-ups);
    ``figures`` gives each key pose of an exercise as (SVG, caption) (None leaves the pictures
    out). The PDF's creation date is the
    plan's, so the same plan gives the same document.
    """
    title = f"Plan for {person_label}" if person_label else "Your psoas plan"
    pdf = Document(page_size, title, created=plan.created_at)
    estimate = estimate_seconds or (lambda s: planned_session_seconds(s, exercises))
    _title(pdf, person_label, plan, clinic_name, estimate)
    _week_grid(pdf, plan, estimate)
    _session_contents(pdf, plan, exercises)
    pdf.boxed("When to stop and seek care", list(SEEK_CARE), WARN_BG, WARN_INK)
    exercise_cards(pdf, plan, exercises, figures)
    return pdf.to_bytes()
