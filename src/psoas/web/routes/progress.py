"""Progress: adherence, the pain trend with the meaningful-change rule, self-test and hip-angle
history, PSFS; charts as server-rendered SVG with the summary's sentences as text alternatives."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.responses import Response

from psoas.domain.progress.summary import ProgressSummary
from psoas.domain.records.measurements import Measurement, MeasurementKind, Side
from psoas.domain.records.session_logs import SessionLog
from psoas.domain.serial import to_primitive
from psoas.services import pages
from psoas.services.habits import HabitProgress
from psoas.web.charts import Line, bar_chart, line_chart, pain_chart
from psoas.web.deps import cached, context_of, person_id
from psoas.web.schemas import model_for
from psoas.web.templating import render

router = APIRouter(tags=["progress"])
SummaryOut = model_for(ProgressSummary)
HabitProgressOut = model_for(HabitProgress)


class ProgressOut(SummaryOut):  # type: ignore[valid-type, misc]
    habits: HabitProgressOut  # type: ignore[valid-type]


SIDE_CSS = {Side.LEFT: "series-b", Side.RIGHT: "series-c"}


def _side_lines(measurements: Sequence[Measurement], kind: MeasurementKind) -> list[Line]:
    lines = []
    for side in Side:
        points = tuple(
            (m.taken_at.date(), m.value) for m in measurements if m.kind is kind and m.side is side
        )
        if points:
            lines.append(Line(f"{side.value} side", points, SIDE_CSS[side]))
    return lines


def _psfs_lines(measurements: Sequence[Measurement]) -> list[Line]:
    activities: dict[str, list] = {}
    for m in measurements:
        if m.kind is MeasurementKind.PSFS:
            activities.setdefault(m.label or "activity", []).append((m.taken_at.date(), m.value))
    styles = ("series-b", "series-c", "series-a")
    return [
        Line(name, tuple(points), styles[i % 3])
        for i, (name, points) in enumerate(activities.items())
    ]


PAIN_MOMENTS = (
    ("before", "pain_before", "series-a"),
    ("during (highest)", "pain_during", "series-c"),
    ("after", "pain_after", "series-b"),
    ("next morning", "next_morning_pain", "series-d"),
)


def _session_pain_lines(logs: Sequence[SessionLog]) -> list[Line]:
    """Pain before, during, after each session and the next morning, one line each."""
    lines = []
    in_order = sorted(logs, key=lambda log: log.session_date)
    for name, attribute, css in PAIN_MOMENTS:
        points = tuple(
            (log.session_date, float(value))
            for log in in_order
            if (value := getattr(log, attribute)) is not None
        )
        if points:
            lines.append(Line(name, points, css))
    return lines


def session_pain_chart(logs: Sequence[SessionLog], summary: ProgressSummary) -> dict[str, Any]:
    lines = _session_pain_lines(logs)
    chart = line_chart(
        lines,
        title="Pain around each session, 0 to 10",
        description=summary.pain.sentence,
        low=0,
        high=10,
    )
    return {"svg": chart if lines else "", "legend": lines}


def weeks_chart(summary: ProgressSummary) -> str:
    weeks = [(w.week_start, w.planned, w.done) for w in summary.weeks][-12:]
    if not weeks:
        return ""
    text = "; ".join(f"week of {m.strftime('%d %b')}: {d} of {p} done" for m, p, d in weeks)
    return bar_chart(weeks, title="Sessions done and planned each week", description=text)


def charts(summary: ProgressSummary, measurements: Sequence[Measurement]) -> dict[str, Any]:
    """Each chart with the sentences that describe it (the text alternative)."""
    hip = _side_lines(measurements, MeasurementKind.HIP_ANGLE)
    self_test = _side_lines(measurements, MeasurementKind.SELF_TEST)
    psfs = _psfs_lines(measurements)
    side_text = (
        " ".join(s.sentence for s in summary.sides) or "No self-test or hip-angle readings yet."
    )
    psfs_text = " ".join(p.sentence for p in summary.psfs) or "No PSFS scores yet."
    return {
        "pain": pain_chart(summary.pain),
        "hip": line_chart(  # at least -30..30 degrees, wider when a reading is outside
            hip,
            title="Hip angle by side, in degrees (0 is level with the bench, above is positive)",
            description=side_text,
            low=min([-30.0] + [v for line in hip for _, v in line.points]),
            high=max([30.0] + [v for line in hip for _, v in line.points]),
        )
        if hip
        else "",
        "self_test": line_chart(
            self_test,
            title="Self-test by side (1 thigh above, 0 level, -1 below the bench line)",
            description=side_text,
            low=-1,
            high=1,
            tick_text={1: "above", 0: "level", -1: "below"},
        )
        if self_test
        else "",
        "psfs": line_chart(
            psfs,
            title="Hard activities, scored 0 (unable) to 10 (as before the problem)",
            description=psfs_text,
            low=0,
            high=10,
        )
        if psfs
        else "",
        "legend": {"hip": hip, "self_test": self_test, "psfs": psfs},
    }


@router.get("/progress", response_class=HTMLResponse, include_in_schema=False)
def progress_page(request: Request) -> Response:
    ctx = context_of(request)
    pid = person_id(request)

    def compute() -> dict[str, Any]:
        view = pages.progress_view(ctx, pid)
        return {
            "s": view.summary,
            "charts": charts(view.summary, view.measurements),
            "session_pain": session_pain_chart(view.logs, view.summary),
            "weeks_chart": weeks_chart(view.summary),
            "hp": view.habits,
        }

    context = {"active": "progress", **cached(request, "progress", compute)}
    return render(request, "progress.html", context)


@router.get("/api/progress", response_model=ProgressOut)
def progress_json(request: Request) -> Any:
    """Adherence, streak, pain trend, side changes against measurement error, PSFS, reviews and
    the daily habits (today's ticks, streak, last 7 days)."""
    ctx = context_of(request)
    pid = person_id(request)

    def compute() -> dict[str, Any]:
        view = pages.progress_view(ctx, pid, with_measurements=False)
        return {**to_primitive(view.summary), "habits": to_primitive(view.habits)}

    return cached(request, "progress-json", compute)
