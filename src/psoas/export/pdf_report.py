"""The progress report PDF for a clinician: adherence, pain trend with the meaningful-change
rule, self-test and hip-angle history, PSFS, the latest assessment's findings and the recent
plan changes with their reasons. Charts are vector drawings (``pdf_charts``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, time

from psoas.domain.catalogue.exercises import Exercise
from psoas.domain.planning.plans import PlanReview
from psoas.domain.progress.summary import ProgressSummary
from psoas.domain.records.measurements import Measurement, MeasurementKind, Side
from psoas.domain.records.session_logs import SessionLog
from psoas.domain.screening.assessment import Assessment
from psoas.export.pdf_base import ACCENT, MUTED, Document, long_date
from psoas.export.pdf_charts import LEFT_COLOUR, RIGHT_COLOUR, Series, bar_chart, line_chart
from psoas.export.pdf_report_sessions import recent_sessions
from psoas.export.pdf_table import table

_ANGLE_KINDS = (MeasurementKind.SELF_TEST, MeasurementKind.HIP_ANGLE, MeasurementKind.KNEE_ANGLE)
_MEASURE_NAMES = {
    MeasurementKind.SELF_TEST: "Self-test (thigh)",
    MeasurementKind.HIP_ANGLE: "Hip angle",
    MeasurementKind.KNEE_ANGLE: "Knee angle",
}
_THIGH = {1: "above", 0: "level", -1: "below"}


def _table(pdf: Document, header: Sequence[str], rows: Sequence[Sequence[str]], widths) -> None:
    table(pdf, header, rows, widths, size=9)


def _title(pdf: Document, person_label: str, summary: ProgressSummary, clinic: str | None) -> None:
    pdf.add_page()
    pdf.font(10, "B")
    pdf.set_text_color(*MUTED)
    pdf.cell(0, 5, pdf.clean(clinic or "psoas"), new_x="LMARGIN", new_y="NEXT")
    pdf.heading(f"Progress report: {person_label}" if person_label else "Progress report", 20, 1)
    pdf.script_note(person_label)
    pdf.paragraph(
        f"Prepared {long_date(summary.today)}. Figures come from the person's own logs and "
        "measurements; psoas screens and coaches, it does not diagnose.",
        9.5,
        colour=MUTED,
    )
    pain = summary.pain
    figures = [
        f"Sessions done: {summary.overall.done} of {summary.overall.planned} planned so far"
        f" ({summary.overall.percent if summary.overall.percent is not None else '-'} %);"
        f" streak {summary.streak.current} (best {summary.streak.best}).",
        f"Pain: {pain.direction}"
        + (
            f", {pain.baseline:g} -> {pain.latest:g} out of 10." if pain.latest is not None else "."
        ),
    ]
    figures += [p.sentence for p in summary.psfs if not p.activity][:1]
    pdf.boxed("Key figures", figures)


def _adherence(pdf: Document, summary: ProgressSummary) -> None:
    pdf.heading("Adherence", 13)
    pdf.bullets(
        [summary.week.sentence, summary.overall.sentence, summary.streak.sentence], size=9.5
    )
    bars = [(f"{w.week_start.day} {w.week_start:%b}", w.planned, w.done) for w in summary.weeks]
    if bars:
        pdf.paragraph("Sessions per week (weeks start on Monday)", 9, colour=MUTED)
        bar_chart(pdf, bars[-12:], height=28)


def _pain(pdf: Document, summary: ProgressSummary) -> None:
    trend = summary.pain
    pdf.heading("Pain trend (NRS 0-10)", 13, keep=70 if len(trend.points) >= 2 else 25)
    if len(trend.points) >= 2:
        guide = None
        if trend.baseline is not None and trend.threshold is not None and trend.baseline > 0:
            target = max(0.0, trend.baseline - trend.threshold)
            guide = (f"meaningful improvement at or below {target:g}", target)
        series = Series("pain", tuple((p.day, p.value) for p in trend.points), ACCENT)
        line_chart(pdf, [series], height=40, low=0, high=10, ticks=(0, 2, 4, 6, 8, 10), guide=guide)
    pdf.paragraph(trend.sentence, 9.5)
    pdf.paragraph(f"Source of the rule: {trend.source}.", 9, colour=MUTED)


def _angle_rows(measurements: Sequence[Measurement]) -> list[list[str]]:
    cells: dict[tuple, dict[Side, str]] = {}
    methods: dict[tuple, set[str]] = {}
    for m in sorted(measurements, key=lambda m: m.taken_at):
        if m.kind not in _ANGLE_KINDS or m.side is None:
            continue
        key = (m.taken_at.date(), m.kind)
        text = (
            _THIGH.get(round(m.value), "?")
            if m.kind == MeasurementKind.SELF_TEST
            else f"{m.value:g}°"
        )
        cells.setdefault(key, {})[m.side] = text
        methods.setdefault(key, set()).add(m.method.value.replace("_", " "))
    return [
        [
            f"{day:%Y-%m-%d}",
            _MEASURE_NAMES[kind],
            sides.get(Side.LEFT, "-"),
            sides.get(Side.RIGHT, "-"),
            ", ".join(sorted(methods[(day, kind)])),
        ]
        for (day, kind), sides in cells.items()
    ]


def _hip(pdf: Document, summary: ProgressSummary, measurements: Sequence[Measurement]) -> None:
    rows = _angle_rows(measurements)
    pdf.heading("Self-test and hip-angle history", 13, keep=70 if rows else 25)
    if not rows:
        pdf.paragraph("No self-test or angle measurements yet.", 9.5)
        return
    series = [
        Series(
            f"{side.value} hip angle", tuple((m.taken_at.date(), m.value) for m in points), colour
        )
        for side, colour in ((Side.LEFT, LEFT_COLOUR), (Side.RIGHT, RIGHT_COLOUR))
        if (
            points := [
                m for m in measurements if m.kind == MeasurementKind.HIP_ANGLE and m.side == side
            ]
        )
    ]
    if series:
        values = [v for s in series for _, v in s.points]
        low, high = min(-15.0, min(values) - 5), max(15.0, max(values) + 5)
        step = 10 if high - low <= 60 else 20
        ticks = [
            t for t in range(int(low) // step * step, int(high) + step, step) if low <= t <= high
        ]
        pdf.paragraph(
            "Hip angle in degrees: 0 = thigh level with the bench, positive = above it",
            8.5,
            colour=MUTED,
        )
        line_chart(pdf, series, height=36, low=low, high=high, ticks=ticks, unit="°")
    _table(
        pdf,
        ("Date", "Measure", "Left", "Right", "Method"),
        rows,
        (24, 36, 22, 22, pdf.content_width - 104),
    )
    pdf.bullets([s.sentence for s in summary.sides], size=9)


def _psfs(pdf: Document, summary: ProgressSummary, measurements: Sequence[Measurement]) -> None:
    pdf.heading("Patient-Specific Functional Scale", 13)
    items = [m for m in measurements if m.kind == MeasurementKind.PSFS]
    if not items:
        pdf.paragraph("No PSFS scores recorded yet.", 9.5)
        return
    rows = [
        [f"{m.taken_at:%Y-%m-%d}", m.label or "-", f"{m.value:g} / 10"]
        for m in sorted(items, key=lambda m: m.taken_at)
    ]
    _table(pdf, ("Date", "Activity", "Score"), rows, (24, pdf.content_width - 54, 30))
    pdf.bullets([p.sentence for p in summary.psfs], size=9)


def _assessment(pdf: Document, assessment: Assessment | None) -> None:
    pdf.heading("Latest assessment", 13)
    if assessment is None:
        pdf.paragraph("No assessment on record.", 9.5)
        return
    r = assessment.result
    cautions = ", ".join(sorted(c.value.replace("_", " ") for c in r.cautions)) or "none"
    pdf.bullets(
        [
            f"Taken {long_date(assessment.taken_at.date())}",
            _clearance(assessment),
            f"Triage: {r.triage.value.replace('_', ' ')}; profile: {r.profile.value.replace('_', ' ')}",
            f"Left-right difference beyond measurement error: {'yes' if r.asymmetry else 'no'}",
            f"Cautions: {cautions}",
        ],
        size=9.5,
    )
    for f in r.findings:
        side = f" ({f.side.value})" if f.side else ""
        pdf.font(9.5, "B")
        pdf.text_block(f.title + side, 5)
        pdf.paragraph(f.explanation, 9.5)
        strength = STRENGTH_WORDS.get(f.strength.value, f.strength.value)
        pdf.paragraph(f"Source: {f.source} ({strength}).", 9, colour=MUTED)


STRENGTH_WORDS = {
    "primary": "backed by a study or guideline",
    "secondary": "from a secondary source",
    "unconfirmed": "not confirmed by a published source",
}


def _clearance(assessment: Assessment) -> str:
    cleared = assessment.clinician_cleared_at
    if cleared is not None:
        return f"Cleared to exercise by a clinician: yes, recorded {long_date(cleared.date())}"
    if assessment.result.triage.allows_plan:
        return "Clearance by a clinician: not needed for this screening result"
    return "Cleared to exercise by a clinician: not recorded"


def _changes(pdf: Document, reviews: Sequence[PlanReview], names: Mapping[str, str]) -> None:
    pdf.heading("Recent plan changes and why", 13)
    recent = sorted(reviews, key=lambda r: r.created_at, reverse=True)[:3]
    if not recent:
        pdf.paragraph("No weekly review has changed the plan yet.", 9.5)
        return
    for review in recent:
        pdf.font(9.5, "B")
        title = f"Week {review.week_index} review, {long_date(review.created_at.date())}"
        pdf.text_block(title, 5)
        pdf.paragraph(review.summary, 9.5)
        lines = []
        for item in review.items:
            name = names.get(item.exercise_id, item.exercise_id)
            dose = ""
            if item.old_dose and item.new_dose and item.old_dose != item.new_dose:
                dose = f" ({item.old_dose.describe()} -> {item.new_dose.describe()})"
            if item.new_exercise_id:
                dose += f" -> {names.get(item.new_exercise_id, item.new_exercise_id)}"
            lines.append(f"{name}: {item.change.value}{dose}. {item.reason}")
        if review.load_change_pct is not None:
            lines.append(f"Weekly load change: {review.load_change_pct:+.0f} %")
        lines += [f"Flag: {flag}" for flag in review.flags]
        pdf.bullets(lines, size=9)


def progress_report_pdf(
    person_label: str,
    summary: ProgressSummary,
    assessment: Assessment | None,
    measurements: Sequence[Measurement],
    reviews: Sequence[PlanReview],
    *,
    exercises: Mapping[str, Exercise] | None = None,
    page_size: str = "A4",
    clinic_name: str | None = None,
    logs: Sequence[SessionLog] = (),
) -> bytes:
    """The clinician's progress report as PDF bytes (A4 or US Letter); dated summary.today."""
    created = datetime.combine(summary.today, time(0, 0), tzinfo=UTC)
    title = f"Progress report for {person_label}" if person_label else "psoas progress report"
    pdf = Document(page_size, title, created=created)
    names = {slug: e.name for slug, e in (exercises or {}).items()}
    _title(pdf, person_label, summary, clinic_name)
    _adherence(pdf, summary)
    _pain(pdf, summary)
    recent_sessions(pdf, logs, names)
    _hip(pdf, summary, measurements)
    _psfs(pdf, summary, measurements)
    _assessment(pdf, assessment)
    _changes(pdf, reviews, names)
    return pdf.to_bytes()
